package io.longshore.autoscaler.service;

import io.longshore.autoscaler.config.AutoscalerConfig;
import io.longshore.autoscaler.messaging.ConsumerLagReader;
import io.longshore.autoscaler.messaging.ScalingPublisher;
import io.longshore.common.messaging.MetricDatapoint;
import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.scaling.Metrics;
import io.longshore.scaling.Datapoint;
import io.longshore.scaling.MetricKey;
import io.longshore.scaling.PeriodAggregator.ClosedDatapoint;
import io.longshore.scaling.ScalingEvaluator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Every evaluation interval: measures the Kafka consumer lag that policies read, closes the metric
 * periods that are due and publishes their datapoints, then evaluates every scalable target and
 * publishes what it decides. A decision counts as made (for cooldowns) once Kafka has it.
 */
@ApplicationScoped
public class ScalingLoop {
    private static final Logger LOG = Logger.getLogger(ScalingLoop.class);

    private final ScalingState state;
    private final ScalingEvaluator evaluator;
    private final ScalingPublisher publisher;
    private final ConsumerLagReader lagReader;
    private final Clock clock;
    private final int periodSeconds;
    private final MeterRegistry meters;

    public ScalingLoop(ScalingState state, ScalingEvaluator evaluator, ScalingPublisher publisher,
                       ConsumerLagReader lagReader, Clock clock, AutoscalerConfig config, MeterRegistry meters) {
        this.state = state;
        this.evaluator = evaluator;
        this.publisher = publisher;
        this.lagReader = lagReader;
        this.clock = clock;
        this.periodSeconds = (int) config.period().toSeconds();
        this.meters = meters;
    }

    @Scheduled(every = "${longshore.autoscaler.evaluation-interval:15s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!state.isCaughtUp()) {
            return; // deciding before the earlier decisions are known could take a scheduled action twice
        }
        try {
            measureConsumerLag();
            for (ClosedDatapoint closed : state.closePeriods(clock.instant())) {
                publisher.publish(datapoint(closed));
            }
            for (ScalingState.TargetView view : state.targetViews()) {
                Optional<ScalingDecision> decision = evaluator.evaluate(view.target(), view.desiredCount(),
                        view.metrics(), view.decisions());
                decision.ifPresent(this::publish);
            }
        } catch (RuntimeException e) {
            LOG.warn("scaling evaluation failed; the next one retries", e);
        }
    }

    private void measureConsumerLag() {
        Instant now = clock.instant();
        for (MetricKey series : state.consumerLagSeries()) {
            lagReader.lag(series.dimensions().get(Metrics.TOPIC), series.dimensions().get(Metrics.CONSUMER_GROUP))
                    .ifPresent(lag -> state.add(series, now, lag));
        }
    }

    private void publish(ScalingDecision decision) {
        publisher.publish(decision);
        state.apply(decision);
        meters.counter("longshore.autoscaler.decisions", "cause", decision.cause()).increment();
        LOG.infof("%s %s: %s (%s)", decision.resourceId(), decision.source(), decision.description(),
                decision.causeText());
    }

    private MetricDatapoint datapoint(ClosedDatapoint closed) {
        MetricKey key = closed.key();
        Datapoint d = closed.datapoint();
        String unit = Metrics.NAMESPACE_ECS.equals(key.namespace()) ? "Percent"
                : Metrics.NAMESPACE_KAFKA.equals(key.namespace()) ? "Count" : "None";
        return new MetricDatapoint(key.cluster(), key.serviceName(), key.namespace(), key.metricName(),
                key.dimensions(), d.periodStart(), periodSeconds, d.average(), d.minimum(), d.maximum(), d.sum(),
                d.sampleCount(), unit);
    }
}
