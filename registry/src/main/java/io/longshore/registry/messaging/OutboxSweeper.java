package io.longshore.registry.messaging;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/** Runs the relay every second for events no request-triggered run published (crash, broker outage). */
@ApplicationScoped
public class OutboxSweeper {
    private final OutboxRelay relay;
    private volatile boolean started;

    public OutboxSweeper(OutboxRelay relay) {
        this.relay = relay;
    }

    // After the messaging extension has connected its channels.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${longshore.registry.outbox-sweep-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (started) {
            relay.trigger();
        }
    }
}
