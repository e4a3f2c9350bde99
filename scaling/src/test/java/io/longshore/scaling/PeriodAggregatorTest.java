package io.longshore.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.longshore.scaling.PeriodAggregator.ClosedDatapoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodAggregatorTest {
    static final MetricKey CPU = Fixtures.CPU;
    static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    final PeriodAggregator aggregator = new PeriodAggregator(Duration.ofMinutes(1), Duration.ofSeconds(10), 5);

    @Test
    void foldsSamplesOfOnePeriodIntoItsStatistics() {
        aggregator.add(CPU, T.plusSeconds(1), 20);
        aggregator.add(CPU, T.plusSeconds(30), 60);
        aggregator.add(CPU, T.plusSeconds(59), 40);

        List<ClosedDatapoint> closed = aggregator.close(T.plusSeconds(70));

        assertThat(closed).hasSize(1);
        Datapoint d = closed.get(0).datapoint();
        assertThat(d.periodStart()).isEqualTo(T);
        assertThat(d.average()).isCloseTo(40, within(1e-9));
        assertThat(d.minimum()).isEqualTo(20);
        assertThat(d.maximum()).isEqualTo(60);
        assertThat(d.sum()).isEqualTo(120);
        assertThat(d.sampleCount()).isEqualTo(3);
        assertThat(d.statistic(Datapoint.SAMPLE_COUNT)).isEqualTo(3);
        assertThat(d.statistic(null)).isEqualTo(d.average());
    }

    @Test
    void aPeriodClosesOnlyAfterItsLatenessAndLateSamplesStillCount() {
        aggregator.add(CPU, T.plusSeconds(10), 10);
        assertThat(aggregator.close(T.plusSeconds(65))).isEmpty();
        aggregator.add(CPU, T.plusSeconds(50), 30); // arrives 15 s after its period ended, within the lateness
        assertThat(aggregator.close(T.plusSeconds(70))).singleElement()
                .satisfies(c -> assertThat(c.datapoint().average()).isEqualTo(20));
        aggregator.add(CPU, T.plusSeconds(55), 1000); // its period is closed: dropped
        aggregator.close(T.plusSeconds(200));
        assertThat(aggregator.history().recent(CPU, 3).get(0).average()).isEqualTo(20);
    }

    @Test
    void historyHasOneEntryPerPeriodWithGapsAsNull() {
        aggregator.add(CPU, T.plusSeconds(5), 10);
        aggregator.add(CPU, T.plusSeconds(125), 30); // nothing in the minute between
        aggregator.close(T.plusSeconds(190));

        List<Datapoint> recent = aggregator.history().recent(CPU, 4);
        assertThat(recent).hasSize(4);
        assertThat(recent.get(0)).isNull(); // before any sample
        assertThat(recent.get(1).average()).isEqualTo(10);
        assertThat(recent.get(2)).isNull();
        assertThat(recent.get(3).average()).isEqualTo(30);
        assertThat(aggregator.history().recent(Fixtures.MEMORY, 2)).containsExactly(null, null);
    }

    @Test
    void aSeriesWithoutNewSamplesShowsMissingData() {
        aggregator.add(CPU, T.plusSeconds(5), 10);
        aggregator.close(T.plusSeconds(70));
        aggregator.close(T.plusSeconds(130));
        assertThat(aggregator.history().recent(CPU, 2)).containsExactly(aggregator.history().recent(CPU, 2).get(0), null);
        assertThat(aggregator.history().recent(CPU, 2).get(0).average()).isEqualTo(10);
    }

    @Test
    void keepsOnlyTheRetainedPeriodsAndForgetsASeries() {
        for (int minute = 0; minute < 10; minute++) {
            aggregator.add(CPU, T.plusSeconds(60L * minute + 1), minute);
        }
        assertThat(aggregator.close(T.plusSeconds(610))).hasSize(10);
        List<Datapoint> recent = aggregator.history().recent(CPU, 10);
        assertThat(recent.subList(0, 5)).containsOnlyNulls();
        assertThat(recent.get(9).average()).isEqualTo(9);

        aggregator.forget(CPU);
        assertThat(aggregator.history().recent(CPU, 1)).containsOnlyNulls();
    }

    @Test
    void closingTwiceAtTheSameTimeClosesNothingNew() {
        aggregator.add(CPU, T.plusSeconds(5), 10);
        assertThat(aggregator.close(T.plusSeconds(75))).hasSize(1);
        assertThat(aggregator.close(T.plusSeconds(75))).isEmpty();
    }
}
