package io.longshore.controlplane.messaging;

import io.longshore.common.messaging.InstanceEvent;
import io.longshore.common.messaging.Json;
import io.longshore.controlplane.service.ContainerInstanceService;
import io.longshore.common.messaging.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Turns agents' registrations and heartbeats into container instance state. Events come in batches
 * (one per poll): the batch's registrations are recorded in one transaction, in order, then its
 * heartbeats in one statement per cluster, which is what lets thousands of hosts register at once
 * and heartbeat every few seconds. A record that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class InstanceEventConsumer {
    private static final Logger LOG = Logger.getLogger(InstanceEventConsumer.class);
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(100);

    private final ContainerInstanceService instances;
    private final Outbox outbox;

    public InstanceEventConsumer(ContainerInstanceService instances, Outbox outbox) {
        this.instances = instances;
        this.outbox = outbox;
    }

    @Incoming("instance-events")
    public Uni<Void> onInstanceEvents(ConsumerRecords<String, String> records) {
        Map<InstanceEvent.Registered, ConsumerRecord<String, String>> registrations = new LinkedHashMap<>();
        Map<String, Set<String>> heartbeats = new TreeMap<>(); // cluster -> instance ids
        List<ConsumerRecord<String, String>> unreadable = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                InstanceEvent event = read(record.value());
                if (event instanceof InstanceEvent.Registered registered) {
                    registrations.put(registered, record);
                } else {
                    heartbeats.computeIfAbsent(event.cluster(), c -> new HashSet<>()).add(event.containerInstanceId());
                }
            } catch (RuntimeException e) {
                LOG.errorf("unreadable instance event, sent to %s: %s", Topics.DEAD_LETTER, e.getMessage());
                unreadable.add(record);
            }
        }
        return outbox.applyOrDeadLetter(registrations, this::register)
                .flatMap(v -> Multi.createFrom().iterable(heartbeats.entrySet())
                        .onItem().transformToUniAndConcatenate(entry -> instances.heartbeats(entry.getKey(),
                                        entry.getValue()).onFailure().retry().withBackOff(RETRY_BACKOFF).atMost(3)
                                // the next heartbeats make up for these
                                .onFailure().recoverWithItem(e -> {
                                    LOG.warnf("heartbeats of cluster %s not recorded: %s", entry.getKey(), e.getMessage());
                                    return 0;
                                }))
                        .collect().last())
                .flatMap(v -> outbox.deadLetter(unreadable));
    }

    private Uni<Void> register(List<InstanceEvent.Registered> registrations) {
        return instances.registerAll(registrations)
                .onFailure().retry().withBackOff(RETRY_BACKOFF).atMost(3)
                .replaceWithVoid();
    }

    static InstanceEvent read(String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("instance event without a value");
        }
        InstanceEvent event = Json.read(payload, InstanceEvent.class);
        if (event.cluster() == null || event.containerInstanceId() == null) {
            throw new IllegalArgumentException("instance event without cluster or containerInstanceId");
        }
        if (event instanceof InstanceEvent.Registered r && r.resources() == null) {
            throw new IllegalArgumentException("registration of " + r.containerInstanceId() + " without resources");
        }
        return event;
    }
}
