package io.longshore.loadtest.io;

/** The hosts of a run: a simulated fleet the tool starts, or hosts that are already there. */
public interface Fleet extends AutoCloseable {
    void start() throws java.io.IOException;

    /** Whether it is still up (a fleet that died early ends the run as a setup error). */
    boolean alive();

    @Override
    void close();

    /** Hosts that already exist: nothing to start or stop. */
    static Fleet existing() {
        return new Fleet() {
            @Override
            public void start() {
            }

            @Override
            public boolean alive() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }
}
