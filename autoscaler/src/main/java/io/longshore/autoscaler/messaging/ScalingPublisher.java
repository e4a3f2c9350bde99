package io.longshore.autoscaler.messaging;

import io.longshore.common.messaging.CapacityDecision;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MetricDatapoint;
import io.longshore.common.messaging.ScalingDecision;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Publishes decisions (service and cluster scaling's) and datapoints, each waiting for the broker's acknowledgement. */
@ApplicationScoped
public class ScalingPublisher {
    private final MutinyEmitter<String> decisions;
    private final MutinyEmitter<String> datapoints;
    private final MutinyEmitter<String> capacityDecisions;

    public ScalingPublisher(@Channel("scaling-decisions") MutinyEmitter<String> decisions,
                            @Channel("metric-datapoints") MutinyEmitter<String> datapoints,
                            @Channel("capacity-decisions") MutinyEmitter<String> capacityDecisions) {
        this.decisions = decisions;
        this.datapoints = datapoints;
        this.capacityDecisions = capacityDecisions;
    }

    public void publish(CapacityDecision decision) {
        send(capacityDecisions, decision.key(), decision);
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
