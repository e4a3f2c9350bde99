package io.longshore.controlplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The control plane's own settings. */
@ConfigMapping(prefix = "longshore")
public interface LongshoreConfig {

    RunTask runTask();

    Instances instances();

    Outbox outbox();

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
}
