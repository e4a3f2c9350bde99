package io.longshore.common.scaling;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The CloudWatch alarm that triggers a step scaling policy, given with the policy (in AWS it is a
 * separate PutMetricAlarm whose AlarmActions name the policy; the AWS-compatible face can map one
 * onto the other). Members as PutMetricAlarm's. The metric is the service's: dimensions
 * {@code ClusterName} and {@code ServiceName} are implied for namespace {@code AWS/ECS}.
 *
 * @param statistic          {@code Average}, {@code Minimum}, {@code Maximum}, {@code Sum} or {@code SampleCount}
 * @param comparisonOperator {@code GreaterThanOrEqualToThreshold}, {@code GreaterThanThreshold},
 *                           {@code LessThanThreshold} or {@code LessThanOrEqualToThreshold}
 * @param evaluationPeriods  how many of the latest datapoints are looked at
 * @param datapointsToAlarm  how many of those must breach (default: all of them)
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record ScalingAlarm(
        String alarmName,
        String metricName,
        String namespace,
        List<MetricDimension> dimensions,
        String statistic,
        Double threshold,
        String comparisonOperator,
        Integer evaluationPeriods,
        Integer datapointsToAlarm) {
}
