package io.longshore.agent.runtime;

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
        int stopTimeoutSeconds) {

    /** A container port published on a host address and port. */
    public record PortPublication(int containerPort, String protocol, String hostIp, int hostPort) {
    }
}
