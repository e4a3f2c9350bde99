package io.longshore.loadtest;

import io.longshore.loadtest.scenario.ScenarioException;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.time.Clock;

/**
 * {@code longshore loadtest}: exit code 0 when every checked invariant held, 1 when one was
 * violated, 2 when the run could not be set up (bad scenario or options, API, Kafka or fleet missing).
 */
@QuarkusMain
public class LoadtestMain implements QuarkusApplication {
    public static final int HELD = 0;
    public static final int VIOLATED = 1;
    public static final int SETUP_ERROR = 2;

    @Override
    public int run(String... args) {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("loadtest: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            return SETUP_ERROR;
        }
        try {
            return new LoadtestRun(command, Clock.systemUTC(), System.out).run() ? HELD : VIOLATED;
        } catch (ScenarioException e) {
            System.err.println("loadtest: " + e.getMessage());
            return SETUP_ERROR;
        } catch (SetupException e) {
            System.err.println("loadtest: setup failed: " + e.getMessage());
            return SETUP_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("loadtest: interrupted");
            return SETUP_ERROR;
        }
    }
}
