package io.longshore.scheduler.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.scheduler.service.SchedulerAction;
import io.longshore.scheduler.service.SchedulerState;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes intents off {@code longshore.task-requests}, one at a time in partition order, and
 * publishes the decisions. The request is acknowledged (its offset committed) only after every
 * decision is acknowledged by the broker, so a crash in between replays the request, which the
 * handler treats idempotently.
 */
@ApplicationScoped
public class TaskRequestConsumer {
    private static final Logger LOG = Logger.getLogger(TaskRequestConsumer.class);

    private final SchedulerState state;
    private final MutinyEmitter<String> taskState;
    private final MutinyEmitter<String> agentCommands;

    public TaskRequestConsumer(SchedulerState state,
                               @Channel("task-state") MutinyEmitter<String> taskState,
                               @Channel("agent-commands") MutinyEmitter<String> agentCommands) {
        this.state = state;
        this.taskState = taskState;
        this.agentCommands = agentCommands;
    }

    @Incoming("task-requests")
    @Blocking
    public void onRequest(String payload) throws InterruptedException {
        TaskRequest request = Json.read(payload, TaskRequest.class);
        while (!state.awaitCaughtUp(10, TimeUnit.SECONDS)) {
            LOG.info("waiting for the state topics to be replayed before placing");
        }
        List<SchedulerAction> actions = state.decide(request);
        for (SchedulerAction action : actions) {
            publish(action);
        }
    }

    private void publish(SchedulerAction action) {
        if (action instanceof SchedulerAction.ReportState report) {
            send(taskState, report.change().key(), report.change());
        } else if (action instanceof SchedulerAction.SendCommand command) {
            send(agentCommands, MessageKeys.of(command.command().cluster(), command.command().containerInstanceId()),
                    command.command());
        }
    }

    private static void send(MutinyEmitter<String> emitter, String key, Object payload) {
        emitter.sendMessageAndAwait(Message.of(Json.write(payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
