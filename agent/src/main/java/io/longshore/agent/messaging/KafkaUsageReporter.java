package io.longshore.agent.messaging;

import io.longshore.agent.metrics.UsageReporter;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MetricSample;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/** Publishes task usage to {@code longshore.metrics}, keyed {@code <cluster>/<taskId>}. */
@ApplicationScoped
public class KafkaUsageReporter implements UsageReporter {
    private static final Logger LOG = Logger.getLogger(KafkaUsageReporter.class);

    private final MutinyEmitter<String> metrics;

    public KafkaUsageReporter(@Channel("metrics") MutinyEmitter<String> metrics) {
        this.metrics = metrics;
    }

    /** Does not wait: a lost sample is made up for by the next pass. */
    @Override
    public void report(MetricSample.TaskUsage usage) {
        metrics.sendMessage(KafkaMessages.keyed(usage.key(), Json.write(usage)))
                .subscribe().with(ok -> { }, e -> LOG.warnf("usage of task %s not delivered: %s", usage.taskId(),
                        e.getMessage()));
    }
}
