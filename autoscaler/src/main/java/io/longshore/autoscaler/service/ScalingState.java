package io.longshore.autoscaler.service;

import io.longshore.common.messaging.MetricSample;
import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.scaling.CustomizedMetricSpecification;
import io.longshore.common.scaling.MetricDimension;
import io.longshore.common.scaling.Metrics;
import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.scaling.MetricHistory;
import io.longshore.scaling.MetricKey;
import io.longshore.scaling.PeriodAggregator;
import io.longshore.scaling.PeriodAggregator.ClosedDatapoint;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the autoscaler knows, rebuilt from Kafka at start-up: the scalable targets, each service's
 * desired count, the decisions made so far (for cooldowns and scheduled occurrences already taken),
 * and the metric samples folded into datapoints. One lock: the feed writes, the loop reads.
 */
@ApplicationScoped
public class ScalingState {
    /**
     * Enough for the longest cooldown at one decision per evaluation. Trimming never drops a source's
     * latest decision: that is how a scheduled action knows which occurrence it took last.
     */
    private static final int DECISIONS_KEPT = 200;

    private final PeriodAggregator aggregator;
    private final Map<String, ScalingTarget> targets = new LinkedHashMap<>();
    private final Map<String, Integer> desiredCounts = new HashMap<>();
    private final Map<String, List<ScalingDecision>> decisions = new HashMap<>();
    private final Map<String, Set<MetricKey>> seriesByService = new HashMap<>();
    private volatile boolean caughtUp;

    public ScalingState(PeriodAggregator aggregator) {
        this.aggregator = aggregator;
    }

    public synchronized void apply(ScalingTarget target) {
        if (ScalingTarget.ACTIVE.equals(target.status())) {
            targets.put(target.key(), target);
        } else {
            targets.remove(target.key());
        }
    }

    public synchronized void apply(ServiceSpec spec) {
        String key = spec.cluster() + "/" + spec.serviceName();
        if (ServiceSpec.ACTIVE.equals(spec.status())) {
            desiredCounts.put(key, spec.desiredCount());
        } else {
            desiredCounts.remove(key);
            decisions.remove(key);
            Set<MetricKey> series = seriesByService.remove(key);
            if (series != null) {
                series.forEach(aggregator::forget);
            }
        }
    }

    /** A decision read back from Kafka or just published; the same activity twice counts once. */
    public synchronized void apply(ScalingDecision decision) {
        List<ScalingDecision> list = decisions.computeIfAbsent(decision.key(), k -> new ArrayList<>());
        if (list.stream().noneMatch(d -> d.activityId().equals(decision.activityId()))) {
            list.add(decision);
            if (list.size() > DECISIONS_KEPT) {
                for (int i = 0; i < list.size(); i++) {
                    ScalingDecision old = list.get(i);
                    if (list.subList(i + 1, list.size()).stream().anyMatch(d -> d.source().equals(old.source())
                            && d.cause().equals(old.cause()))) {
                        list.remove(i);
                        break;
                    }
                }
            }
        }
    }

    public synchronized void apply(MetricSample sample) {
        if (sample instanceof MetricSample.TaskUsage usage) {
            String service = serviceOf(usage.group());
            if (service != null) {
                add(MetricKey.of(usage.cluster(), service, Metrics.NAMESPACE_ECS, Metrics.CPU_UTILIZATION),
                        usage.timestamp(), usage.cpuUtilization());
                add(MetricKey.of(usage.cluster(), service, Metrics.NAMESPACE_ECS, Metrics.MEMORY_UTILIZATION),
                        usage.timestamp(), usage.memoryUtilization());
            }
        } else if (sample instanceof MetricSample.MetricData data) {
            add(new MetricKey(data.cluster(), data.serviceName(), data.namespace(), data.metricName(),
                    data.dimensions()), data.timestamp(), data.value());
        }
    }

    public synchronized void add(MetricKey key, Instant timestamp, double value) {
        seriesByService.computeIfAbsent(key.cluster() + "/" + key.serviceName(), k -> new HashSet<>()).add(key);
        aggregator.add(key, timestamp, value);
    }

    public synchronized List<ClosedDatapoint> closePeriods(Instant now) {
        return aggregator.close(now);
    }

    /** Everything one target's evaluation needs, copied out of the lock. */
    public synchronized List<TargetView> targetViews() {
        List<TargetView> views = new ArrayList<>();
        MetricHistory history = aggregator.history();
        targets.forEach((key, target) -> {
            Integer desired = desiredCounts.get(key);
            if (desired != null) {
                views.add(new TargetView(target, desired, List.copyOf(decisions.getOrDefault(key, List.of())),
                        lockedHistory(history)));
            }
        });
        return views;
    }

    /** The Kafka consumer-lag series that some active policy reads: the autoscaler measures them itself. */
    public synchronized List<MetricKey> consumerLagSeries() {
        List<MetricKey> series = new ArrayList<>();
        for (ScalingTarget target : targets.values()) {
            for (ScalingPolicy policy : target.policies()) {
                CustomizedMetricSpecification custom = policy.targetTrackingScalingPolicyConfiguration() == null
                        ? null : policy.targetTrackingScalingPolicyConfiguration().customizedMetricSpecification();
                if (custom != null) {
                    lagSeries(target, custom.namespace(), custom.metricName(), custom.dimensions(), series);
                }
                ScalingAlarm alarm = policy.alarm();
                if (alarm != null) {
                    lagSeries(target, alarm.namespace(), alarm.metricName(), alarm.dimensions(), series);
                }
            }
        }
        return series;
    }

    public boolean isCaughtUp() {
        return caughtUp;
    }

    public void markCaughtUp() {
        caughtUp = true;
    }

    public synchronized int targetCount() {
        return targets.size();
    }

    private static void lagSeries(ScalingTarget target, String namespace, String metricName,
                                  List<MetricDimension> dimensions, List<MetricKey> series) {
        if (Metrics.NAMESPACE_KAFKA.equals(namespace) && Metrics.CONSUMER_LAG.equals(metricName)) {
            Map<String, String> named = new HashMap<>();
            (dimensions == null ? List.<MetricDimension>of() : dimensions).stream()
                    .filter(d -> Metrics.TOPIC.equals(d.name()) || Metrics.CONSUMER_GROUP.equals(d.name()))
                    .forEach(d -> named.put(d.name(), d.value()));
            series.add(new MetricKey(target.cluster(), target.serviceName(), namespace, metricName, named));
        }
    }

    private MetricHistory lockedHistory(MetricHistory history) {
        return (key, count) -> {
            synchronized (this) {
                return history.recent(key, count);
            }
        };
    }

    private static String serviceOf(String group) {
        String prefix = ServiceSpec.group("");
        return group != null && group.startsWith(prefix) ? group.substring(prefix.length()) : null;
    }

    public record TargetView(ScalingTarget target, int desiredCount, List<ScalingDecision> decisions,
                             MetricHistory metrics) {
    }
}
