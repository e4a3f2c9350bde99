package io.longshore.loadtest.cpu;

/** Parses /proc/&lt;pid&gt;/stat and /proc/stat (pure). Times are in clock ticks (USER_HZ). */
public final class ProcStat {
    // field numbers of proc(5), counted from 1 (pid) — after the comm they are 0-based from the state (field 3)
    private static final int UTIME = 14 - 3;
    private static final int STIME = 15 - 3;
    private static final int STARTTIME = 22 - 3;

    private ProcStat() {
    }

    /**
     * One process's CPU time so far.
     *
     * @param startTicks when it started (ticks since boot): with the pid it tells a reused pid from the old process
     * @param cpuTicks   user + system time of all its threads
     */
    public record ProcessTimes(long pid, String comm, long startTicks, long cpuTicks) {
    }

    /** Time of all CPUs since boot: busy (user, nice, system, irq, softirq, steal) and all of it (busy + idle + iowait). */
    public record MachineTimes(long busyTicks, long totalTicks, int cores) {
    }

    /**
     * A /proc/&lt;pid&gt;/stat line. The comm is whatever the process named itself, spaces and
     * parentheses included, so it runs from the first '(' to the last ')'.
     *
     * @throws IllegalArgumentException when the line is not one
     */
    public static ProcessTimes parseProcess(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        String[] fields = line.substring(close + 1).trim().split("\\s+");
        if (fields.length <= STARTTIME) {
            throw new IllegalArgumentException("too few fields in /proc/<pid>/stat: " + line);
        }
        try {
            return new ProcessTimes(Long.parseLong(line.substring(0, open).trim()), line.substring(open + 1, close),
                    Long.parseLong(fields[STARTTIME]), Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line, e);
        }
    }

    /**
     * /proc/stat: the aggregate "cpu" line and the count of "cpuN" lines. guest time is left out
     * because the kernel already counts it in user.
     *
     * @throws IllegalArgumentException when there is no "cpu" line
     */
    public static MachineTimes parseMachine(String procStat) {
        long busy = -1;
        long total = 0;
        int cores = 0;
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.substring(4).trim().split("\\s+");
                long[] v = new long[8];
                for (int i = 0; i < v.length && i < f.length; i++) {
                    v[i] = Long.parseLong(f[i]);
                }
                // user nice system idle iowait irq softirq steal
                busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
                total = busy + v[3] + v[4];
            } else if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                cores++;
            }
        }
        if (busy < 0) {
            throw new IllegalArgumentException("no cpu line in /proc/stat");
        }
        return new MachineTimes(busy, total, Math.max(1, cores));
    }
}
