package io.longshore.loadtest.scenario;

/** The end-state invariants a scenario may ask for, by the names scenarios use. */
public enum InvariantName {
    noOverCommit, constraintsHeld, noDoublePlacement, noAcceptedTaskLost
}
