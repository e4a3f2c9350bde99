package io.longshore.loadtest.recording;

import java.time.Instant;
import java.util.Map;

/**
 * CPU used over one sampling interval (about a second) ending at {@code time}, in cores (1.0 =
 * one core busy for the whole interval).
 *
 * @param coresByComponent the stack's processes that were alive, by component (see StackComponents)
 * @param machineBusyCores every process's and the kernel's busy time, over all {@code machineCores}
 */
public record CpuSample(Instant time, double seconds, Map<String, Double> coresByComponent,
                        double machineBusyCores, int machineCores) {
}
