package io.longshore.scaling;

import static io.longshore.scaling.Fixtures.CPU;
import static io.longshore.scaling.Fixtures.MEMORY;
import static io.longshore.scaling.Fixtures.T0;
import static io.longshore.scaling.Fixtures.clockAt;
import static io.longshore.scaling.Fixtures.cpuAlarm;
import static io.longshore.scaling.Fixtures.cpuTracking;
import static io.longshore.scaling.Fixtures.memoryTracking;
import static io.longshore.scaling.Fixtures.scheduled;
import static io.longshore.scaling.Fixtures.step;
import static io.longshore.scaling.Fixtures.stepOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.ScalingDecision;
import io.longshore.common.messaging.ScalingTarget;
import io.longshore.common.scaling.ScalingPolicy;
import io.longshore.common.scaling.StepScalingPolicyConfiguration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class ScalingEvaluatorPropertyTest {
    static final Instant NOW = T0.plus(Duration.ofHours(2));

    /** A metric that holds anywhere between 90 % and 100 % of the target never moves the capacity. */
    @Property
    void noFlappingUnderASteadyMetricAtTarget(@ForAll @DoubleRange(min = 1, max = 1000) double target,
                                              @ForAll @DoubleRange(min = 0.9, max = 1.0) double ratio,
                                              @ForAll @IntRange(min = 1, max = 50) int desired,
                                              @ForAll @IntRange(min = 0, max = 600) int cooldown,
                                              @ForAll @IntRange(min = 15, max = 60) int periods) {
        ScalingTarget scalable = Fixtures.target(1, 50, List.of(cpuTracking("cpu", target, cooldown, cooldown, null)),
                List.of());
        MetricHistory history = new Fixtures.History(NOW).steady(CPU, target * ratio, periods);
        assertThat(new ScalingEvaluator(clockAt(NOW)).evaluate(scalable, desired, history, List.of())).isEmpty();
    }

    /** Whatever the metrics and policies say, a decision's capacity is within [min, max] and differs from now. */
    @Property
    void decisionsStayWithinMinAndMax(@ForAll @IntRange(min = 0, max = 20) int min,
                                      @ForAll @IntRange(min = 0, max = 20) int span,
                                      @ForAll @IntRange(min = 0, max = 40) int desired,
                                      @ForAll("cpuSeries") List<Double> cpu,
                                      @ForAll("cpuSeries") List<Double> memory,
                                      @ForAll("policies") List<ScalingPolicy> policies,
                                      @ForAll boolean withScheduledAction) {
        int max = min + span;
        ScalingTarget scalable = Fixtures.target(min, max, policies, withScheduledAction
                ? List.of(scheduled("s", "at(2026-12-01T11:00:00)", Math.max(0, min - 1), null)) : List.of());
        MetricHistory history = new Fixtures.History(NOW).with(CPU, cpu.toArray(Double[]::new))
                .with(MEMORY, memory.toArray(Double[]::new));
        int current = Math.max(min, Math.min(max, desired));
        Optional<ScalingDecision> decision = new ScalingEvaluator(clockAt(NOW)).evaluate(scalable, current, history,
                List.of());
        decision.ifPresent(d -> {
            int low = d.newMinCapacity() != null ? d.newMinCapacity() : min;
            int high = d.newMaxCapacity() != null ? d.newMaxCapacity() : max;
            assertThat(d.toCapacity()).isBetween(low, high);
            if (ScalingDecision.POLICY.equals(d.cause())) {
                assertThat(d.toCapacity()).isNotEqualTo(current);
            }
        });
    }

    @Provide
    Arbitrary<List<Double>> cpuSeries() {
        return Arbitraries.doubles().between(0, 500).injectNull(0.05).list().ofMinSize(0).ofMaxSize(20);
    }

    @Provide
    Arbitrary<List<ScalingPolicy>> policies() {
        Arbitrary<ScalingPolicy> tracking = Arbitraries.doubles().between(1, 100).flatMap(target ->
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE, null).map(disable ->
                        cpuTracking("cpu" + target.intValue(), target, 0, 0, disable)));
        Arbitrary<ScalingPolicy> memory = Arbitraries.doubles().between(1, 100).map(t -> memoryTracking("mem", t));
        Arbitrary<ScalingPolicy> steps = Arbitraries.integers().between(-200, 200).map(adjust -> step("step",
                adjust % 2 == 0 ? StepScalingPolicyConfiguration.PERCENT_CHANGE_IN_CAPACITY
                        : StepScalingPolicyConfiguration.CHANGE_IN_CAPACITY, null, 0,
                cpuAlarm("a", 50, adjust > 0 ? "GreaterThanThreshold" : "LessThanThreshold", 2, 1),
                stepOf(null, 0.0, adjust), stepOf(0.0, null, adjust)));
        return Arbitraries.oneOf(tracking, memory, steps).list().ofMaxSize(3).map(list -> {
            List<ScalingPolicy> unique = new ArrayList<>();
            list.stream().filter(p -> unique.stream().noneMatch(u -> u.policyName().equals(p.policyName())))
                    .forEach(unique::add);
            return unique;
        });
    }

}
