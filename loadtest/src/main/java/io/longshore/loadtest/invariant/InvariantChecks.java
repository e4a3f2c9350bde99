package io.longshore.loadtest.invariant;

import io.longshore.loadtest.recording.Recording;
import io.longshore.loadtest.scenario.InvariantName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Runs the invariants a scenario asks for, in a fixed order. */
public final class InvariantChecks {
    private InvariantChecks() {
    }

    public static Invariant of(InvariantName name) {
        switch (name) {
            case noOverCommit: return new NoOverCommit();
            case constraintsHeld: return new ConstraintsHeld();
            case noDoublePlacement: return new NoDoublePlacement();
            case noAcceptedTaskLost: return new NoAcceptedTaskLost();
            default: throw new IllegalArgumentException(name.name());
        }
    }

    public static List<InvariantResult> check(Set<InvariantName> names, Recording recording) {
        List<InvariantResult> results = new ArrayList<>();
        for (InvariantName name : InvariantName.values()) {
            if (names.contains(name)) {
                results.add(of(name).check(recording));
            }
        }
        return results;
    }

    public static boolean allHeld(List<InvariantResult> results) {
        return results.stream().allMatch(InvariantResult::held);
    }
}
