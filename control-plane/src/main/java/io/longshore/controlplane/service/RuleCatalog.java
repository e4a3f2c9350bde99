package io.longshore.controlplane.service;

import io.longshore.common.events.BusEvent;
import io.longshore.common.model.Arns;
import io.longshore.controlplane.store.EventRuleEntity;
import io.longshore.controlplane.store.EventRuleRepository;
import io.longshore.controlplane.store.EventTargetEntity;
import io.longshore.controlplane.store.EventTargetRepository;
import io.longshore.events.pattern.RuleMachine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The rules and targets of every bus, with each bus's enabled patterns compiled into one
 * {@link RuleMachine}, so matching an event costs one pass whatever the number of rules. Reloaded
 * when a change is made here or when the rules' revision in the database moves (a change made
 * through another control plane).
 */
@ApplicationScoped
public class RuleCatalog {
    private static final Logger LOG = Logger.getLogger(RuleCatalog.class);

    private final EventRuleRepository rules;
    private final EventTargetRepository targets;
    private volatile Snapshot current;
    private volatile boolean stale = true;

    public RuleCatalog(EventRuleRepository rules, EventTargetRepository targets) {
        this.rules = rules;
        this.targets = targets;
    }

    /** A rule as deliveries need it. */
    public record RuleView(String bus, String name, String arn, boolean enabled, boolean scheduled,
                           List<EventTargetEntity> targets) {
    }

    /** One target an event goes to. */
    public record Match(RuleView rule, EventTargetEntity target) {
    }

    public record Snapshot(long revision, Map<String, RuleMachine> machines, Map<String, Map<String, RuleView>> rules) {

        public Optional<RuleView> rule(String bus, String name) {
            return Optional.ofNullable(rules.getOrDefault(bus, Map.of()).get(name));
        }

        public Optional<EventTargetEntity> target(String bus, String rule, String targetId) {
            return rule(bus, rule).flatMap(r -> r.targets().stream().filter(t -> t.id.equals(targetId)).findFirst());
        }

        public boolean hasEnabledRule(String bus) {
            return rules.getOrDefault(bus, Map.of()).values().stream().anyMatch(RuleView::enabled);
        }

        /** The targets the event goes to: its scheduled rule's, or those of the enabled rules it matches. */
        public List<Match> matches(BusEvent event, String envelopeJson) {
            Map<String, RuleView> onBus = rules.getOrDefault(event.eventBusName(), Map.of());
            List<RuleView> matched = new ArrayList<>();
            if (event.scheduledRule() != null) {
                RuleView rule = onBus.get(event.scheduledRule());
                if (rule != null && rule.enabled() && rule.scheduled()) {
                    matched.add(rule);
                }
            } else {
                RuleMachine machine = machines.get(event.eventBusName());
                if (machine != null) {
                    machine.matchingRules(envelopeJson).stream().sorted().map(onBus::get).forEach(matched::add);
                }
            }
            List<Match> result = new ArrayList<>();
            matched.forEach(rule -> rule.targets().forEach(t -> result.add(new Match(rule, t))));
            return result;
        }
    }

    public Uni<Snapshot> snapshot() {
        Snapshot snapshot = current;
        if (snapshot != null && !stale) {
            return Uni.createFrom().item(snapshot);
        }
        // Cleared before reading, so a change committed while loading marks the result stale again.
        stale = false;
        return Panache.withSession(() -> rules.revision()
                .flatMap(revision -> rules.listAll()
                        .flatMap(all -> targets.all().map(list -> build(revision, all, list)))))
                .invoke(loaded -> current = loaded)
                .onFailure().invoke(() -> stale = true);
    }

    /** This process changed rules or targets: the next event sees the change. */
    public void invalidate() {
        stale = true;
    }

    @Scheduled(every = "${longshore.events.rules-refresh-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> followRevision() {
        Snapshot snapshot = current;
        if (snapshot == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(rules::revision)
                .invoke(revision -> {
                    if (revision != snapshot.revision()) {
                        stale = true;
                    }
                })
                .onFailure().invoke(e -> LOG.debugf(e, "rules revision check failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static Snapshot build(long revision, List<EventRuleEntity> all, List<EventTargetEntity> allTargets) {
        Map<String, List<EventTargetEntity>> targetsByRule = allTargets.stream()
                .collect(Collectors.groupingBy(t -> t.bus + "/" + t.rule));
        Map<String, Map<String, RuleView>> views = new HashMap<>();
        Map<String, Map<String, String>> patterns = new HashMap<>();
        for (EventRuleEntity rule : all) {
            RuleView view = new RuleView(rule.bus, rule.name, Arns.eventRule(rule.bus, rule.name), rule.isEnabled(),
                    rule.scheduleExpression != null, targetsByRule.getOrDefault(rule.bus + "/" + rule.name, List.of()));
            views.computeIfAbsent(rule.bus, b -> new HashMap<>()).put(rule.name, view);
            if (rule.isEnabled() && rule.eventPattern != null) {
                patterns.computeIfAbsent(rule.bus, b -> new HashMap<>()).put(rule.name, rule.eventPattern);
            }
        }
        Map<String, RuleMachine> machines = new HashMap<>();
        patterns.forEach((bus, byRule) -> machines.put(bus, RuleMachine.compile(byRule)));
        return new Snapshot(revision, machines, views);
    }
}
