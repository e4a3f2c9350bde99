package io.longshore.loadtest.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.longshore.loadtest.recording.CpuSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessCpuSamplerTest {
    private static final long SELF = 900;
    private static final long SECOND = 1_000_000_000L;

    /** A /proc/<pid>/stat line with the given comm, utime, stime and start time; the rest as a real one has them. */
    private static String statLine(long pid, String comm, long utime, long stime, long start) {
        return pid + " (" + comm + ") S 1 " + pid + " " + pid + " 0 -1 4194560 5012 0 3 0 " + utime + " " + stime
                + " 0 0 20 0 42 0 " + start + " 3861032960 120012 18446744073709551615 1 1 0 0 0 0 0 4096 16384 0 0 0 17 1 0 0 0 0 0";
    }

    private static String machine(long user, long system, long idle) {
        return "cpu  " + user + " 0 " + system + " " + idle + " 0 0 0 0 0 0\n"
                + "cpu0 0 0 0 0 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\nintr 1 2 3\nctxt 99\n";
    }

    @Test
    void parsesAProcessLineWhoseCommHasSpacesAndParentheses() {
        ProcStat.ProcessTimes t = ProcStat.parseProcess(statLine(4242, "Web (Content) x", 1234, 56, 410276));
        assertThat(t.pid()).isEqualTo(4242);
        assertThat(t.comm()).isEqualTo("Web (Content) x");
        assertThat(t.cpuTicks()).isEqualTo(1290);
        assertThat(t.startTicks()).isEqualTo(410276);
        // one taken from this machine: `cat /proc/self/stat`
        ProcStat.ProcessTimes cat = ProcStat.parseProcess("27779 (cat) R 27769 27769 26161 0 -1 4194304 102 0 0 0 7 3 0 0 20 0 1 0 "
                + "410276 3133440 418 18446744073709551615 94527609192448 94527609212329 140720450744592 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n");
        assertThat(cat.comm()).isEqualTo("cat");
        assertThat(cat.cpuTicks()).isEqualTo(10);
        assertThat(ProcStat.parseProcess(statLine(1, ") S 1 (", 1, 1, 5)).comm()).isEqualTo(") S 1 (");
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.parseProcess("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parseProcess("12 (java) S 1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parseMachine("intr 1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesTheMachineLineLeavingGuestTimeOut() {
        ProcStat.MachineTimes m = ProcStat.parseMachine("cpu  526304 10 82451 198739 788 5 7667 302 900 0\n"
                + "cpu0 1 0 0 0 0 0 0 0 0 0\ncpu1 1 0 0 0 0 0 0 0 0 0\n");
        assertThat(m.busyTicks()).isEqualTo(526304 + 10 + 82451 + 5 + 7667 + 302);
        assertThat(m.totalTicks()).isEqualTo(m.busyTicks() + 198739 + 788);
        assertThat(m.cores()).isEqualTo(2);
    }

    @Test
    void identifiesTheStackFromCommandLines() {
        String controlPlane = String.join("\0", "/usr/lib/jvm/bin/java", "-XX:+UseG1GC",
                "-Dlauncher.longshore.component=control-plane", "-Dlauncher.longshore.home=/home/x/.longshore",
                "-jar", "control-plane/target/quarkus-app/quarkus-run.jar") + "\0";
        assertThat(StackComponents.identify(10, "java", controlPlane, SELF)).contains("control-plane");
        assertThat(StackComponents.identify(11, "java", "java\0-Dlauncher.longshore.component=agent-b\0-jar\0a.jar\0", SELF))
                .contains("agent-b");
        assertThat(StackComponents.identify(12, "java", "java\0-Xmx1g\0-cp\0/opt/kafka/libs/*\0kafka.Kafka\0server.properties\0", SELF))
                .contains("kafka");
        assertThat(StackComponents.identify(13, "java", "java\0-jar\0agent.jar\0--simulate\u0000500\0--simulation\0sim.json\0", SELF))
                .contains("fleet");
        assertThat(StackComponents.identify(SELF, "java", "java\0-jar\0quarkus-run.jar\0--scenario\0smoke\0", SELF))
                .contains("loadtest");
        // postgres rewrites its command line per backend; its comm stays
        assertThat(StackComponents.identify(14, "postgres", "postgres: longshore longshore 127.0.0.1(5012) idle", SELF))
                .contains("postgres");
        assertThat(StackComponents.identify(15, "dockerd", "/usr/bin/dockerd\0", SELF)).contains("docker");
        assertThat(StackComponents.identify(16, "containerd-shim", "/usr/bin/containerd-shim-runc-v2\0-namespace\0moby\0", SELF))
                .contains("docker");
        assertThat(StackComponents.identify(17, "bash", "bash\0-c\0grep -- --simulate x\0", SELF)).isEmpty();
        assertThat(StackComponents.identify(18, "kworker/0:1", "", SELF)).isEmpty();
        assertThat(StackComponents.identify(19, "java", "java\0-Dlauncher.longshore.component=\0", SELF)).isEmpty();
    }

    @Test
    void samplesCoresByComponentBetweenTwoReadings() {
        FakeProc proc = new FakeProc();
        proc.machine = machine(1000, 0, 1000);
        proc.process(20, "java", "java\0-Dlauncher.longshore.component=scheduler\0-jar\0s.jar\0", 500, 0, 7);
        proc.process(30, "postgres", "postgres: checkpointer", 100, 0, 8);
        proc.process(31, "postgres", "postgres: longshore idle", 10, 0, 9);
        proc.process(40, "bash", "bash\0", 50, 0, 10);
        ProcessCpuSampler sampler = new ProcessCpuSampler(proc, SELF);
        assertThat(sampler.sample(Instant.EPOCH, 0)).isEmpty(); // the baseline

        proc.machine = machine(1300, 50, 1050); // 350 of 400 ticks busy over two cores: 1.75 cores
        proc.process(20, "java", "java\0-Dlauncher.longshore.component=scheduler\0-jar\0s.jar\0", 590, 10, 7);
        proc.process(30, "postgres", "postgres: checkpointer", 120, 0, 8);
        proc.process(31, "postgres", "postgres: longshore idle", 15, 5, 9);
        proc.process(40, "bash", "bash\0", 150, 0, 10);
        CpuSample s = sampler.sample(Instant.EPOCH.plusSeconds(1), SECOND).orElseThrow();
        assertThat(s.seconds()).isEqualTo(1.0);
        assertThat(s.coresByComponent()).containsOnlyKeys("scheduler", "postgres");
        assertThat(s.coresByComponent().get("scheduler")).isCloseTo(1.0, within(1e-9));
        assertThat(s.coresByComponent().get("postgres")).isCloseTo(0.3, within(1e-9)); // both processes summed
        assertThat(s.machineBusyCores()).isCloseTo(1.75, within(1e-9));
        assertThat(s.machineCores()).isEqualTo(2);
        assertThat(proc.cmdlineReads).isEqualTo(4); // each process's command line once

        // the scheduler restarts on the same pid: a new process, counted from its next reading, never negative
        proc.machine = machine(1400, 50, 1250);
        proc.process(20, "java", "java\0-Dlauncher.longshore.component=scheduler\0-jar\0s.jar\0", 5, 0, 99);
        proc.pids.remove(Long.valueOf(31));
        CpuSample restart = sampler.sample(Instant.EPOCH.plusSeconds(3), 3 * SECOND).orElseThrow();
        assertThat(restart.seconds()).isEqualTo(2.0);
        assertThat(restart.coresByComponent().get("scheduler")).isZero();
        assertThat(restart.coresByComponent().get("postgres")).isZero();
        assertThat(restart.machineBusyCores()).isCloseTo(2 * 100 / 300.0, within(1e-9));
    }

    @Test
    void noProcStatNoSample() {
        FakeProc proc = new FakeProc();
        ProcessCpuSampler sampler = new ProcessCpuSampler(proc, SELF);
        assertThat(sampler.sample(Instant.EPOCH, 0)).isEmpty();
        assertThat(sampler.sample(Instant.EPOCH, SECOND)).isEmpty();
    }

    /** /proc as a map of file contents. */
    private static final class FakeProc implements ProcFiles {
        final List<Long> pids = new ArrayList<>();
        final Map<String, String> files = new HashMap<>();
        String machine;
        int cmdlineReads;

        void process(long pid, String comm, String cmdline, long utime, long stime, long start) {
            if (!pids.contains(pid)) {
                pids.add(pid);
            }
            files.put(pid + "/stat", statLine(pid, comm, utime, stime, start));
            files.put(pid + "/cmdline", cmdline);
        }

        @Override
        public List<Long> pids() {
            return List.copyOf(pids);
        }

        @Override
        public Optional<String> read(String path) {
            if (path.equals("stat")) {
                return Optional.ofNullable(machine);
            }
            if (path.endsWith("/cmdline")) {
                cmdlineReads++;
            }
            return pids.contains(Long.parseLong(path.substring(0, path.indexOf('/'))))
                    ? Optional.ofNullable(files.get(path)) : Optional.empty();
        }
    }
}
