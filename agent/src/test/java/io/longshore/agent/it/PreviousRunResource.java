package io.longshore.agent.it;

import static org.awaitility.Awaitility.await;

import io.longshore.agent.runtime.ContainerRuntime;
import io.longshore.agent.runtime.DockerContainerRuntime;
import io.longshore.agent.task.ContainerPlanner;
import io.longshore.agent.task.Labels;
import io.longshore.agent.task.TaskRecord;
import io.longshore.agent.task.FileTaskStore;
import io.longshore.agent.task.TaskStore;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.HostPort;
import io.longshore.common.model.StopCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Leaves a state directory and Docker as an agent that was killed would: task files, and the
 * containers of those tasks in various states, plus an orphan container. The agent under test
 * starts on top of it. The ids of the seeded tasks are handed to the test as configuration.
 *
 * <p>It also leaves what the scheduler sends while the agent is away long enough to be declared
 * lost: a StopTask for a task the agent still runs, and one for a task it never heard of, waiting
 * on {@code longshore.agent-commands} for the agent's consumer group. So it starts after
 * {@link io.longshore.testing.KafkaTestResource} has made the topics anew ({@link #order()}).
 */
public class PreviousRunResource extends StateDirResource {
    static final String PREFIX = "test.previous-run.";
    static final String LOST_REASON = "Host was lost: container instance stopped reporting";
    private final Map<String, String> ids = new HashMap<>();

    @Override
    public int order() {
        return 1;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        ids.forEach((name, id) -> config.put(PREFIX + name, id));
        return config;
    }

    @Override
    protected void prepare(Path stateDir) {
        String instanceId = UUID.randomUUID().toString().replace("-", "");
        try {
            Files.writeString(stateDir.resolve("instance-id"), instanceId + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.put("instance-id", instanceId);
        TaskStore store = new FileTaskStore(stateDir);
        DockerContainerRuntime docker = DockerContainerRuntime.connect("unix:///var/run/docker.sock");
        try {
            // still running: adopted and reported RUNNING again
            var running = Fixtures.start(instanceId, Fixtures.taskId(), List.of(Fixtures.sleeper("web")),
                    List.of(new HostPort(Fixtures.freePort(), "tcp")));
            startedEarlier(store, docker, running);
            ids.put("running", running.taskId());

            // its essential container exited 7 while the agent was down
            var exited = Fixtures.start(instanceId, Fixtures.taskId(),
                    List.of(Fixtures.container("job", List.of("sh", "-c", "exit 7"))), List.of());
            List<String> exitedIds = startedEarlier(store, docker, exited);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> docker.inspect(exitedIds.get(0)).map(c -> !c.running()).orElse(false));
            ids.put("exited", exited.taskId());

            // its container was removed while the agent was down
            var vanished = Fixtures.start(instanceId, Fixtures.taskId(),
                    List.of(Fixtures.container("gone", List.of("sleep", "300"))), List.of());
            store.createIfAbsent(TaskRecord.of(vanished));
            store.update(vanished.taskId(), TaskRecord::withStarted);
            ids.put("vanished", vanished.taskId());

            // the agent died between writing the task file and creating the containers
            var unstarted = Fixtures.start(instanceId, Fixtures.taskId(),
                    List.of(Fixtures.container("late", List.of("sleep", "300"))), List.of());
            store.createIfAbsent(TaskRecord.of(unstarted));
            ids.put("unstarted", unstarted.taskId());

            // the agent died in the middle of a requested stop
            var stopping = Fixtures.start(instanceId, Fixtures.taskId(),
                    List.of(Fixtures.container("victim", List.of("sleep", "300"))), List.of());
            startedEarlier(store, docker, stopping);
            store.update(stopping.taskId(), r -> r.withStop(new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId,
                    stopping.taskId(), StopCode.UserInitiated, "stop before the crash")));
            ids.put("stopping", stopping.taskId());

            // declared lost while the agent was away: still running here, and a StopTask waits for the agent
            var lost = Fixtures.start(instanceId, Fixtures.taskId(), List.of(Fixtures.sleeper("web")),
                    List.of(new HostPort(Fixtures.freePort(), "tcp")), "ecs-svc/lost-deployment");
            startedEarlier(store, docker, lost);
            ids.put("lost", lost.taskId());
            String unknown = Fixtures.taskId();
            ids.put("unknown", unknown);
            try (KafkaProbe kafka = new KafkaProbe()) {
                for (String taskId : List.of(lost.taskId(), unknown)) {
                    var stop = new AgentCommand.StopTask(Fixtures.CLUSTER, instanceId, taskId,
                            StopCode.ServiceSchedulerInitiated, LOST_REASON);
                    kafka.send(Topics.AGENT_COMMANDS, MessageKeys.of(Fixtures.CLUSTER, instanceId), Json.write(stop));
                }
            }

            // a container of ours whose task file is gone
            var orphan = Fixtures.start(instanceId, Fixtures.taskId(),
                    List.of(Fixtures.container("orphan", List.of("sleep", "300"))), List.of());
            String orphanId = createAndStart(docker, orphan).get(0);
            ids.put("orphan-container", orphanId);
        } finally {
            docker.close();
        }
    }

    private static List<String> startedEarlier(TaskStore store, ContainerRuntime docker, AgentCommand.StartTask start) {
        store.createIfAbsent(TaskRecord.of(start));
        List<String> containers = createAndStart(docker, start);
        store.update(start.taskId(), TaskRecord::withStarted);
        return containers;
    }

    private static List<String> createAndStart(ContainerRuntime docker, AgentCommand.StartTask start) {
        return ContainerPlanner.plan(start, start.containerInstanceId(), "127.0.0.1").stream()
                .map(planned -> {
                    assert planned.spec().labels().containsKey(Labels.TASK_ID);
                    String id = docker.create(planned.spec());
                    docker.start(id);
                    return id;
                })
                .toList();
    }
}
