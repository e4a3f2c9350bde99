package io.longshore.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DistributionPropertyTest {

    @Property
    void aUniformSampleStaysWithinItsBounds(@ForAll @LongRange(min = 0, max = 10_000) long minMillis,
                                            @ForAll @LongRange(min = 0, max = 10_000) long spanMillis,
                                            @ForAll long seed) {
        DurationDistribution.Uniform uniform = new DurationDistribution.Uniform(Duration.ofMillis(minMillis),
                Duration.ofMillis(minMillis + spanMillis));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 100; i++) {
            Duration sample = uniform.sample(random);
            assertThat(sample).isBetween(uniform.min(), uniform.max());
        }
    }

    @Property(tries = 20)
    void anExponentialSampleIsNeverNegativeAndAveragesItsMean(@ForAll @LongRange(min = 1, max = 100_000) long meanMillis,
                                                               @ForAll long seed) {
        DurationDistribution.Exponential exponential = new DurationDistribution.Exponential(Duration.ofMillis(meanMillis));
        SplittableRandom random = new SplittableRandom(seed);
        double sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Duration sample = exponential.sample(random);
            assertThat(sample.isNegative()).isFalse();
            sum += sample.toNanos();
        }
        assertThat(sum / n / 1e6).isCloseTo(meanMillis, within(meanMillis * 0.05));
    }

    @Property(tries = 50)
    void weightedChoicesAreDrawnInProportionAndNeverAZeroWeight(@ForAll @IntRange(min = 1, max = 9) int a,
                                                               @ForAll @IntRange(min = 0, max = 9) int b,
                                                               @ForAll long seed) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("a", a);
        weights.put("zero", 0);
        weights.put("b", b);
        WeightedChoice<String> choice = WeightedChoice.of(weights);
        SplittableRandom random = new SplittableRandom(seed);
        int n = 20_000;
        int as = 0;
        for (int i = 0; i < n; i++) {
            String drawn = choice.draw(random);
            assertThat(drawn).isNotEqualTo("zero");
            as += drawn.equals("a") ? 1 : 0;
        }
        assertThat((double) as / n).isCloseTo((double) a / (a + b), within(0.02));
    }
}
