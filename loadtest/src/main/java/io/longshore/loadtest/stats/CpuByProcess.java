package io.longshore.loadtest.stats;

import io.longshore.loadtest.recording.CpuSample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Which component used the machine's CPU during the workload, and whether the CPU capped throughput (pure). */
public final class CpuByProcess {
    /** The machine's busy share from which we call it saturated: the last few percent go to the kernel and to waits. */
    public static final double SATURATED = 0.90;
    /** The share of the machine's busy time from which the busiest component counts as the cap. */
    public static final double DOMINANT = 0.40;
    /** The machine's busy time no stack component accounts for: other programs, the kernel, processes too short-lived to sample. */
    public static final String OTHER = "other";

    private CpuByProcess() {
    }

    /**
     * @param percentPerSecond per sample, % of one core (100 = one core busy all the time)
     */
    public record ComponentCpu(double meanPercent, double peakPercent, double[] percentPerSecond) {
        public double meanCores() {
            return meanPercent / 100;
        }
    }

    /**
     * @param components            by mean, busiest first, {@code other} included
     * @param machineBusyPercent    the whole machine's busy share over the workload (100 = every core busy)
     * @param busiest               the stack component with the highest mean ({@code other} is never it), or null
     */
    public record Result(int cores, double machineBusyPercent, double machineBusyPeakPercent,
                         double[] machineBusyPercentPerSecond, Map<String, ComponentCpu> components,
                         String busiest, String capNote) {
    }

    /** @return null without samples (no /proc, or a run shorter than two readings) */
    public static Result summarise(List<CpuSample> samples) {
        if (samples.isEmpty()) {
            return null;
        }
        int cores = samples.get(samples.size() - 1).machineCores();
        TreeSet<String> names = new TreeSet<>();
        samples.forEach(s -> names.addAll(s.coresByComponent().keySet()));
        Map<String, double[]> coresPerSample = new LinkedHashMap<>();
        for (String name : names) {
            coresPerSample.put(name, samples.stream().mapToDouble(s -> s.coresByComponent().getOrDefault(name, 0.0)).toArray());
        }
        coresPerSample.put(OTHER, samples.stream().mapToDouble(CpuByProcess::otherCores).toArray());
        double[] machine = samples.stream().mapToDouble(CpuSample::machineBusyCores).toArray();

        List<Map.Entry<String, ComponentCpu>> ranked = new ArrayList<>();
        coresPerSample.forEach((name, v) -> ranked.add(Map.entry(name, component(v, samples))));
        ranked.sort(Comparator.comparingDouble((Map.Entry<String, ComponentCpu> e) -> e.getValue().meanPercent()).reversed());
        Map<String, ComponentCpu> components = new LinkedHashMap<>();
        ranked.forEach(e -> components.put(e.getKey(), e.getValue()));
        String busiest = ranked.stream().map(Map.Entry::getKey).filter(n -> !n.equals(OTHER)).findFirst().orElse(null);

        double machineBusyCores = weightedMean(machine, samples);
        double[] machinePercent = new double[machine.length];
        for (int i = 0; i < machine.length; i++) {
            machinePercent[i] = round(machine[i] / cores * 100);
        }
        Map<String, Double> meanCores = new LinkedHashMap<>();
        components.forEach((n, c) -> meanCores.put(n, c.meanCores()));
        return new Result(cores, round(machineBusyCores / cores * 100), round(max(machine) / cores * 100), machinePercent,
                components, busiest, capNote(meanCores, busiest, machineBusyCores, cores));
    }

    /**
     * The one-line verdict.
     *
     * @param meanCores        every component's mean cores, busiest first ({@code other} among them)
     * @param machineBusyCores the machine's mean busy cores over the workload
     */
    public static String capNote(Map<String, Double> meanCores, String busiest, double machineBusyCores, int cores) {
        double busyShare = machineBusyCores / cores;
        if (busiest == null) {
            return String.format(Locale.ROOT, "no Longshore process was found on this machine; it was %.0f%% busy",
                    busyShare * 100);
        }
        double used = meanCores.get(busiest);
        String usage = String.format(Locale.ROOT, "%s used %.2f of %d cores (%.0f%% of the machine's busy time)",
                busiest, used, cores, machineBusyCores <= 0 ? 0 : Math.min(100, used / machineBusyCores * 100));
        if (busyShare >= SATURATED) {
            List<String> next = new ArrayList<>();
            meanCores.forEach((name, c) -> {
                if (!name.equals(busiest) && next.size() < 2) {
                    next.add(String.format(Locale.ROOT, "%s %.2f", name, c));
                }
            });
            String others = next.isEmpty() ? "" : " (next: " + String.join(", ", next) + " cores)";
            // a component that holds a minority of the busy time is the largest share, not the cap
            String verdict = used / machineBusyCores >= DOMINANT
                    ? busiest + " caps throughput" : "no single component dominates: every one would have to do less";
            return String.format(Locale.ROOT, "%s while the machine was %.0f%% busy: the machine is saturated and %s%s",
                    usage, busyShare * 100, verdict, others);
        }
        // one busy thread shows as one core: on a bigger machine that caps a single-threaded part unseen by the total
        String oneCore = cores > 1 && used >= 0.9 && used <= 1.1
                ? "; it held about one core, which caps it if its work runs on one thread" : "";
        return String.format(Locale.ROOT, "no CPU cap was seen: the machine was %.0f%% busy; %s%s",
                busyShare * 100, usage, oneCore);
    }

    /** What the machine was busy with beyond the stack's processes (never below zero: the two are read a hair apart). */
    private static double otherCores(CpuSample s) {
        double ours = s.coresByComponent().values().stream().mapToDouble(Double::doubleValue).sum();
        return Math.max(0, s.machineBusyCores() - ours);
    }

    private static ComponentCpu component(double[] cores, List<CpuSample> samples) {
        double[] percent = new double[cores.length];
        for (int i = 0; i < cores.length; i++) {
            percent[i] = round(cores[i] * 100);
        }
        return new ComponentCpu(round(weightedMean(cores, samples) * 100), round(max(cores) * 100), percent);
    }

    /** The mean over the workload's time: a sample taken late covers more of it. */
    private static double weightedMean(double[] values, List<CpuSample> samples) {
        double sum = 0;
        double seconds = 0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * samples.get(i).seconds();
            seconds += samples.get(i).seconds();
        }
        return seconds <= 0 ? 0 : sum / seconds;
    }

    private static double max(double[] values) {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
