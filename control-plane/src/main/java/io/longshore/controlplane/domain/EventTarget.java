package io.longshore.controlplane.domain;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import java.util.List;
import java.util.Map;

/**
 * A rule's target, as EventBridge's PutTargets takes it. Longshore's targets run ECS tasks: {@code Arn}
 * is the cluster's ARN (or name) and {@code EcsParameters} says what to run.
 */
@JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
public record EventTarget(String id, String arn, String roleArn, String input, String inputPath,
                          InputTransformer inputTransformer, EcsParameters ecsParameters, RetryPolicy retryPolicy) {

    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record InputTransformer(Map<String, String> inputPathsMap, String inputTemplate) {
    }

    /** EventBridge's EcsParameters; placement members keep ECS's lower-case names, as EventBridge's do. */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record EcsParameters(String taskDefinitionArn, Integer taskCount, String launchType,
                                List<PlacementConstraint> placementConstraints,
                                List<PlacementStrategy> placementStrategy, String group) {
        public int taskCountOrDefault() {
            return taskCount == null ? 1 : taskCount;
        }
    }

    /**
     * How often and for how long a failed task is run again (see {@code DeliveryRetries}); members left
     * out take EventBridge's defaults (185 attempts, 24 hours).
     */
    @JsonNaming(PropertyNamingStrategies.UpperCamelCaseStrategy.class)
    public record RetryPolicy(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds) {
        public static final int DEFAULT_ATTEMPTS = 185;
        public static final int DEFAULT_AGE_SECONDS = 86_400;

        public int retryAttempts() {
            return maximumRetryAttempts == null ? DEFAULT_ATTEMPTS : maximumRetryAttempts;
        }

        public int eventAgeSeconds() {
            return maximumEventAgeInSeconds == null ? DEFAULT_AGE_SECONDS : maximumEventAgeInSeconds;
        }
    }
}
