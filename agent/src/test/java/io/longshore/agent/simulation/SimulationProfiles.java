package io.longshore.agent.simulation;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Test profiles that make the agent a simulated fleet, from a spec under src/test/resources. */
final class SimulationProfiles {
    private SimulationProfiles() {
    }

    /** 50 hosts; tasks run 1 s and exit 3; a fifth of the hosts die 8 s in. */
    public static final class Fleet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("longshore.agent.simulate", "50",
                    "longshore.agent.simulation-file", "src/test/resources/simulation-it.json");
        }
    }

    /** 5 hosts whose tasks run until stopped. */
    public static final class Forever implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("longshore.agent.simulate", "5",
                    "longshore.agent.simulation-file", "src/test/resources/simulation-forever-it.json");
        }
    }
}
