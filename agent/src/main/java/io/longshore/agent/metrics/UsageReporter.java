package io.longshore.agent.metrics;

import io.longshore.common.messaging.MetricSample;

/** Where task usage goes (Kafka's {@code longshore.metrics} in the agent). A lost sample is made up by the next. */
public interface UsageReporter {
    void report(MetricSample.TaskUsage usage);
}
