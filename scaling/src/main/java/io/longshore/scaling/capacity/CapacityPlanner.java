package io.longshore.scaling.capacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cluster auto scaling's arithmetic for one capacity provider (ECS managed scaling): how many hosts
 * the group needs, by first-fit-decreasing binpacking of the tasks waiting in PROVISIONING onto
 * the free capacity of its hosts (starting ones as empty hosts of the group's shape) and then onto
 * new hosts; the reservation M / N × 100; and what to launch or terminate to bring it to the
 * target. Pure: the caller says what runs, what waits and what time it is.
 */
public final class CapacityPlanner {
    private CapacityPlanner() {
    }

    /**
     * @param sustainedBelowTarget the reservation has been below the target long enough (ECS: 15
     *                             minutes) for hosts to be taken away; scale-in is slow on purpose
     */
    public static CapacityPlan plan(ManagedScaling scaling, int minSize, int maxSize, HostShape shape,
                                    List<GroupHost> hosts, List<TaskNeed> waiting, boolean sustainedBelowTarget,
                                    Instant now) {
        List<GroupHost> inService = hosts.stream().filter(h -> !h.draining()).toList();
        List<Bin> bins = new ArrayList<>();
        for (GroupHost host : inService) {
            bins.add(host.registered() ? new Bin(host, host.freeCpu(), host.freeMemory(), !host.empty())
                    : new Bin(host, shape.cpu(), shape.memory(), false));
        }
        int unplaceable = 0;
        int newHosts = 0;
        List<TaskNeed> largestFirst = new ArrayList<>(waiting);
        largestFirst.sort(Comparator.comparingInt(TaskNeed::memory).thenComparingInt(TaskNeed::cpu).reversed());
        for (TaskNeed task : largestFirst) {
            if (!shape.holds(task)) {
                unplaceable++;
                continue;
            }
            Bin bin = bins.stream().filter(b -> b.fits(task)).findFirst().orElse(null);
            if (bin == null) {
                bin = new Bin(null, shape.cpu(), shape.memory(), false);
                bins.add(bin);
                newHosts++;
            }
            bin.take(task);
        }
        int needed = (int) bins.stream().filter(b -> b.used).count();
        int running = inService.size();
        double reservation = running == 0 ? (needed > 0 ? 200 : 100) : needed * 100.0 / running;
        // the group's size that puts the reservation at (or just under) the target
        int wanted = (int) Math.ceil(needed * 100.0 / scaling.targetCapacity() - 1e-9);

        int launch = 0;
        if (running < minSize || (wanted > running && !warmingUp(inService, scaling, now))) {
            int step = Math.max(scaling.minimumScalingStepSize(),
                    Math.min(scaling.maximumScalingStepSize(), Math.max(wanted, minSize) - running));
            launch = Math.max(0, Math.min(maxSize, running + step) - running);
        }
        List<String> terminate = List.of();
        if (launch == 0 && wanted < running && running > minSize && sustainedBelowTarget && newHosts == 0) {
            int count = Math.min(Math.min(running - wanted, running - minSize), scaling.maximumScalingStepSize());
            terminate = bins.stream()
                    .filter(b -> b.host != null && b.host.registered() && !b.used)
                    // the most recently launched first: the longest-lived hosts are the ones people know
                    .sorted(Comparator.comparing((Bin b) -> b.host.launchedAt()).reversed()
                            .thenComparing(b -> b.host.hostId()))
                    .limit(count)
                    .map(b -> b.host.hostId())
                    .toList();
        }
        return new CapacityPlan(needed, running, reservation, launch, terminate, unplaceable);
    }

    private static boolean warmingUp(List<GroupHost> hosts, ManagedScaling scaling, Instant now) {
        return hosts.stream().anyMatch(h -> now.isBefore(h.launchedAt().plus(scaling.instanceWarmupPeriod())));
    }

    /** A host's free capacity during the packing; used once it holds a task (or already did). */
    private static final class Bin {
        final GroupHost host;
        int cpu;
        int memory;
        boolean used;

        Bin(GroupHost host, int cpu, int memory, boolean used) {
            this.host = host;
            this.cpu = cpu;
            this.memory = memory;
            this.used = used;
        }

        boolean fits(TaskNeed task) {
            return task.cpu() <= cpu && task.memory() <= memory;
        }

        void take(TaskNeed task) {
            cpu -= task.cpu();
            memory -= task.memory();
            used = true;
        }
    }
}
