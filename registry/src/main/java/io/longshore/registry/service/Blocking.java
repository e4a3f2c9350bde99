package io.longshore.registry.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;

/**
 * File-system work off the event loop: runs on a Vert.x worker and resumes on the caller's
 * context, so a Hibernate Reactive transaction can continue after it.
 */
@ApplicationScoped
public class Blocking {
    private final Vertx vertx;

    public Blocking(Vertx vertx) {
        this.vertx = vertx;
    }

    public <T> Uni<T> call(Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }

    public Uni<Void> run(Runnable work) {
        return vertx.executeBlocking(() -> {
            work.run();
            return null;
        }, false);
    }
}
