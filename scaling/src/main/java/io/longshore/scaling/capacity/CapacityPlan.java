package io.longshore.scaling.capacity;

import java.util.List;

/**
 * What cluster scaling wants of one capacity provider's group now.
 *
 * @param instancesNeeded  M: hosts the group needs to run what runs and what waits (binpacked)
 * @param instancesRunning N: hosts in the group, starting ones included, draining ones not
 * @param reservation      CapacityProviderReservation = M / N × 100 (200 with no host and tasks waiting)
 * @param launch           hosts to start now
 * @param terminate        empty hosts to drain and remove now (never one with a non-daemon task)
 * @param unplaceable      waiting tasks no host of this shape could ever hold
 */
public record CapacityPlan(int instancesNeeded, int instancesRunning, double reservation, int launch,
                           List<String> terminate, int unplaceable) {
}
