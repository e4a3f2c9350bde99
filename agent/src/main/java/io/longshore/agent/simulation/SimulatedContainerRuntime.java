package io.longshore.agent.simulation;

import io.longshore.agent.runtime.ContainerInfo;
import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.runtime.ContainerRuntimeException;
import io.longshore.agent.runtime.ContainerSpec;
import io.longshore.agent.runtime.ContainerUsage;
import io.longshore.agent.task.Labels;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.RegistryCredential.ImageReference;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A container engine in memory, for simulated hosts. A container's whole life is drawn when it is
 * created, from its {@link TaskLifecycle} and a random source seeded by the simulation's seed, the
 * task id and the container's name (so the same task behaves the same in every run, whatever order
 * tasks arrive in): whether its start fails, how long the start takes, when it exits and with which
 * code, and whether and when its health check fails. Its state is then computed from the clock on
 * each look, so a running container costs no thread and no timer.
 *
 * <p>The start delay is the one thing that takes real time: {@link #start} waits it out (at most
 * {@link TaskLifecycle#MAX_START_DELAY}), as Docker's start does, so the task's RUNNING report comes
 * that much later. A {@link SimulatedFleet} gives its runtimes no start delay and holds the
 * StartTask on its timer instead, so that no thread sleeps per task.
 */
public final class SimulatedContainerRuntime implements ContainerRuntime {
    /** What a container does on SIGTERM: a well-behaved process exits with 128 + 15. */
    static final int EXIT_ON_STOP = 143;

    /** How a start waits; tests pass one that advances their clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);

        Sleeper REAL = d -> LockSupport.parkNanos(TimeUnit.NANOSECONDS.convert(d));
    }

    /** One container's drawn life; times are null until it starts. */
    private static final class Container {
        final String id;
        final ContainerSpec spec;
        final Duration startDelay;
        final Duration runDuration; // null: forever
        final int exitCode;
        final boolean failsToStart;
        final Duration unhealthyAfter; // null: stays healthy
        volatile Instant startedAt;
        volatile Instant exitsAt;
        volatile Instant stoppedAt;

        Container(String id, ContainerSpec spec, Duration startDelay, Duration runDuration, int exitCode,
                  boolean failsToStart, Duration unhealthyAfter) {
            this.id = id;
            this.spec = spec;
            this.startDelay = startDelay;
            this.runDuration = runDuration;
            this.exitCode = exitCode;
            this.failsToStart = failsToStart;
            this.unhealthyAfter = unhealthyAfter;
        }

        boolean running(Instant now) {
            return startedAt != null && stoppedAt == null && (exitsAt == null || now.isBefore(exitsAt));
        }

        Instant finishedAt() {
            if (stoppedAt != null) {
                return stoppedAt;
            }
            return exitsAt;
        }

        ContainerInfo info(Instant now, boolean listed) {
            boolean running = running(now);
            Integer code = null;
            if (!running && !listed) {
                code = startedAt == null ? 0 : stoppedAt != null && (exitsAt == null || stoppedAt.isBefore(exitsAt))
                        ? EXIT_ON_STOP : exitCode;
            }
            return new ContainerInfo(id, spec.name(), spec.labels(), running, code, startedAt,
                    running ? null : finishedAt(), running ? health(now) : null);
        }

        /** When this running container's health result next changes by itself, or null when it never does. */
        Instant healthChangeAfter(Instant now) {
            ContainerSpec.HealthCheck check = spec.healthCheck();
            if (check == null || check.disabled() || startedAt == null) {
                return null;
            }
            Instant healthy = startedAt.plus(check.startPeriod()).plus(check.interval());
            if (now.isBefore(healthy)) {
                return healthy;
            }
            Instant unhealthy = unhealthyAfter == null ? null : startedAt.plus(unhealthyAfter);
            return unhealthy != null && now.isBefore(unhealthy) ? unhealthy : null;
        }

        HealthStatus health(Instant now) {
            ContainerSpec.HealthCheck check = spec.healthCheck();
            if (check == null || check.disabled() || startedAt == null) {
                return null;
            }
            Duration sinceStart = Duration.between(startedAt, now);
            if (unhealthyAfter != null && sinceStart.compareTo(unhealthyAfter) >= 0) {
                return HealthStatus.UNHEALTHY;
            }
            // the first check passes one interval after the start period
            return sinceStart.compareTo(check.startPeriod().plus(check.interval())) >= 0
                    ? HealthStatus.HEALTHY : HealthStatus.UNKNOWN;
        }
    }

    private final TaskLifecycle lifecycle;
    private final long seed;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ConcurrentHashMap<String, Container> containers = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean called = new AtomicBoolean();
    private final String idPrefix;

    /**
     * @param idPrefix makes container ids unique across the hosts of a fleet (e.g. the host's index)
     */
    public SimulatedContainerRuntime(TaskLifecycle lifecycle, long seed, String idPrefix, Clock clock, Sleeper sleeper) {
        this.lifecycle = lifecycle;
        this.seed = seed;
        this.idPrefix = idPrefix;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public void ping() {
    }

    @Override
    public boolean imagePresent(String image) {
        return true; // every image is "cached": pulls are not what a simulation measures
    }

    @Override
    public void pull(ImageReference image, RegistryCredential credential, Duration timeout) {
    }

    @Override
    public String create(ContainerSpec spec) {
        SplittableRandom random = randomFor(spec);
        boolean failsToStart = random.nextDouble() < lifecycle.startFailureRate();
        Duration startDelay = cap(lifecycle.startDelay().sample(random));
        Duration runDuration = lifecycle.runDuration().sample(random);
        int exitCode = lifecycle.exitCodes().draw(random);
        Duration unhealthyAfter = null;
        ContainerSpec.HealthCheck check = spec.healthCheck();
        if (check != null && !check.disabled() && random.nextDouble() < lifecycle.healthCheckFailureRate()) {
            // healthy at first, then `retries` failures in a row at some point within ten intervals
            long intervals = 1 + check.retries() + random.nextInt(10);
            unhealthyAfter = check.startPeriod().plus(check.interval().multipliedBy(intervals));
        }
        called.set(true);
        String id = idPrefix + "-" + Long.toString(ids.incrementAndGet(), 36);
        containers.put(id, new Container(id, spec, startDelay, runDuration, exitCode, failsToStart, unhealthyAfter));
        return id;
    }

    @Override
    public void start(String containerId) {
        Container container = containers.get(containerId);
        if (container == null) {
            throw new ContainerRuntimeException("Status 404: No such container: " + containerId, null);
        }
        if (!container.startDelay.isZero()) {
            sleeper.sleep(container.startDelay);
        }
        if (container.failsToStart) {
            throw new ContainerRuntimeException("Status 500: failed to create task for container: simulated start"
                    + " failure of " + container.spec.name(), null);
        }
        Instant now = clock.instant();
        container.startedAt = now;
        container.exitsAt = container.runDuration == null ? null : now.plus(container.runDuration);
        called.set(true);
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        Container container = containers.get(containerId);
        if (container != null && container.running(clock.instant())) {
            container.stoppedAt = clock.instant();
        }
        called.set(true);
    }

    @Override
    public Optional<ContainerInfo> inspect(String containerId) {
        Container container = containers.get(containerId);
        return container == null ? Optional.empty() : Optional.of(container.info(clock.instant(), false));
    }

    @Override
    public void remove(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public List<ContainerInfo> listByLabel(String key, String value) {
        Instant now = clock.instant();
        return containers.values().stream()
                .filter(c -> value.equals(c.spec.labels().get(key)))
                .map(c -> c.info(now, true))
                .toList();
    }

    /**
     * With {@link TaskLifecycle#usage()}: a steady reading of a third of the container's CPU shares
     * and half its memory reservation (or limit, or 128 MiB); otherwise none.
     */
    @Override
    public Optional<ContainerUsage> usage(String containerId) {
        Container container = containers.get(containerId);
        Instant now = clock.instant();
        if (!lifecycle.usage() || container == null || !container.running(now)) {
            return Optional.empty();
        }
        long elapsed = Math.max(0, Duration.between(container.startedAt, now).toNanos());
        int cpus = 2;
        double cores = Math.max(container.spec.cpuShares(), 2) / 1024.0 / 3;
        long memory = container.spec.memoryReservationBytes() != null ? container.spec.memoryReservationBytes()
                : container.spec.memoryBytes() != null ? container.spec.memoryBytes() : 128L << 20;
        return Optional.of(new ContainerUsage(Math.round(elapsed * cores), elapsed * cpus, cpus, memory / 2, 0, now));
    }

    /**
     * Whether a container was created, started or stopped since the last call: a watch pass must
     * then look, whatever {@link #nextChangeAfter} said before.
     */
    public boolean takeCalledSinceLastLook() {
        return called.getAndSet(false);
    }

    /**
     * The earliest moment after {@code now} at which a running container changes by itself (exits,
     * or gets a new health result), or null when none ever will (forever tasks without health
     * checks): until then a watch pass would find nothing, so the fleet skips it.
     */
    public Instant nextChangeAfter(Instant now) {
        Instant next = null;
        for (Container container : containers.values()) {
            if (!container.running(now)) {
                continue;
            }
            for (Instant change : new Instant[] {container.exitsAt, container.healthChangeAfter(now)}) {
                if (change != null && (next == null || change.isBefore(next))) {
                    next = change;
                }
            }
        }
        return next;
    }

    /** How many containers exist (running or exited, not removed). */
    public int containerCount() {
        return containers.size();
    }

    private SplittableRandom randomFor(ContainerSpec spec) {
        Map<String, String> labels = spec.labels();
        String who = labels.getOrDefault(Labels.TASK_ID, spec.name()) + "/" + labels.getOrDefault(Labels.CONTAINER_NAME,
                spec.name());
        return new SplittableRandom(seed ^ fnv1a(who));
    }

    private static Duration cap(Duration delay) {
        return delay.compareTo(TaskLifecycle.MAX_START_DELAY) > 0 ? TaskLifecycle.MAX_START_DELAY : delay;
    }

    /** A stable 64-bit hash: String.hashCode's 32 bits collide too often across 100,000 tasks. */
    static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
