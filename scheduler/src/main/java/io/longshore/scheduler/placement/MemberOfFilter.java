package io.longshore.scheduler.placement;

import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.query.ClusterQuery;
import io.longshore.common.query.InstanceFacts;
import io.longshore.common.query.QuerySyntaxException;
import io.longshore.scheduler.state.ClusterState.InstanceUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@code memberOf} placement constraint: the instances its cluster query expression selects.
 * Expressions are parsed once and kept (they are immutable); the control plane has already refused a bad
 * one, so an expression that does not parse here (an old request) selects nothing, and says why.
 */
public final class MemberOfFilter {
    public static final String REASON = "MemberOf placement constraint unsatisfied";

    private static final Map<String, ClusterQuery> PARSED = new ConcurrentHashMap<>();

    private final ClusterQuery query;
    private final String reason;

    private MemberOfFilter(ClusterQuery query, String reason) {
        this.query = query;
        this.reason = reason;
    }

    /** An expression parsed before, or parsed now and kept: services place with the same ones again and again. */
    private static ClusterQuery parsed(String expression) {
        ClusterQuery query = PARSED.get(expression);
        if (query == null) {
            query = ClusterQuery.parse(expression);
            if (PARSED.size() >= 1024) {
                PARSED.clear(); // many one-off expressions: start over rather than grow without bound
            }
            PARSED.put(expression, query);
        }
        return query;
    }

    /** The memberOf constraints among these, parsed, in their order. */
    public static List<MemberOfFilter> of(List<PlacementConstraint> constraints) {
        List<MemberOfFilter> filters = new ArrayList<>();
        for (PlacementConstraint constraint : constraints) {
            if (!"memberOf".equals(constraint.type())) {
                continue;
            }
            try {
                filters.add(new MemberOfFilter(parsed(String.valueOf(constraint.expression())), REASON));
            } catch (QuerySyntaxException e) {
                filters.add(new MemberOfFilter(null, REASON + ": " + e.getMessage()));
            }
        }
        return filters;
    }

    /** The failure reason when no instance is selected. */
    public String reason() {
        return reason;
    }

    /** Whether the instance, holding what the usage says (this round's tentative tasks included), is selected. */
    public boolean accepts(InstanceState instance, InstanceUsage usage) {
        return query != null && query.matches(new Facts(instance, usage));
    }

    /** The facts, read straight from the scheduler's view: nothing copied per candidate. */
    private record Facts(InstanceState instance, InstanceUsage usage) implements InstanceFacts {
        @Override
        public String instanceId() {
            return instance.containerInstanceId();
        }

        @Override
        public Map<String, String> attributes() {
            return instance.attributes() == null ? Map.of() : instance.attributes();
        }

        @Override
        public boolean agentConnected() {
            return instance.agentConnected();
        }

        @Override
        public String agentVersion() {
            return instance.agentVersion();
        }

        @Override
        public Instant registeredAt() {
            return instance.registeredAt();
        }

        @Override
        public int runningTasksCount() {
            return usage.taskCount();
        }

        @Override
        public Set<String> taskGroups() {
            return usage.groups();
        }
    }
}
