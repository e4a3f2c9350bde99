package io.longshore.agent.task;

import io.longshore.agent.runtime.ContainerInfo;
import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.runtime.ContainerSpec;
import io.longshore.agent.runtime.ContainerUsage;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.RegistryCredential.ImageReference;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@link ContainerRuntime}: containers are records in a map, their health and exits
 * are set by the test. It shows the interface needs nothing of Docker's.
 */
final class SimulatedRuntime implements ContainerRuntime {
    record Container(String id, ContainerSpec spec, boolean running, Integer exitCode, HealthStatus health) {
        ContainerInfo info(boolean listed) {
            return new ContainerInfo(id, spec.name(), spec.labels(), running, listed || running ? null : exitCode,
                    Instant.EPOCH, null, health);
        }
    }

    final Map<String, Container> containers = new ConcurrentHashMap<>();
    final List<String> stops = new CopyOnWriteArrayList<>();
    final List<String> pulls = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    @Override
    public void ping() {
    }

    @Override
    public boolean imagePresent(String image) {
        return true;
    }

    @Override
    public void pull(ImageReference image, RegistryCredential credential, Duration timeout) {
        pulls.add(image.qualifiedRepository() + ":" + image.tagOrDigest());
    }

    @Override
    public String create(ContainerSpec spec) {
        String id = "c" + ids.incrementAndGet();
        containers.put(id, new Container(id, spec, false, null, null));
        return id;
    }

    @Override
    public void start(String containerId) {
        containers.computeIfPresent(containerId, (id, c) -> new Container(id, c.spec(), true, null,
                c.spec().healthCheck() == null || c.spec().healthCheck().disabled() ? null : HealthStatus.UNKNOWN));
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        stops.add(containerId + "/" + timeout.toSeconds() + "s");
        // like busybox sleep as PID 1: SIGTERM is ignored, SIGKILL after the timeout
        containers.computeIfPresent(containerId, (id, c) -> c.running()
                ? new Container(id, c.spec(), false, 137, c.health()) : c);
    }

    @Override
    public Optional<ContainerInfo> inspect(String containerId) {
        return Optional.ofNullable(containers.get(containerId)).map(c -> c.info(false));
    }

    @Override
    public void remove(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public List<ContainerInfo> listByLabel(String key, String value) {
        return containers.values().stream()
                .filter(c -> value.equals(c.spec().labels().get(key)))
                .map(c -> c.info(true))
                .toList();
    }

    @Override
    public Optional<ContainerUsage> usage(String containerId) {
        return Optional.empty(); // nothing is consumed here; UsageMath has its own tests
    }

    /** What the container's health check says from now on. */
    void setHealth(String containerId, HealthStatus health) {
        containers.computeIfPresent(containerId, (id, c) -> new Container(id, c.spec(), c.running(), c.exitCode(), health));
    }

    /** A container started outside the supervisor (by a previous run of the agent). */
    String run(ContainerSpec spec) {
        String id = create(spec);
        start(id);
        return id;
    }
}
