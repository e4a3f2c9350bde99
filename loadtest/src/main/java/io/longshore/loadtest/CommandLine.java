package io.longshore.loadtest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code loadtest --scenario <file|name> [--api URL] [--kafka HOST:PORT] [--agent-jar PATH]
 * [--results DIR] [--no-fleet]}.
 */
public record CommandLine(String scenario, String api, String kafka, Path agentJar, Optional<Path> results,
                          boolean noFleet, List<String> raw) {
    public static final String USAGE = "usage: loadtest --scenario <file or name in loadtest/scenarios> "
            + "[--api http://127.0.0.1:8080] [--kafka 127.0.0.1:19092] "
            + "[--agent-jar agent/target/quarkus-app/quarkus-run.jar] [--results DIR] [--no-fleet]";

    /** @throws IllegalArgumentException naming the bad option */
    public static CommandLine parse(String... args) {
        String scenario = null;
        String api = env("LONGSHORE_API", "http://127.0.0.1:8080");
        String kafka = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
        Path agentJar = Path.of("agent/target/quarkus-app/quarkus-run.jar");
        Path results = null;
        boolean noFleet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--scenario": scenario = value(args, ++i, a); break;
                case "--api": api = value(args, ++i, a); break;
                case "--kafka": kafka = value(args, ++i, a); break;
                case "--agent-jar": agentJar = Path.of(value(args, ++i, a)); break;
                case "--results": results = Path.of(value(args, ++i, a)); break;
                case "--no-fleet": noFleet = true; break;
                default:
                    if (scenario == null && !a.startsWith("--")) {
                        scenario = a; // the scenario may come bare: loadtest smoke
                    } else {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
            }
        }
        if (scenario == null) {
            throw new IllegalArgumentException("--scenario is required");
        }
        return new CommandLine(scenario, api, kafka, agentJar, Optional.ofNullable(results), noFleet, List.of(args));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
