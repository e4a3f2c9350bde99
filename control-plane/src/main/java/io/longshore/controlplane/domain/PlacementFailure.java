package io.longshore.controlplane.domain;

import io.longshore.common.messaging.PlacementFailures;
import java.util.Optional;

/**
 * A RunTask {@code failures[]} entry's reason and detail, read back from the stoppedReason the
 * scheduler gives a task it could not place. {@code "RESOURCE:MEMORY"} is a bare reason;
 * {@code "MemberOf placement constraint: the query ..."} splits at the first ": ".
 */
public record PlacementFailure(String reason, String detail) {

    public static Optional<PlacementFailure> fromStoppedReason(String stoppedReason) {
        return PlacementFailures.reasonOf(stoppedReason).map(text -> {
            int split = text.indexOf(": ");
            if (split < 0) {
                return new PlacementFailure(text.trim(), null);
            }
            String detail = text.substring(split + 2).trim();
            return new PlacementFailure(text.substring(0, split).trim(), detail.isEmpty() ? null : detail);
        });
    }
}
