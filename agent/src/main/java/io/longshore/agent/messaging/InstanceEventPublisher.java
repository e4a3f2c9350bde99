package io.longshore.agent.messaging;

import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/** Publishes what the agent says about its host to {@code longshore.instance-events}. */
@ApplicationScoped
public class InstanceEventPublisher {
    private static final Logger LOG = Logger.getLogger(InstanceEventPublisher.class);

    private final MutinyEmitter<String> instanceEvents;

    public InstanceEventPublisher(@Channel("instance-events") MutinyEmitter<String> instanceEvents) {
        this.instanceEvents = instanceEvents;
    }

    /** Publishes and waits for the broker's acknowledgement (registration must not be lost). */
    public void publishAndAwait(InstanceEvent event, Duration timeout) {
        instanceEvents.sendMessage(KafkaMessages.keyed(key(event), Json.write(event))).await().atMost(timeout);
    }

    /** Publishes; the stage completes with the broker's acknowledgement (a fleet keeps many in flight). */
    public CompletionStage<Void> send(InstanceEvent event) {
        return instanceEvents.sendMessage(KafkaMessages.keyed(key(event), Json.write(event))).subscribeAsCompletionStage();
    }

    /** Publishes without waiting: a lost heartbeat is made up for by the next one. */
    public void publish(InstanceEvent event) {
        instanceEvents.sendMessage(KafkaMessages.keyed(key(event), Json.write(event)))
                .subscribe().with(ok -> { }, e -> LOG.warnf("heartbeat not delivered: %s", e.getMessage()));
    }

    private static String key(InstanceEvent event) {
        return MessageKeys.of(event.cluster(), event.containerInstanceId());
    }
}
