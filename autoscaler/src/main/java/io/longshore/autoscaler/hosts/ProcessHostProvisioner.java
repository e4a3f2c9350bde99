package io.longshore.autoscaler.hosts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A host is a local process of the agent (by default {@code java -jar agent/target/quarkus-app/quarkus-run.jar}),
 * in its own directory {@code <hosts-home>/<hostId>}: files {@code pid}, {@code started} (the
 * process's start time, so that a reused pid is not taken for the host), {@code group},
 * {@code launched-at} and {@code bind-ip}, the agent's {@code state} directory and {@code host.log}.
 * The directories are the record: a restarted autoscaler finds the processes still alive.
 */
public final class ProcessHostProvisioner implements HostProvisioner {
    private static final Logger LOG = Logger.getLogger(ProcessHostProvisioner.class);
    private static final String PID = "pid";
    private static final String STARTED = "started";
    private static final String GROUP = "group";
    private static final String LAUNCHED_AT = "launched-at";
    private static final String BIND_IP = "bind-ip";

    private final Path home;
    private final List<String> command;
    private final String kafkaBootstrapServers;
    private final String dockerHost;
    private final Duration stopTimeout;

    public ProcessHostProvisioner(Path home, List<String> command, String kafkaBootstrapServers, String dockerHost,
                                  Duration stopTimeout) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("hosts.process-command: empty");
        }
        this.home = home.toAbsolutePath().normalize();
        this.command = List.copyOf(command);
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.dockerHost = dockerHost;
        this.stopTimeout = stopTimeout;
    }

    @Override
    public List<ProvisionedHost> hosts(String group) {
        return hosts().stream().filter(h -> group.equals(h.group())).toList();
    }

    @Override
    public List<ProvisionedHost> hosts() {
        if (!Files.isDirectory(home)) {
            return List.of();
        }
        List<ProvisionedHost> hosts = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(home)) {
            for (Path dir : dirs.sorted().toList()) {
                if (process(dir).isPresent()) {
                    hosts.add(new ProvisionedHost(dir.getFileName().toString(), read(dir, GROUP), read(dir, BIND_IP),
                            launchedAt(read(dir, LAUNCHED_AT))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hosts;
    }

    @Override
    public ProvisionedHost launch(HostLaunch launch) {
        Path dir = home.resolve(launch.hostId());
        Instant launchedAt = Instant.now();
        try {
            Path state = Files.createDirectories(dir.resolve("state"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("host.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = builder.environment();
            // the autoscaler's own settings are not the agent's
            env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("LONGSHORE_") || k.startsWith("KAFKA_"));
            env.putAll(AgentEnvironment.of(launch, kafkaBootstrapServers, state.toString(), dockerHost));
            write(dir, GROUP, launch.group());
            write(dir, LAUNCHED_AT, launchedAt.toString());
            write(dir, BIND_IP, launch.bindIp());
            Process process = builder.start();
            write(dir, STARTED, process.info().startInstant().map(Instant::toString).orElse(""));
            write(dir, PID, Long.toString(process.pid()));
            LOG.infof("host %s of group %s started: pid %d on %s (log %s)", launch.hostId(), launch.group(),
                    process.pid(), launch.bindIp(), dir.resolve("host.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("host " + launch.hostId() + " did not start: " + e.getMessage(), e);
        }
        return new ProvisionedHost(launch.hostId(), launch.group(), launch.bindIp(), launchedAt);
    }

    @Override
    public void terminate(String hostId) {
        Path dir = home.resolve(hostId);
        if (!Files.isDirectory(dir)) {
            return;
        }
        process(dir).ifPresent(p -> {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy(); // SIGTERM: the agent shuts down in order
            try {
                p.onExit().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warnf("host %s did not stop within %s: killing it", hostId, stopTimeout);
                p.destroyForcibly();
            } catch (ExecutionException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        });
        deleteRecursively(dir);
        LOG.infof("host %s terminated", hostId);
    }

    /** The host's process, if it still runs (and is the one started, not a later owner of its pid). */
    private static Optional<ProcessHandle> process(Path dir) {
        String pid = read(dir, PID);
        if (pid == null) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle;
        try {
            handle = ProcessHandle.of(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String started = read(dir, STARTED);
        return handle.filter(ProcessHandle::isAlive)
                .filter(h -> started == null || started.isEmpty() || h.info().startInstant()
                        .map(s -> s.toString().equals(started)).orElse(true));
    }

    private static Instant launchedAt(String value) {
        try {
            return value == null ? Instant.EPOCH : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    private static String read(Path dir, String name) {
        try {
            return Files.readString(dir.resolve(name)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static void write(Path dir, String name, String value) throws IOException {
        Files.writeString(dir.resolve(name), value + "\n");
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warnf(e, "could not remove %s", dir);
        }
    }
}
