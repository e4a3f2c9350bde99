package io.longshore.loadtest.stats;

import io.longshore.common.messaging.InstanceState;
import io.longshore.loadtest.recording.ClusterReplay;
import io.longshore.loadtest.recording.InstanceDirectory;
import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.recording.TaskEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Cluster utilization over time (allocated / registered CPU and memory, per second) and stranded
 * capacity at the moment of peak allocation: free capacity on instances where the workload's
 * smallest task no longer fits, as a share of all free capacity. Binpacking well keeps it low.
 */
public final class CapacityAnalysis {

    /**
     * @param cpuShare     per second, allocated CPU / registered CPU (0..1)
     * @param memoryShare  per second, allocated memory / registered memory
     * @param strandedCpuShare    at peak: free CPU on instances the smallest task fits no more / all free CPU
     * @param strandedMemoryShare likewise for memory
     */
    public record Result(double[] cpuShare, double[] memoryShare, long registeredCpu, long registeredMemory,
                         long peakAllocatedCpu, long peakAllocatedMemory, int peakSecond,
                         double strandedCpuShare, double strandedMemoryShare, int instancesFull,
                         int instancesWithStrandedCapacity, int instances) {
    }

    private CapacityAnalysis() {
    }

    /** @param smallestCpu, smallestMemory the smallest task shape of the workload */
    public static Result analyse(Recording recording, int seconds, int smallestCpu, int smallestMemory) {
        InstanceDirectory directory = InstanceDirectory.of(recording.instances());
        long registeredCpu = 0;
        long registeredMemory = 0;
        for (InstanceState s : directory.all()) {
            if (s.resources() != null) {
                registeredCpu += s.resources().cpu();
                registeredMemory += s.resources().memory();
            }
        }
        // the level at the end of each second is its last change; seconds without a change carry the one before
        long[] cpuAt = new long[seconds];
        long[] memoryAt = new long[seconds];
        boolean[] changedIn = new boolean[seconds];
        long[] totals = new long[2];
        long[] peak = new long[]{-1, 0};
        int[] peakSecond = new int[]{0};
        Map<String, long[]> current = new HashMap<>();
        Map<String, long[]> atPeak = new HashMap<>();
        ClusterReplay.replay(recording.taskEvents(), new ClusterReplay.Listener() {
            @Override
            public void changed(TaskEvent event, String instanceId, ClusterReplay.Holdings after) {
                long[] was = current.getOrDefault(instanceId, new long[2]);
                totals[0] += after.cpu() - was[0];
                totals[1] += after.memory() - was[1];
                current.put(instanceId, new long[]{after.cpu(), after.memory()});
                int second = (int) Math.max(0, Duration.between(recording.start(), event.time()).toMillis() / 1000);
                if (second < seconds) {
                    cpuAt[second] = totals[0];
                    memoryAt[second] = totals[1];
                    changedIn[second] = true;
                }
                if (totals[0] + totals[1] > peak[0] + peak[1]) {
                    peak[0] = totals[0];
                    peak[1] = totals[1];
                    peakSecond[0] = Math.min(second, Math.max(0, seconds - 1));
                    atPeak.clear();
                    current.forEach((k, v) -> atPeak.put(k, v.clone()));
                }
            }
        });
        double[] cpuShare = new double[seconds];
        double[] memoryShare = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            if (!changedIn[s] && s > 0) {
                cpuAt[s] = cpuAt[s - 1];
                memoryAt[s] = memoryAt[s - 1];
            }
            cpuShare[s] = registeredCpu == 0 ? 0 : (double) cpuAt[s] / registeredCpu;
            memoryShare[s] = registeredMemory == 0 ? 0 : (double) memoryAt[s] / registeredMemory;
        }

        long freeCpu = 0;
        long freeMemory = 0;
        long strandedCpu = 0;
        long strandedMemory = 0;
        int full = 0;
        int stranded = 0;
        for (InstanceState s : directory.all()) {
            if (s.resources() == null) {
                continue;
            }
            long[] held = atPeak.getOrDefault(s.containerInstanceId(), new long[2]);
            long fc = s.resources().cpu() - held[0];
            long fm = s.resources().memory() - held[1];
            freeCpu += Math.max(0, fc);
            freeMemory += Math.max(0, fm);
            boolean fits = fc >= smallestCpu && fm >= smallestMemory;
            if (!fits) {
                if (fc > 0 || fm > 0) {
                    stranded++;
                    strandedCpu += Math.max(0, fc);
                    strandedMemory += Math.max(0, fm);
                } else {
                    full++;
                }
            }
        }
        return new Result(cpuShare, memoryShare, registeredCpu, registeredMemory, Math.max(0, peak[0]), peak[1],
                peakSecond[0], freeCpu == 0 ? 0 : (double) strandedCpu / freeCpu,
                freeMemory == 0 ? 0 : (double) strandedMemory / freeMemory, full, stranded, directory.all().size());
    }
}
