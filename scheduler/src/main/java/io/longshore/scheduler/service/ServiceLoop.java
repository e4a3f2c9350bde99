package io.longshore.scheduler.service;

import io.longshore.scheduler.messaging.DecisionPublisher;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Reconciles the services (and sweeps lost hosts, retries the tasks waiting in PROVISIONING and
 * reports each capacity provider's figures) of every cluster this scheduler decides for, once a
 * second, publishing each cluster's decisions before moving on.
 */
@ApplicationScoped
public class ServiceLoop {
    private static final Logger LOG = Logger.getLogger(ServiceLoop.class);

    private final SchedulerState state;
    private final ClusterOwnership ownership;
    private final DecisionPublisher publisher;

    public ServiceLoop(SchedulerState state, ClusterOwnership ownership, DecisionPublisher publisher) {
        this.state = state;
        this.ownership = ownership;
        this.publisher = publisher;
    }

    @Scheduled(every = "${longshore.scheduler.reconcile-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reconcile() {
        for (String cluster : state.clusterNames()) {
            try {
                state.deciding(() -> {
                    if (ownership.decides(cluster)) {
                        publisher.publish(state.reconcile(cluster));
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.errorf(e, "reconciling cluster %s failed; trying again next round", cluster);
            }
        }
    }
}
