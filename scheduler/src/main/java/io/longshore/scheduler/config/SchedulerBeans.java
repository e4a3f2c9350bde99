package io.longshore.scheduler.config;

import io.longshore.scheduler.capacity.ClusterCapacityReporter;
import io.longshore.scheduler.deployment.ServiceReconciler;
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.placement.ScaleInSelector;
import io.longshore.scheduler.service.LostInstanceSweeper;
import io.longshore.scheduler.service.TaskRequestHandler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/** Wires the framework-free decision core into CDI. */
public class SchedulerBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    PlacementEngine placementEngine() {
        return new PlacementEngine(new Random());
    }

    @Produces
    @Singleton
    TaskRequestHandler taskRequestHandler(PlacementEngine engine, Clock clock) {
        return new TaskRequestHandler(engine, clock);
    }

    @Produces
    @Singleton
    ServiceReconciler serviceReconciler(PlacementEngine engine, Clock clock, SchedulerConfig config) {
        return new ServiceReconciler(engine, new ScaleInSelector(new Random()), clock,
                new ServiceReconciler.Settings(config.relaunchBaseDelay(), config.relaunchMaxDelay(),
                        config.eventRepeat()),
                () -> UUID.randomUUID().toString().replace("-", ""));
    }

    @Produces
    @Singleton
    ClusterCapacityReporter clusterCapacityReporter(Clock clock, SchedulerConfig config) {
        return new ClusterCapacityReporter(clock, config.clusterCapacityInterval());
    }

    @Produces
    @Singleton
    LostInstanceSweeper lostInstanceSweeper(Clock clock, SchedulerConfig config) {
        return new LostInstanceSweeper(clock, config.lostAgentGrace());
    }
}
