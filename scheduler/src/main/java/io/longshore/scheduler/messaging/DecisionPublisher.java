package io.longshore.scheduler.messaging;

import io.longshore.common.messaging.ClusterCapacity;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.ServiceEvent;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.scheduler.service.SchedulerAction;
import io.longshore.scheduler.service.SchedulerState.ClusterDecisions;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes decisions and waits for the broker to acknowledge each one, in order: task reports
 * before commands (so a view rebuilt from the topics never misses a task an agent runs), then
 * service statuses and events, then each capacity provider's figures for the cluster (last, so they
 * reflect the round's placements).
 */
@ApplicationScoped
public class DecisionPublisher {
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
        for (SchedulerAction action : actions) {
            if (action instanceof SchedulerAction.ReportState report) {
                send(taskState, report.change().key(), report.change());
            } else if (action instanceof SchedulerAction.SendCommand command) {
                send(agentCommands, MessageKeys.of(command.command().cluster(),
                        command.command().containerInstanceId()), command.command());
            }
        }
    }

    public void publish(ClusterDecisions decisions) {
        publish(decisions.actions());
        for (ServiceStatus status : decisions.statuses()) {
            send(serviceStatus, status.key(), status);
        }
        for (ServiceEvent event : decisions.events()) {
            send(serviceEvents, event.key(), event);
        }
        for (ClusterCapacity capacity : decisions.capacities()) {
            send(clusterCapacity, capacity.key(), capacity);
        }
    }

    private static void send(MutinyEmitter<String> emitter, String key, Object payload) {
        emitter.sendMessageAndAwait(Message.of(Json.write(payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
