package io.longshore.controlplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The control plane's own settings. */
@ConfigMapping(prefix = "longshore")
public interface LongshoreConfig {

    RunTask runTask();

    Instances instances();

    Outbox outbox();

    Registry registry();

    Events events();

    Metrics metrics();

    interface RunTask {
        /** How long RunTask waits for the scheduler's first report on each task before answering. */
        @WithDefault("5s")
        Duration placementWait();
    }

    interface Instances {
        /** An agent not heard from for this long is marked agentConnected=false. */
        @WithDefault("15s")
        Duration heartbeatTimeout();

        /** How often lost agents are looked for (a scheduler "every" expression). */
        @WithDefault("5s")
        String heartbeatCheckInterval();
    }

    interface Outbox {
        /** How often the relay sweeps the outbox for rows no request-triggered run published. */
        @WithDefault("1s")
        String sweepInterval();
    }

    /**
     * Pull credentials for Longshore's own registry, issued with every task whose images are in it
     * (ECS's task execution role, in effect).
     */
    interface Registry {
        /** The secret the registry checks tokens with (the registry's {@code longshore.registry.token-secret}). */
        @WithDefault("longshore-local-development-secret")
        String tokenSecret();

        /** The image hosts ({@code host:port} as image references name them) that are Longshore's registry. */
        @WithDefault("127.0.0.1:5000,localhost:5000")
        List<String> hosts();

        /** How long an issued credential is accepted (ECS: 12 hours). */
        @WithDefault("12h")
        Duration credentialValidity();

        /**
         * How often services are looked for whose task template's credential expires within half its
         * validity, to publish their spec again with a fresh one (a scheduler "every" expression).
         */
        @WithDefault("1m")
        String credentialRefreshInterval();
    }

    /** Event rules: how often schedules and due retries are looked at, and how retries back off. */
    interface Events {
        /** How often schedule rules are checked for a tick that is due (a scheduler "every" expression). */
        @WithDefault("1s")
        String scheduleInterval();

        /** How often deliveries waiting for a retry are looked for (a scheduler "every" expression). */
        @WithDefault("1s")
        String retryInterval();

        /** How often the rules' revision is checked, so a change made through another control plane applies. */
        @WithDefault("1s")
        String rulesRefreshInterval();

        /** The first retry's delay; each further one doubles it, up to {@link #retryMaxBackoff()}. */
        @WithDefault("10s")
        Duration retryBackoff();

        @WithDefault("5m")
        Duration retryMaxBackoff();
    }

    /** The autoscaler's datapoints the control plane keeps for {@code GET .../metrics}. */
    interface Metrics {
        /** Datapoints whose period started longer ago than this are deleted. */
        @WithDefault("24h")
        Duration retention();

        /** How often old datapoints are deleted (a scheduler "every" expression). */
        @WithDefault("10m")
        String purgeInterval();
    }
}
