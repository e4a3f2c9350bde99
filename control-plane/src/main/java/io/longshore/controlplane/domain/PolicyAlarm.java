package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An alarm of a scaling policy, as PutScalingPolicy and DescribeScalingPolicies name it. */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record PolicyAlarm(String alarmName, String alarmARN) {
}
