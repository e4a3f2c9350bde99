package io.longshore.scheduler.placement;

import io.longshore.common.query.ClusterQuery;
import io.longshore.common.query.Expression;
import io.longshore.common.query.QuerySyntaxException;
import io.longshore.common.query.Subject;

/**
 * Tells whether a cluster query reads only facts of the instance itself (attributes, id, agent,
 * registration time) and none of its tasks ({@code runningTasksCount}, {@code task:group}). Such an
 * expression gives the same answer for an instance until the instance changes, so the engine can
 * work it out once per instance instead of once per decision.
 */
final class InstanceOnlyQuery {
    private InstanceOnlyQuery() {
    }

    /** False for an expression that does not parse: it is left to {@link MemberOfFilter} to refuse. */
    static boolean readsOnlyTheInstance(String expression) {
        try {
            return readsOnlyTheInstance(ClusterQuery.parse(String.valueOf(expression)).expression());
        } catch (QuerySyntaxException e) {
            return false;
        }
    }

    private static boolean readsOnlyTheInstance(Expression expression) {
        if (expression instanceof Expression.And and) {
            return readsOnlyTheInstance(and.left()) && readsOnlyTheInstance(and.right());
        }
        if (expression instanceof Expression.Or or) {
            return readsOnlyTheInstance(or.left()) && readsOnlyTheInstance(or.right());
        }
        if (expression instanceof Expression.Not not) {
            return readsOnlyTheInstance(not.operand());
        }
        if (expression instanceof Expression.Condition condition) {
            Subject.Kind kind = condition.subject().kind();
            return kind != Subject.Kind.RUNNING_TASKS_COUNT && kind != Subject.Kind.TASK_GROUP;
        }
        return false; // a kind of expression this does not know: ask every time
    }
}
