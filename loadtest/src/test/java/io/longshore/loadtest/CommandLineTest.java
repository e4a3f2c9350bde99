package io.longshore.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void readsEveryOption() {
        CommandLine c = CommandLine.parse("--scenario", "smoke", "--api", "http://127.0.0.1:9000", "--kafka",
                "127.0.0.1:9092", "--agent-jar", "a.jar", "--results", "out", "--no-fleet");
        assertThat(c.scenario()).isEqualTo("smoke");
        assertThat(c.api()).isEqualTo("http://127.0.0.1:9000");
        assertThat(c.kafka()).isEqualTo("127.0.0.1:9092");
        assertThat(c.agentJar()).isEqualTo(Path.of("a.jar"));
        assertThat(c.results()).contains(Path.of("out"));
        assertThat(c.noFleet()).isTrue();
    }

    @Test
    void defaultsAndABareScenario() {
        CommandLine c = CommandLine.parse("churn");
        assertThat(c.scenario()).isEqualTo("churn");
        assertThat(c.agentJar()).isEqualTo(Path.of("agent/target/quarkus-app/quarkus-run.jar"));
        assertThat(c.results()).isEmpty();
        assertThat(c.noFleet()).isFalse();
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(CommandLine::parse).hasMessageContaining("--scenario is required");
        assertThatThrownBy(() -> CommandLine.parse("--scenario")).hasMessageContaining("--scenario needs a value");
        assertThatThrownBy(() -> CommandLine.parse("smoke", "--fast")).hasMessageContaining("unknown option --fast");
    }

    @Test
    void exitCodes() {
        assertThat(new LoadtestMain().run("--nonsense")).isEqualTo(LoadtestMain.SETUP_ERROR);
        assertThat(new LoadtestMain().run("--scenario", "no-such-scenario")).isEqualTo(LoadtestMain.SETUP_ERROR);
    }
}
