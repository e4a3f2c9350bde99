package io.longshore.scheduler.messaging;

import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.scheduler.service.SchedulerAction;
import io.longshore.scheduler.service.SchedulerState.ClusterDecisions;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes decisions and waits for the broker to acknowledge them, in phases: task reports before
 * commands (so a view rebuilt from the topics never misses a task an agent runs), then service
 * statuses and events, then each capacity provider's figures for the cluster (last, so they reflect
 * the round's placements). Within a phase every record is in flight at once, sent in order: the
 * idempotent producer keeps each partition's order, and a round trip per phase instead of per
 * record is what lets one scheduler keep up with thousands of placements a second.
 */
@ApplicationScoped
public class DecisionPublisher {
    private static final int IN_FLIGHT = 200;
    private final MutinyEmitter<String> taskState;
    private final MutinyEmitter<String> agentCommands;
    private final MutinyEmitter<String> serviceStatus;
    private final MutinyEmitter<String> serviceEvents;
    private final MutinyEmitter<String> clusterCapacity;

    public DecisionPublisher(@Channel("task-state") MutinyEmitter<String> taskState,
                             @Channel("agent-commands") MutinyEmitter<String> agentCommands,
                             @Channel("service-status") MutinyEmitter<String> serviceStatus,
                             @Channel("service-events") MutinyEmitter<String> serviceEvents,
                             @Channel("cluster-capacity") MutinyEmitter<String> clusterCapacity) {
        this.taskState = taskState;
        this.agentCommands = agentCommands;
        this.serviceStatus = serviceStatus;
        this.serviceEvents = serviceEvents;
        this.clusterCapacity = clusterCapacity;
    }

    public void publish(List<SchedulerAction> actions) {
        List<Uni<Void>> reports = new ArrayList<>();
        List<Uni<Void>> commands = new ArrayList<>();
        for (SchedulerAction action : actions) {
            if (action instanceof SchedulerAction.ReportState report) {
                reports.add(send(taskState, report.change().key(), report.change()));
            } else if (action instanceof SchedulerAction.SendCommand command) {
                commands.add(send(agentCommands, MessageKeys.of(command.command().cluster(),
                        command.command().containerInstanceId()), command.command()));
            }
        }
        await(reports);
        await(commands);
    }

    public void publish(ClusterDecisions decisions) {
        publish(decisions.actions());
        List<Uni<Void>> services = new ArrayList<>();
        decisions.statuses().forEach(status -> services.add(send(serviceStatus, status.key(), status)));
        decisions.events().forEach(event -> services.add(send(serviceEvents, event.key(), event)));
        await(services);
        await(decisions.capacities().stream().map(capacity -> send(clusterCapacity, capacity.key(), capacity)).toList());
    }

    /** Lazy: the record is sent when {@link #await} subscribes, in list order. */
    private static Uni<Void> send(MutinyEmitter<String> emitter, String key, Object payload) {
        return emitter.sendMessage(Message.of(Json.write(payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }

    /** In chunks, so that a large round never overflows an emitter's buffer (256 records). */
    private static void await(List<Uni<Void>> sends) {
        for (int from = 0; from < sends.size(); from += IN_FLIGHT) {
            Uni.join().all(sends.subList(from, Math.min(sends.size(), from + IN_FLIGHT))).andFailFast().await()
                    .indefinitely();
        }
    }
}
