package io.longshore.loadtest.invariant;

import io.longshore.loadtest.recording.Recording;

/** An end-state property checked from what a run recorded. */
public interface Invariant {
    InvariantResult check(Recording recording);
}
