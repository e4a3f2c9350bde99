package io.longshore.agent.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulationSpecTest {
    private static final SimulationSpec.Defaults DEFAULTS = new SimulationSpec.Defaults("default", Duration.ofSeconds(5));

    private static SimulationSpec parse(String json) {
        return SimulationSpec.parse(json.replace('\'', '"'), DEFAULTS);
    }

    @Test
    void readsTheWholeSpec() {
        SimulationSpec spec = parse("""
                {'cluster': 'c', 'seed': 7,
                 'hosts': {'count': 100, 'namePrefix': 'sim', 'cpu': 2048, 'memory': 4096,
                           'attributes': {'ecs.availability-zone': {'local-a': 1, 'local-b': 1},
                                          'ecs.instance-type': {'m5.large': 3, 'c5.xlarge': 1}},
                           'heartbeatInterval': '2s', 'loss': {'at': '30s', 'share': 0.1}},
                 'lifecycle': {'startDelay': {'min': '10ms', 'max': '100ms'}, 'runDuration': {'mean': '2m'},
                               'exitCodes': {'0': 95, '1': 5}, 'startFailureRate': 0.01,
                               'healthCheckFailureRate': 0.5, 'usage': true}}
                """);

        assertThat(spec.cluster()).isEqualTo("c");
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.hosts().count()).isEqualTo(100);
        assertThat(spec.hosts().cpu()).isEqualTo(2048);
        assertThat(spec.hosts().memory()).isEqualTo(4096);
        assertThat(spec.hosts().heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.hosts().loss()).isEqualTo(new SimulationSpec.HostLoss(Duration.ofSeconds(30), 0.1));
        assertThat(spec.hosts().attributes()).containsOnlyKeys("ecs.availability-zone", "ecs.instance-type");
        assertThat(spec.hosts().attributes().get("ecs.instance-type").values()).containsExactly("m5.large", "c5.xlarge");
        assertThat(spec.hosts().attributes().get("ecs.instance-type").weights()).containsExactly(3.0, 1.0);
        TaskLifecycle lifecycle = spec.lifecycle();
        assertThat(lifecycle.startDelay()).isEqualTo(new DurationDistribution.Uniform(Duration.ofMillis(10),
                Duration.ofMillis(100)));
        assertThat(lifecycle.runDuration()).isEqualTo(new DurationDistribution.Exponential(Duration.ofMinutes(2)));
        assertThat(lifecycle.exitCodes().values()).containsExactly(0, 1);
        assertThat(lifecycle.startFailureRate()).isEqualTo(0.01);
        assertThat(lifecycle.healthCheckFailureRate()).isEqualTo(0.5);
        assertThat(lifecycle.usage()).isTrue();
    }

    @Test
    void everythingLeftOutHasADefault() {
        SimulationSpec spec = parse("{}");

        assertThat(spec.cluster()).isEqualTo("default");
        assertThat(spec.hosts().count()).isEqualTo(1);
        assertThat(spec.hosts().namePrefix()).isEqualTo("sim");
        assertThat(spec.hosts().heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.hosts().loss()).isNull();
        assertThat(spec.lifecycle()).isEqualTo(TaskLifecycle.steady());
        assertThat(spec.withHostCount(5000).hosts().count()).isEqualTo(5000);
    }

    @Test
    void aFixedDurationAndForever() {
        TaskLifecycle lifecycle = parse("{'lifecycle': {'startDelay': '50ms', 'runDuration': 'forever'}}").lifecycle();
        assertThat(lifecycle.startDelay()).isEqualTo(DurationDistribution.fixed(Duration.ofMillis(50)));
        assertThat(lifecycle.runDuration()).isInstanceOf(DurationDistribution.Forever.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {'hosts': {'count': 0}}                              | hosts.count: must be between 1 and 100000
            {'hosts': {'count': 100001}}                         | hosts.count: must be between 1 and 100000, got 100001
            {'hosts': {'count': 1.5}}                            | hosts.count: must be a whole number
            {'hosts': {'cont': 3}}                               | hosts.cont: unknown field
            {'sede': 3}                                          | sede: unknown field
            {'hosts': {'heartbeatInterval': '5 seconds'}}        | hosts.heartbeatInterval: '5 seconds' is not a duration
            {'hosts': {'heartbeatInterval': '10ms'}}             | hosts.heartbeatInterval: must be at least 100ms
            {'hosts': {'loss': {'at': '30s'}}}                   | hosts.loss: needs both
            {'hosts': {'loss': {'at': '30s', 'share': 2}}}       | hosts.loss.share: must be a number between 0 and 1
            {'hosts': {'attributes': {'zone': {'a': -1}}}}       | hosts.attributes.zone.a: a weight must be a non-negative number
            {'hosts': {'attributes': {'zone': {'a': 0}}}}        | hosts.attributes.zone: at least one weight must be positive
            {'hosts': {'attributes': {'zone': 'a'}}}             | hosts.attributes.zone: must be an object of values
            {'lifecycle': {'startDelay': 'forever'}}             | lifecycle.startDelay: 'forever' is only for lifecycle.runDuration
            {'lifecycle': {'runDuration': {'min': '2s', 'max': '1s'}}} | lifecycle.runDuration: max (1s) must not be less than min (2s)
            {'lifecycle': {'runDuration': {'median': '2s'}}}     | lifecycle.runDuration: must be a duration
            {'lifecycle': {'exitCodes': {'256': 1}}}             | lifecycle.exitCodes.256: an exit code is a whole number from 0 to 255
            {'lifecycle': {'startFailureRate': 1.5}}             | lifecycle.startFailureRate: must be a number between 0 and 1
            {'lifecycle': {'usage': 'yes'}}                      | lifecycle.usage: must be true or false
            {'hosts': [1]}                                       | hosts: must be an object
            {'cluster': ''}                                      | cluster: must not be blank
            """)
    void aMistakeIsNamedByItsField(String json, String message) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @Test
    void notJsonAtAll() {
        assertThatThrownBy(() -> parse("{hosts")).hasMessageStartingWith("not valid JSON");
    }

    @Test
    void theCommandLinesHostCountIsCheckedToo() {
        assertThatThrownBy(() -> parse("{}").withHostCount(200_000)).hasMessageStartingWith("hosts.count: must be between");
    }

    @Test
    void durationsInEveryUnit() {
        assertThat(List.of("250ms", "5s", "1.5s", "2m", "1h").stream()
                .map(t -> DurationDistribution.parseDuration(t, "f")).toList())
                .containsExactly(Duration.ofMillis(250), Duration.ofSeconds(5), Duration.ofMillis(1500),
                        Duration.ofMinutes(2), Duration.ofHours(1));
    }
}
