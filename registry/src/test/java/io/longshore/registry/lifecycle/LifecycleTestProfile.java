package io.longshore.registry.lifecycle;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle tests' application: a {@link MutableClock}, and scheduled lifecycle and garbage
 * collection runs pushed out of the way so that only the tests' own calls run them.
 */
public class LifecycleTestProfile implements QuarkusTestProfile {
    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(MutableClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "longshore.registry.lifecycle.initial-delay", "24h",
                "longshore.registry.gc.initial-delay", "24h");
    }
}
