package io.longshore.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code smoke} load test, the way a user runs it ({@code ./longshore loadtest smoke}),
 * against the e2e stack: 50 simulated hosts in one agent process next to the stack's two real
 * agents, RunTask bursts with a memberOf constraint and spread and distinctInstance placement, a
 * service with a deployment, short-lived tasks. Its invariants are asserted, not its speed
 * (docs/benchmarks.md has the figures).
 */
class LoadTestSmokeEndToEndIT {
    private static final Path RESULTS = Stack.ROOT.resolve("e2e/target/loadtest-smoke");

    @BeforeAll
    static void up() {
        Stack.up();
    }

    @AfterAll
    static void down() {
        Stack.longshore("down");
    }

    @Test
    void everyInvariantHoldsAndEveryAcceptedTaskSettles() throws IOException {
        // exits non-zero when an invariant is violated or the run cannot be set up
        Stack.longshore("loadtest", "smoke", "--results", RESULTS.toString());

        JsonNode report = new ObjectMapper().readTree(Files.readString(RESULTS.resolve("report.json")));
        // not "duration": the workload finished; the service's short tasks may keep churning past `settle`
        assertThat(report.at("/run/stopReason").asText()).isIn("settled", "settle timeout");
        assertThat(report.at("/counts/accepted").asInt()).isGreaterThanOrEqualTo(300);
        assertThat(report.at("/counts/placed").asInt()).isGreaterThanOrEqualTo(report.at("/counts/accepted").asInt());
        assertThat(report.at("/counts/unsettledAtEnd").asInt()).isZero();
        assertThat(report.at("/latency/acceptedToRunning/count").asInt()).isPositive();

        List<String> held = new ArrayList<>();
        report.get("invariants").forEach(invariant -> {
            assertThat(invariant.get("checked").asInt()).as(invariant.get("name").asText() + " checked").isPositive();
            assertThat(invariant.get("violations").asInt()).as(invariant.get("name").asText() + " violations").isZero();
            held.add(invariant.get("name").asText());
        });
        assertThat(held).containsExactlyInAnyOrder("noOverCommit", "constraintsHeld", "noDoublePlacement",
                "noAcceptedTaskLost");
        assertThat(report.get("invariantsHeld").asBoolean()).isTrue();

        String html = Files.readString(RESULTS.resolve("report.html"));
        assertThat(html).contains("<svg").doesNotContain("<script src", "<link ");
    }
}
