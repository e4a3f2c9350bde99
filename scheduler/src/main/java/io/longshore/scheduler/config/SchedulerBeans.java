package io.longshore.scheduler.config;

import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.service.TaskRequestHandler;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Random;

/** Wires the framework-free decision core into CDI. */
public class SchedulerBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    TaskRequestHandler taskRequestHandler(Clock clock) {
        return new TaskRequestHandler(new PlacementEngine(new Random()), clock);
    }
}
