package io.longshore.agent.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Outgoing records carry a {@code <cluster>/<id>} key, which ClusterPartitioner partitions on. */
final class KafkaMessages {
    private KafkaMessages() {
    }

    static Message<String> keyed(String key, String payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
