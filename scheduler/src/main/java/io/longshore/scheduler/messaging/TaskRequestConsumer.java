package io.longshore.scheduler.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.TaskRequest;
import io.longshore.scheduler.service.ClusterOwnership;
import io.longshore.scheduler.service.SchedulerState;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes intents off {@code longshore.task-requests}, one at a time in partition order, and
 * publishes the decisions. The request is acknowledged (its offset committed) only after every
 * decision is acknowledged by the broker, so a crash in between replays the request, which the
 * handler treats idempotently. A request of a cluster this scheduler no longer owns (its partition
 * was revoked while the request was on its way) is left unacknowledged for the new owner.
 */
@ApplicationScoped
public class TaskRequestConsumer {
    private static final Logger LOG = Logger.getLogger(TaskRequestConsumer.class);

    private final SchedulerState state;
    private final ClusterOwnership ownership;
    private final DecisionPublisher publisher;

    public TaskRequestConsumer(SchedulerState state, ClusterOwnership ownership, DecisionPublisher publisher) {
        this.state = state;
        this.ownership = ownership;
        this.publisher = publisher;
    }

    @Incoming("task-requests")
    public Uni<Void> onRequest(Message<String> message) {
        return Uni.createFrom().item(() -> handle(message.getPayload()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(handled -> handled ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().voidItem());
    }

    private boolean handle(String payload) {
        TaskRequest request = Json.read(payload, TaskRequest.class);
        try {
            while (!ownership.awaitDecides(request.cluster(), 10, TimeUnit.SECONDS)) {
                if (!ownership.owns(request.cluster())) {
                    LOG.warnf("not the owner of cluster %s any more; leaving its request to the new owner",
                            request.cluster());
                    return false;
                }
                LOG.infof("waiting for the state topics of cluster %s to be read before deciding", request.cluster());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return state.deciding(() -> {
            if (!ownership.decides(request.cluster())) {
                return false;
            }
            publisher.publish(state.decide(request));
            return true;
        });
    }
}
