package io.longshore.controlplane.service;

import io.longshore.controlplane.config.LongshoreConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Keeps the datapoints table bounded: every few minutes, those older than the retention go. */
@ApplicationScoped
public class MetricRetention {
    private static final Logger LOG = Logger.getLogger(MetricRetention.class);
    private final MetricService metrics;
    private final LongshoreConfig config;

    public MetricRetention(MetricService metrics, LongshoreConfig config) {
        this.metrics = metrics;
        this.config = config;
    }

    @Scheduled(every = "${longshore.metrics.purge-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        // A failed purge (database briefly away) is simply done on the next tick.
        return metrics.purgeOlderThan(config.metrics().retention())
                .invoke(n -> {
                    if (n > 0) {
                        LOG.debugf("deleted %d metric datapoints older than %s", n, config.metrics().retention());
                    }
                })
                .onFailure().invoke(e -> LOG.debugf(e, "metric datapoint purge failed"))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
