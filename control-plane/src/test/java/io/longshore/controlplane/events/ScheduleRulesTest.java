package io.longshore.controlplane.events;

import static io.longshore.controlplane.events.EventRulesApiTest.putRule;
import static io.longshore.controlplane.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.events.BusEvent;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.Topics;
import io.longshore.controlplane.service.ScheduleFirer;
import io.longshore.controlplane.support.MutableClock;
import io.longshore.controlplane.support.TestKafka;
import io.longshore.testing.KafkaTestResource;
import io.longshore.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Schedule rules against the real database with a clock the test moves: each scheduled time fires
 * once however many firers race for it (as two control planes would), and after downtime the missed
 * ticks fire once, for the most recent one.
 */
@QuarkusTest
@TestProfile(ScheduleRulesTest.MovableTime.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ScheduleRulesTest {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-03-10T06:00:30Z"));

    public static class MovableTime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // The test fires by hand; the timer would only race with it (which is allowed, but noisier).
            return Map.of("longshore.events.schedule-interval", "1h");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ClockOverride.class);
        }
    }

    @Alternative
    @Singleton
    public static class ClockOverride {
        @Produces
        @Singleton
        Clock clock() {
            return CLOCK;
        }
    }

    @Inject
    ScheduleFirer firer;

    List<BusEvent> ticksOf(String rule) {
        return TestKafka.readAll(Topics.EVENTS, r -> r.value().contains("\"scheduledRule\":\"" + rule + "\"")).stream()
                .map(r -> Json.read(r.value(), BusEvent.class)).toList();
    }

    @Inject
    Vertx vertx;

    /** Eight firers at once, each on its own context and database connection, as several control planes would run them. */
    void raceFirers() {
        CompletableFuture.allOf(IntStream.range(0, 8).mapToObj(i -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(v -> {
                try {
                    VertxContextSafetyToggle.setCurrentContextSafe(true);
                    firer.fireDue().subscribe().with(n -> done.complete(null), done::completeExceptionally);
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            return done;
        }).toArray(CompletableFuture[]::new)).join();
    }

    @Test
    void eachTickFiresOnceAcrossRacingFirersAndMissedTicksCollapseIntoTheLatest() {
        String rule = unique("every-minute");
        putRule("default", rule, "{\"ScheduleExpression\": \"rate(1 minute)\"}").statusCode(200);
        Instant created = CLOCK.instant();

        raceFirers();
        assertThat(ticksOf(rule)).isEmpty();

        CLOCK.advance(Duration.ofSeconds(61));
        raceFirers();
        raceFirers();
        List<BusEvent> ticks = ticksOf(rule);
        assertThat(ticks).hasSize(1);
        BusEvent first = ticks.get(0);
        assertThat(first.event().detailType()).isEqualTo("Scheduled Event");
        assertThat(first.event().source()).isEqualTo("aws.events");
        assertThat(first.event().resources()).containsExactly("arn:aws:events:local:000000000000:rule/" + rule);
        assertThat(first.event().time()).isEqualTo(created.plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        // Down for ten minutes: one firing, for the latest missed minute, not ten.
        CLOCK.advance(Duration.ofMinutes(10));
        raceFirers();
        ticks = ticksOf(rule);
        assertThat(ticks).hasSize(2);
        assertThat(ticks.get(1).event().time())
                .isEqualTo(created.plusSeconds(660).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    @Test
    void aDisabledScheduleDoesNotFireAndACronFollowsItsTimeZone() {
        String disabled = unique("off");
        putRule("default", disabled, "{\"ScheduleExpression\": \"rate(1 minute)\", \"State\": \"DISABLED\"}")
                .statusCode(200);
        // Every day at 02:30 in New York; 2030-03-10 is the spring-forward day, when 02:30 does not exist.
        String cron = unique("nightly");
        putRule("default", cron, "{\"ScheduleExpression\": \"cron(30 2 * * ? *)\", "
                + "\"ScheduleExpressionTimezone\": \"America/New_York\"}").statusCode(200);
        CLOCK.advance(Duration.ofDays(1));
        raceFirers();
        assertThat(ticksOf(disabled)).isEmpty();
        // Enabled again, it owes nothing for the day it was off: its next tick is a minute from its start.
        given().post("/v1/event-buses/default/rules/" + disabled + "/enable").then().statusCode(200);
        raceFirers();
        assertThat(ticksOf(disabled)).isEmpty();
        CLOCK.advance(Duration.ofMinutes(1));
        raceFirers();
        assertThat(ticksOf(disabled)).hasSize(1);
        List<BusEvent> ticks = ticksOf(cron);
        assertThat(ticks).hasSize(1);
        assertThat(ticks.get(0).event().time()).isBefore(CLOCK.instant());
    }
}
