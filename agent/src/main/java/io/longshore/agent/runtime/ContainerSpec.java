package io.longshore.agent.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container, in engine terms.
 *
 * @param memoryBytes            hard limit, or null for none
 * @param memoryReservationBytes soft limit, or null for none
 * @param networkMode            {@code bridge}, {@code host} or {@code none}
 * @param ports                  ports to publish (bridge mode only)
 * @param stopTimeoutSeconds     SIGTERM to SIGKILL grace the engine applies on stop
 * @param healthCheck            the check the engine runs in the container, or null for none
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> command,
        List<String> entryPoint,
        List<String> environment,
        String workingDirectory,
        int cpuShares,
        Long memoryBytes,
        Long memoryReservationBytes,
        Map<String, String> labels,
        String networkMode,
        List<PortPublication> ports,
        int stopTimeoutSeconds,
        HealthCheck healthCheck) {

    /** A container port published on a host address and port. */
    public record PortPublication(int containerPort, String protocol, String hostIp, int hostPort) {
    }

    /**
     * A health check the engine runs inside the container, with every default already applied.
     *
     * @param test    {@code ["CMD-SHELL", "cmd"]}, {@code ["CMD", "exe", "arg"...]}, or {@code ["NONE"]} to disable
     *                one the image defines
     * @param retries consecutive failures before the container counts as unhealthy
     */
    public record HealthCheck(List<String> test, Duration interval, Duration timeout, int retries,
                              Duration startPeriod) {
        public static final String NONE = "NONE";

        public HealthCheck {
            test = List.copyOf(test);
        }

        /** {@code ["NONE"]}: the image's own check is switched off and nothing is checked. */
        public boolean disabled() {
            return test.isEmpty() || NONE.equals(test.get(0));
        }
    }
}
