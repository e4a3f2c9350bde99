package io.longshore.loadtest.workload;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds what the generator sends: at most {@code concurrency} requests in flight and at most
 * {@code maxRequests} in all. Once the total is spent, {@link #acquire} says no for good.
 */
public final class RequestGate {
    private final Semaphore inFlight;
    private final long maxRequests;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong maxSeenInFlight = new AtomicLong();
    private final int concurrency;
    private volatile boolean closed;

    public RequestGate(int concurrency, long maxRequests) {
        this.inFlight = new Semaphore(concurrency);
        this.concurrency = concurrency;
        this.maxRequests = maxRequests;
    }

    /** Waits for a free slot; false when the total bound is spent or the gate closed. */
    public boolean acquire() throws InterruptedException {
        while (!closed) {
            if (inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (closed || issued.incrementAndGet() > maxRequests) {
                    inFlight.release();
                    closed = closed || issued.get() > maxRequests;
                    return false;
                }
                maxSeenInFlight.accumulateAndGet(concurrency - inFlight.availablePermits(), Math::max);
                return true;
            }
        }
        return false;
    }

    public void release() {
        inFlight.release();
    }

    /** No request starts after this (the run's hard stop). */
    public void close() {
        closed = true;
    }

    /** Whether the total bound stopped the workload. */
    public boolean exhausted() {
        return issued.get() > maxRequests;
    }

    public long inFlight() {
        return concurrency - inFlight.availablePermits();
    }

    public long maxSeenInFlight() {
        return maxSeenInFlight.get();
    }

    /** Waits until no request is in flight, at most the timeout. */
    public boolean drain(long timeoutMillis) throws InterruptedException {
        if (inFlight.tryAcquire(concurrency, timeoutMillis, TimeUnit.MILLISECONDS)) {
            inFlight.release(concurrency);
            return true;
        }
        return false;
    }
}
