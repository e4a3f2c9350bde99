package io.longshore.loadtest.cpu;

import io.longshore.loadtest.recording.CpuSample;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * CPU by stack component, from the difference between two readings of /proc: each process's
 * utime + stime, summed by component, and the machine's busy time from /proc/stat. Not thread-safe:
 * one sampling thread calls {@link #sample}.
 */
public final class ProcessCpuSampler {
    /** USER_HZ: 100 on every Linux architecture we run on, and what /proc reports in whatever HZ the kernel has. */
    static final int TICKS_PER_SECOND = 100;
    private static final String NOT_OURS = "";

    private final ProcFiles proc;
    private final long selfPid;
    /** Component by process (pid and start time, so a reused pid is read again); NOT_OURS for the rest. */
    private final Map<ProcessKey, String> components = new HashMap<>();
    private Map<ProcessKey, Long> lastTicks;
    private ProcStat.MachineTimes lastMachine;
    private long lastNanos;

    private record ProcessKey(long pid, long startTicks) {
    }

    public ProcessCpuSampler(ProcFiles proc, long selfPid) {
        this.proc = proc;
        this.selfPid = selfPid;
    }

    /** A sampler of this machine, or empty where there is no /proc. */
    public static Optional<ProcessCpuSampler> ofThisMachine() {
        return ProcFiles.linux().map(p -> new ProcessCpuSampler(p, ProcessHandle.current().pid()));
    }

    /**
     * Reads /proc now.
     *
     * @param nanoTime {@link System#nanoTime()} now: the interval's length, immune to wall-clock steps
     * @return the CPU used since the previous reading; empty on the first (it only sets the baseline)
     *         or when /proc/stat cannot be read
     */
    public Optional<CpuSample> sample(Instant time, long nanoTime) {
        Optional<ProcStat.MachineTimes> machine = proc.read("stat").map(ProcStat::parseMachine);
        if (machine.isEmpty()) {
            return Optional.empty();
        }
        Map<ProcessKey, Long> ticks = new HashMap<>();
        Map<String, Long> deltaByComponent = new TreeMap<>();
        Set<ProcessKey> alive = new HashSet<>();
        for (long pid : proc.pids()) {
            Optional<ProcStat.ProcessTimes> times = proc.read(pid + "/stat").flatMap(ProcessCpuSampler::parseOrSkip);
            if (times.isEmpty()) {
                continue;
            }
            ProcStat.ProcessTimes t = times.get();
            ProcessKey key = new ProcessKey(pid, t.startTicks());
            alive.add(key);
            String component = components.computeIfAbsent(key, k -> identify(k.pid(), t.comm()));
            if (component.equals(NOT_OURS)) {
                continue;
            }
            ticks.put(key, t.cpuTicks());
            // a process born since the last reading counts from its second one; its first second lands in "other"
            Long before = lastTicks == null ? null : lastTicks.get(key);
            deltaByComponent.merge(component, before == null ? 0 : Math.max(0, t.cpuTicks() - before), Long::sum);
        }
        components.keySet().retainAll(alive); // forget ended processes; the live ones' cmdline is read once
        Optional<CpuSample> result = Optional.empty();
        if (lastTicks != null && nanoTime > lastNanos) {
            double seconds = (nanoTime - lastNanos) / 1e9;
            result = Optional.of(toSample(time, seconds, deltaByComponent, lastMachine, machine.get()));
        }
        lastTicks = ticks;
        lastMachine = machine.get();
        lastNanos = nanoTime;
        return result;
    }

    /** The sample's arithmetic: ticks over the interval to cores. */
    static CpuSample toSample(Instant time, double seconds, Map<String, Long> deltaTicksByComponent,
                              ProcStat.MachineTimes before, ProcStat.MachineTimes now) {
        Map<String, Double> cores = new TreeMap<>();
        deltaTicksByComponent.forEach((c, d) -> cores.put(c, d / (double) TICKS_PER_SECOND / seconds));
        long total = now.totalTicks() - before.totalTicks();
        long busy = now.busyTicks() - before.busyTicks();
        // /proc/stat's own time base, so a late sampling thread does not skew the machine's share
        double busyShare = total <= 0 ? 0 : Math.max(0, Math.min(1, (double) busy / total));
        return new CpuSample(time, seconds, cores, busyShare * now.cores(), now.cores());
    }

    private String identify(long pid, String comm) {
        String cmdline = proc.read(pid + "/cmdline").orElse("");
        return StackComponents.identify(pid, comm, cmdline, selfPid).orElse(NOT_OURS);
    }

    private static Optional<ProcStat.ProcessTimes> parseOrSkip(String line) {
        try {
            return Optional.of(ProcStat.parseProcess(line));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
