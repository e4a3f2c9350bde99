package io.longshore.agent.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.HealthState;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatsConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.RegistryCredential.ImageReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ContainerRuntime} on a Docker engine, through docker-java (API version negotiated, not pinned). */
public final class DockerContainerRuntime implements ContainerRuntime, AutoCloseable {
    private static final Pattern ENGINE_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final String PULL_FAILED = "Could not pull image:";
    private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");
    /** The engine answers a one-shot stats call at its next collection, about a second away. */
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(30);

    private final DockerClient docker;

    public DockerContainerRuntime(DockerClient docker) {
        this.docker = docker;
    }

    /** A client for the engine at {@code dockerHost} (e.g. {@code unix:///var/run/docker.sock}). */
    public static DockerContainerRuntime connect(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(10))
                // a stop waits for the container's stopTimeout (ECS allows up to 120 s) before answering
                .responseTimeout(Duration.ofMinutes(3))
                .build();
        return new DockerContainerRuntime(DockerClientImpl.getInstance(config, http));
    }

    @Override
    public void ping() {
        run(() -> docker.pingCmd().exec());
    }

    @Override
    public boolean imagePresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public void pull(ImageReference image, RegistryCredential credential, Duration timeout) {
        PullImageCmd cmd = docker.pullImageCmd(image.qualifiedRepository()).withTag(image.tagOrDigest());
        if (credential != null) {
            cmd.withAuthConfig(new AuthConfig()
                    .withUsername(credential.username())
                    .withPassword(credential.password())
                    .withRegistryAddress(credential.registry()));
        }
        PullImageResultCallback callback = null;
        try {
            callback = cmd.exec(new PullImageResultCallback());
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ContainerRuntimeException("pull of " + image.qualifiedRepository() + ":"
                        + image.tagOrDigest() + " did not finish within " + timeout.toSeconds() + " s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("pull of " + image.qualifiedRepository() + " was interrupted", e);
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            closeQuietly(callback); // ends the engine's progress stream, also after a timeout
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // the stream is gone either way
        }
    }

    @Override
    public String create(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig()
                .withCpuShares(spec.cpuShares())
                .withNetworkMode(spec.networkMode());
        if (spec.memoryBytes() != null) {
            host.withMemory(spec.memoryBytes());
        }
        if (spec.memoryReservationBytes() != null) {
            host.withMemoryReservation(spec.memoryReservationBytes());
        }
        Ports bindings = new Ports();
        List<ExposedPort> exposed = spec.ports().stream()
                .map(p -> new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol())))
                .distinct()
                .toList();
        for (ContainerSpec.PortPublication p : spec.ports()) {
            bindings.bind(new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol())),
                    Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
        }
        if (!spec.ports().isEmpty()) {
            host.withPortBindings(bindings);
        }
        return call(() -> {
            CreateContainerCmd cmd = docker.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withEnv(spec.environment())
                    .withLabels(spec.labels())
                    .withStopTimeout(spec.stopTimeoutSeconds())
                    .withHostConfig(host);
            if (!exposed.isEmpty()) {
                cmd.withExposedPorts(exposed);
            }
            if (spec.command() != null && !spec.command().isEmpty()) {
                cmd.withCmd(spec.command());
            }
            if (spec.entryPoint() != null && !spec.entryPoint().isEmpty()) {
                cmd.withEntrypoint(spec.entryPoint());
            }
            if (spec.workingDirectory() != null && !spec.workingDirectory().isBlank()) {
                cmd.withWorkingDir(spec.workingDirectory());
            }
            if (spec.healthCheck() != null) {
                cmd.withHealthcheck(healthCheck(spec.healthCheck()));
            }
            return cmd.exec().getId();
        });
    }

    @Override
    public void start(String containerId) {
        run(() -> docker.startContainerCmd(containerId).exec());
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        try {
            docker.stopContainerCmd(containerId).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
        } catch (NotFoundException | NotModifiedException e) {
            // gone already, or not running: nothing to stop
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<ContainerInfo> inspect(String containerId) {
        try {
            InspectContainerResponse c = docker.inspectContainerCmd(containerId).exec();
            InspectContainerResponse.ContainerState state = c.getState();
            boolean running = Boolean.TRUE.equals(state.getRunning());
            return Optional.of(new ContainerInfo(c.getId(), stripSlash(c.getName()),
                    c.getConfig() == null || c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels(),
                    running,
                    running ? null : exitCode(state),
                    time(state.getStartedAt()),
                    running ? null : time(state.getFinishedAt()),
                    health(state.getHealth())));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public void remove(String containerId) {
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    @Override
    public List<ContainerInfo> listByLabel(String key, String value) {
        List<Container> containers = call(() -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(key, value))
                .exec());
        return containers.stream()
                .map(c -> new ContainerInfo(c.getId(),
                        c.getNames() == null || c.getNames().length == 0 ? "" : stripSlash(c.getNames()[0]),
                        c.getLabels() == null ? Map.of() : c.getLabels(),
                        "running".equals(c.getState()),
                        null, null, null,
                        listedHealth(c.getStatus())))
                .toList();
    }

    @Override
    public Optional<ContainerUsage> usage(String containerId) {
        StatsCallback callback = new StatsCallback();
        try {
            // without a stream the engine sends one reading and ends the response
            docker.statsCmd(containerId).withNoStream(true).exec(callback);
            if (!callback.awaitCompletion(STATS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ContainerRuntimeException("stats of container " + containerId + " did not come within "
                        + STATS_TIMEOUT.toSeconds() + " s", null);
            }
            if (callback.error instanceof NotFoundException) {
                return Optional.empty(); // removed meanwhile
            }
            if (callback.error != null) {
                throw failure(callback.error instanceof RuntimeException re ? re : new RuntimeException(callback.error));
            }
            return callback.first == null ? Optional.empty() : usage(callback.first);
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerRuntimeException("stats of container " + containerId + " were interrupted", e);
        } catch (RuntimeException e) {
            throw failure(e);
        } finally {
            closeQuietly(callback);
        }
    }

    /**
     * Keeps the one reading a non-streamed stats call sends, and its error: docker-java's own
     * {@code onError} logs every error (a container removed meanwhile too) at ERROR.
     */
    private static final class StatsCallback extends ResultCallback.Adapter<Statistics> {
        private volatile Statistics first;
        private volatile Throwable error;

        @Override
        public void onNext(Statistics statistics) {
            if (first == null) {
                first = statistics;
            }
        }

        @Override
        public void onError(Throwable throwable) {
            error = throwable;
            onComplete();
        }
    }

    /**
     * The engine's stats as a reading; empty for a container that is not running (the engine then
     * sends zero counters, no system CPU and a read time of year 1). The cache subtracted is what
     * {@code docker stats} subtracts: {@code total_inactive_file} on cgroup v1, {@code inactive_file} on
     * v2, and {@code cache} from engines that report neither.
     */
    static Optional<ContainerUsage> usage(Statistics stats) {
        Instant readAt = time(stats.getRead());
        var cpu = stats.getCpuStats();
        if (readAt == null || cpu == null || cpu.getCpuUsage() == null || cpu.getCpuUsage().getTotalUsage() == null
                || cpu.getSystemCpuUsage() == null) {
            return Optional.empty();
        }
        int onlineCpus = cpu.getOnlineCpus() != null && cpu.getOnlineCpus() > 0
                ? cpu.getOnlineCpus().intValue()
                : cpu.getCpuUsage().getPercpuUsage() == null ? 1 : Math.max(1, cpu.getCpuUsage().getPercpuUsage().size());
        var memory = stats.getMemoryStats();
        long usage = memory == null || memory.getUsage() == null ? 0 : memory.getUsage();
        long cache = memory == null || memory.getStats() == null ? 0 : cache(memory.getStats());
        return Optional.of(new ContainerUsage(cpu.getCpuUsage().getTotalUsage(), cpu.getSystemCpuUsage(), onlineCpus,
                usage, cache, readAt));
    }

    private static long cache(StatsConfig stats) {
        if (stats.getTotalInactiveFile() != null) {
            return stats.getTotalInactiveFile();
        }
        if (stats.getInactiveFile() != null) {
            return stats.getInactiveFile();
        }
        return stats.getCache() == null ? 0 : stats.getCache();
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Docker's health check: durations in nanoseconds; {@code ["NONE"]} alone switches off the image's check. */
    static com.github.dockerjava.api.model.HealthCheck healthCheck(ContainerSpec.HealthCheck check) {
        var docker = new com.github.dockerjava.api.model.HealthCheck().withTest(check.test());
        if (check.disabled()) {
            return docker;
        }
        return docker
                .withInterval(check.interval().toNanos())
                .withTimeout(check.timeout().toNanos())
                .withRetries(check.retries())
                .withStartPeriod(check.startPeriod().toNanos());
    }

    /** {@code State.Health.Status}: starting, healthy, unhealthy; absent (or "none") without a check. */
    static HealthStatus health(HealthState health) {
        return health == null ? null : health(health.getStatus());
    }

    static HealthStatus health(String status) {
        if (status == null) {
            return null;
        }
        return switch (status) {
            case "healthy" -> HealthStatus.HEALTHY;
            case "unhealthy" -> HealthStatus.UNHEALTHY;
            case "starting" -> HealthStatus.UNKNOWN;
            default -> null;
        };
    }

    /**
     * The listing has no health field before API 1.52, only the human status ("Up 3 seconds
     * (health: starting)", "Up 2 minutes (healthy)", "Up 1 minute (unhealthy)"); reading it saves an
     * inspect per container per watch pass. Anything else is null: the supervisor then inspects.
     */
    static HealthStatus listedHealth(String status) {
        if (status == null) {
            return null;
        }
        if (status.endsWith("(healthy)")) {
            return HealthStatus.HEALTHY;
        }
        if (status.endsWith("(unhealthy)")) {
            return HealthStatus.UNHEALTHY;
        }
        if (status.endsWith("(health: starting)")) {
            return HealthStatus.UNKNOWN;
        }
        return null;
    }

    private static Integer exitCode(InspectContainerResponse.ContainerState state) {
        Long code = state.getExitCodeLong();
        return code == null ? null : code.intValue();
    }

    private static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Instant t = Instant.parse(text);
            return t.equals(NEVER) ? null : t;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw failure(e);
        }
    }

    private static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    private static ContainerRuntimeException failure(RuntimeException e) {
        if (e instanceof ContainerRuntimeException cre) {
            return cre;
        }
        return new ContainerRuntimeException(engineMessage(e), e);
    }

    /**
     * Docker answers {@code Status 409: {"message":"..."}}, and docker-java reports a failed pull
     * stream as {@code Could not pull image: ...}; a task's reason wants just the engine's message.
     */
    static String engineMessage(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher m = ENGINE_MESSAGE.matcher(text);
        String message = (m.find() ? m.group(1).replace("\\\"", "\"") : text).trim();
        return message.startsWith(PULL_FAILED) ? message.substring(PULL_FAILED.length()).trim() : message;
    }
}
