package io.longshore.controlplane.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.longshore.common.scaling.Metrics;
import io.longshore.common.scaling.ScalableTargetAction;
import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.ScheduledAction;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import io.longshore.common.scaling.SuspendedState;
import io.longshore.common.scaling.TargetTrackingScalingPolicyConfiguration;
import io.longshore.controlplane.domain.PolicyAlarm;
import io.longshore.controlplane.domain.ScalableTarget;
import io.longshore.controlplane.domain.TargetPolicy;
import io.longshore.controlplane.service.MetricService;
import io.longshore.controlplane.store.MetricDatapointEntity;
import io.longshore.controlplane.store.ScalingActivityEntity;
import java.time.Instant;
import java.util.List;

/**
 * Auto scaling's response shapes, with Application Auto Scaling's and CloudWatch's member names
 * (PascalCase; the requests are {@link io.longshore.controlplane.domain.RegisterScalableTarget},
 * {@link io.longshore.controlplane.domain.PutScalingPolicy}, {@link io.longshore.controlplane.domain.PutScheduledAction}
 * and {@link io.longshore.controlplane.domain.PutMetricData}).
 */
public final class ScalingDtos {
    private ScalingDtos() {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record ScalableTargetView(String serviceNamespace, String resourceId, String scalableDimension,
                                     int minCapacity, int maxCapacity, SuspendedState suspendedState,
                                     Instant creationTime, String scalableTargetARN) {
        static ScalableTargetView of(ScalableTarget t) {
            return new ScalableTargetView(Metrics.SERVICE_NAMESPACE, t.resourceId(), Metrics.SCALABLE_DIMENSION,
                    t.minCapacity(), t.maxCapacity(), t.suspendedState(), t.createdAt(), t.arn());
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record ScalableTargetsResponse(List<ScalableTargetView> scalableTargets) {
    }

    /** PutScalingPolicy's answer. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record PutScalingPolicyResponse(String policyARN, List<PolicyAlarm> alarms) {
        static PutScalingPolicyResponse of(TargetPolicy p) {
            return new PutScalingPolicyResponse(p.policy().policyARN(), p.alarms());
        }
    }

    /** A policy as DescribeScalingPolicies shows it; {@code Alarm} is a step policy's own alarm. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record ScalingPolicyView(String policyName, String policyARN, String serviceNamespace, String resourceId,
                                    String scalableDimension, String policyType,
                                    TargetTrackingScalingPolicyConfiguration targetTrackingScalingPolicyConfiguration,
                                    StepScalingPolicyConfiguration stepScalingPolicyConfiguration,
                                    ScalingAlarm alarm, List<PolicyAlarm> alarms, Instant creationTime) {
        static ScalingPolicyView of(String resourceId, TargetPolicy stored) {
            ScalingPolicy p = stored.policy();
            return new ScalingPolicyView(p.policyName(), p.policyARN(), Metrics.SERVICE_NAMESPACE, resourceId,
                    Metrics.SCALABLE_DIMENSION, p.policyType(), p.targetTrackingScalingPolicyConfiguration(),
                    p.stepScalingPolicyConfiguration(), p.alarm(), stored.alarms(), p.creationTime());
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record ScalingPoliciesResponse(List<ScalingPolicyView> scalingPolicies) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record ScheduledActionView(String scheduledActionName, String scheduledActionARN, String serviceNamespace,
                                      String schedule, String timezone, String resourceId, String scalableDimension,
                                      Instant startTime, Instant endTime, ScalableTargetAction scalableTargetAction,
                                      Instant creationTime) {
        static ScheduledActionView of(String resourceId, ScheduledAction a) {
            return new ScheduledActionView(a.scheduledActionName(), a.scheduledActionARN(), Metrics.SERVICE_NAMESPACE,
                    a.schedule(), a.timezone(), resourceId, Metrics.SCALABLE_DIMENSION, a.startTime(), a.endTime(),
                    a.scalableTargetAction(), a.creationTime());
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record ScheduledActionsResponse(List<ScheduledActionView> scheduledActions) {
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record ScalingActivityView(String activityId, String serviceNamespace, String resourceId,
                                      String scalableDimension, String description, String cause, Instant startTime,
                                      Instant endTime, String statusCode, String statusMessage, String details) {
        static ScalingActivityView of(ScalingActivityEntity a) {
            return new ScalingActivityView(a.activityId, Metrics.SERVICE_NAMESPACE,
                    Metrics.resourceId(a.cluster, a.serviceName), Metrics.SCALABLE_DIMENSION, a.description, a.cause,
                    a.startTime, a.endTime, a.statusCode, a.statusMessage, a.details);
        }
    }

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record ScalingActivitiesResponse(List<ScalingActivityView> scalingActivities) {
    }

    /** GetMetricStatistics' answer: the metric's datapoints, oldest first. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record MetricStatisticsResponse(String label, List<DatapointView> datapoints) {
        static MetricStatisticsResponse of(MetricService.Statistics s) {
            return new MetricStatisticsResponse(s.label(), s.datapoints().stream().map(DatapointView::of).toList());
        }
    }

    /** One period's statistics; {@code Timestamp} is the period's start, as CloudWatch gives it. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record DatapointView(Instant timestamp, double average, double minimum, double maximum, double sum,
                                double sampleCount, String unit) {
        static DatapointView of(MetricDatapointEntity d) {
            return new DatapointView(d.periodStart, d.average, d.minimum, d.maximum, d.sum, d.sampleCount, d.unit);
        }
    }
}
