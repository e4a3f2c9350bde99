package io.longshore.loadtest.report;

import java.time.Instant;
import java.util.Map;

/**
 * What the report says about the run itself rather than the system: how it was started, on what,
 * why it stopped, and what the generator sent.
 *
 * @param stopReason  {@code settled} (workload done, every task settled), {@code duration} (the
 *                    hard stop came first) or {@code interrupted}
 */
public record RunInfo(String runId, String scenarioName, String scenarioDescription, String scenarioSource,
                      String cluster, String commandLine, Instant startedAt, Instant endedAt, String stopReason,
                      long requestsSent, long requestsFailed, boolean requestBoundReached,
                      Machine machine, Map<String, String> versions) {

    /** The machine the run was on. */
    public record Machine(String hostName, int cores, long memoryMiB, String os, String jvm) {
        public static Machine current() {
            long memory = Runtime.getRuntime().maxMemory();
            var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean) {
                memory = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
            }
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "unknown";
            }
            return new Machine(host, Runtime.getRuntime().availableProcessors(), memory / (1024 * 1024),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                    System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        }
    }
}
