package io.longshore.autoscaler.messaging;

import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MetricDatapoint;
import io.longshore.common.messaging.ScalingDecision;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes decisions and datapoints, each waiting for the broker's acknowledgement. */
@ApplicationScoped
public class ScalingPublisher {
    private final MutinyEmitter<String> decisions;
    private final MutinyEmitter<String> datapoints;

    public ScalingPublisher(@Channel("scaling-decisions") MutinyEmitter<String> decisions,
                            @Channel("metric-datapoints") MutinyEmitter<String> datapoints) {
        this.decisions = decisions;
        this.datapoints = datapoints;
    }

    public void publish(ScalingDecision decision) {
        send(decisions, decision.key(), decision);
    }

    public void publish(MetricDatapoint datapoint) {
        send(datapoints, datapoint.key(), datapoint);
    }

    private static void send(MutinyEmitter<String> emitter, String key, Object payload) {
        emitter.sendMessageAndAwait(Message.of(Json.write(payload))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build()));
    }
}
