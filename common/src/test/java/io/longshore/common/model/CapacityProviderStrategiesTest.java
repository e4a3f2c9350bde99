package io.longshore.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CapacityProviderStrategiesTest {

    @Test
    void theBaseComesFirstThenTheWeightsSplitTheRest() {
        var strategy = List.of(new CapacityProviderStrategyItem("on-demand", 2, 1),
                new CapacityProviderStrategyItem("spot", 0, 3));

        List<String> assigned = CapacityProviderStrategies.assign(strategy, Map.of(), 10);

        assertThat(assigned.subList(0, 2)).containsOnly("on-demand");
        assertThat(Collections.frequency(assigned, "on-demand")).isEqualTo(2 + 2);
        assertThat(Collections.frequency(assigned, "spot")).isEqualTo(6);
    }

    @Test
    void tasksAlreadyRunningCountTowardsBaseAndShare() {
        var strategy = List.of(new CapacityProviderStrategyItem("a", 1, 1), new CapacityProviderStrategyItem("b", 0, 1));

        assertThat(CapacityProviderStrategies.assign(strategy, Map.of("a", 1, "b", 3), 2)).containsExactly("a", "a");
    }

    @Test
    void aZeroWeightProviderGetsOnlyItsBase() {
        var strategy = List.of(new CapacityProviderStrategyItem("a", 1, 0), new CapacityProviderStrategyItem("b", 0, 1));

        assertThat(CapacityProviderStrategies.assign(strategy, Map.of(), 3)).containsExactly("a", "b", "b");
    }

    @Test
    void aStrategyWithoutWeightCannotPlaceBeyondItsBase() {
        var strategy = List.of(new CapacityProviderStrategyItem("a", 1, 0));

        assertThatThrownBy(() -> CapacityProviderStrategies.assign(strategy, Map.of(), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
