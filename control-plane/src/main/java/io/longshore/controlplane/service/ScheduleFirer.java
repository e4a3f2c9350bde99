package io.longshore.controlplane.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.longshore.common.events.BusEvent;
import io.longshore.common.events.EventEnvelope;
import io.longshore.common.messaging.Topics;
import io.longshore.common.model.Arns;
import io.longshore.controlplane.messaging.Outbox;
import io.longshore.controlplane.store.EventRuleEntity;
import io.longshore.controlplane.store.EventRuleRepository;
import io.longshore.events.schedule.ScheduleExpression;
import io.longshore.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fires schedule rules. Each scheduled time fires once: a tick is claimed by moving the rule's
 * {@code last_fired_at} to it with a conditional update, which one process wins however many
 * control planes try, and the claim and the "Scheduled Event" commit together (outbox). After
 * downtime the ticks missed collapse into one, for the most recent missed time.
 */
@ApplicationScoped
public class ScheduleFirer {
    private static final Logger LOG = Logger.getLogger(ScheduleFirer.class);
    public static final String DETAIL_TYPE = "Scheduled Event";
    public static final String SOURCE = "aws.events";

    private final EventRuleRepository rules;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;

    public ScheduleFirer(EventRuleRepository rules, Outbox outbox, OutboxRelay relay, Clock clock) {
        this.rules = rules;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    @Scheduled(every = "${longshore.events.schedule-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return fireDue()
                .onFailure().invoke(e -> LOG.debugf(e, "schedule check failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Fires every schedule rule whose next time has come; how many fired. */
    public Uni<Integer> fireDue() {
        Instant now = clock.instant();
        return Panache.withSession(rules::enabledSchedules)
                .flatMap(due -> due.isEmpty() ? Uni.createFrom().item(List.<Boolean>of())
                        : Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(rule -> fire(rule, now))
                        .collect().asList())
                .map(fired -> (int) fired.stream().filter(f -> f).count())
                .invoke(n -> {
                    if (n > 0) {
                        relay.trigger();
                    }
                });
    }

    private Uni<Boolean> fire(EventRuleEntity rule, Instant now) {
        Optional<Instant> tick;
        try {
            Instant anchor = rule.scheduleAnchor != null ? rule.scheduleAnchor : rule.createdAt;
            tick = ScheduleExpression.parse(rule.scheduleExpression, rule.scheduleTimezone, anchor)
                    .latestDue(rule.lastFiredAt != null ? rule.lastFiredAt : anchor, now);
        } catch (IllegalArgumentException e) {
            LOG.warnf("rule %s/%s: schedule %s no longer parses: %s", rule.bus, rule.name, rule.scheduleExpression,
                    e.getMessage());
            return Uni.createFrom().item(false);
        }
        if (tick.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        Instant at = tick.get();
        BusEvent event = scheduledEvent(rule.bus, rule.name, at, now);
        return Panache.withTransaction(() -> rules.claimTick(rule.bus, rule.name, rule.lastFiredAt, at)
                .flatMap(claimed -> claimed == 0 ? Uni.createFrom().item(false)
                        : outbox.enqueue(Topics.EVENTS, event.key(), event).replaceWith(true)));
    }

    /** EventBridge's "Scheduled Event": its id is the rule's and the time's, so a tick is one event. */
    static BusEvent scheduledEvent(String bus, String rule, Instant tick, Instant now) {
        String ruleArn = Arns.eventRule(bus, rule);
        String id = BuiltInEvents.deterministicId("schedule/" + ruleArn + "/" + tick);
        return new BusEvent(bus, EventEnvelope.of(id, DETAIL_TYPE, SOURCE, tick, List.of(ruleArn),
                JsonNodeFactory.instance.objectNode()), now, rule);
    }
}
