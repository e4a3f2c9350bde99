package io.longshore.scheduler.deployment;

import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the scheduler holds for one service between reconciliations: the spec the control plane
 * published, the status last decided (deployments, which a restarted or new owner reads back from
 * the status topic), and the memory that keeps the event log readable (when each message was last
 * written, whether the service was steady).
 */
public final class ServiceRuntime {
    private ServiceSpec spec;
    private ServiceStatus status;
    private boolean specUnanswered;
    private boolean steady;
    private final Map<String, Instant> lastEventAt = new HashMap<>();

    public ServiceSpec spec() {
        return spec;
    }

    public void spec(ServiceSpec spec) {
        specUnanswered |= !spec.equals(this.spec);
        this.spec = spec;
    }

    /**
     * Whether the spec changed since the status was last published: the status is then published
     * even if unchanged, as the answer the control plane waits for (a deleted service with no tasks
     * left becomes INACTIVE on it). Reading it clears it.
     */
    public boolean takeSpecUnanswered() {
        boolean unanswered = specUnanswered;
        specUnanswered = false;
        return unanswered;
    }

    public ServiceStatus status() {
        return status;
    }

    public void status(ServiceStatus status) {
        this.status = status;
    }

    boolean steady() {
        return steady;
    }

    void steady(boolean steady) {
        this.steady = steady;
    }

    Map<String, Instant> lastEventAt() {
        return lastEventAt;
    }
}
