package io.longshore.agent.instance;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the host has, for an agent that is not told what to offer. */
public final class HostResources {
    private HostResources() {
    }

    /** CPU units: 1024 per processor, as ECS counts them. */
    public static int cpuUnits() {
        return Runtime.getRuntime().availableProcessors() * 1024;
    }

    /** Total memory in MiB, from /proc/meminfo, else from the JVM's view of the OS. */
    public static int memoryMiB() {
        try {
            return memoryMiBFromMeminfo(Files.readAllLines(Path.of("/proc/meminfo")));
        } catch (IOException | RuntimeException e) {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return (int) (sun.getTotalMemorySize() / (1024 * 1024));
            }
            throw new IllegalStateException("cannot tell the host's memory; set longshore.agent.memory", e);
        }
    }

    static int memoryMiBFromMeminfo(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("MemTotal:")) {
                String kib = line.substring("MemTotal:".length()).trim().split("\\s+")[0];
                return (int) (Long.parseLong(kib) / 1024);
            }
        }
        throw new IllegalStateException("no MemTotal in /proc/meminfo");
    }
}
