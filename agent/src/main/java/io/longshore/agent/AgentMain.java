package io.longshore.agent;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.ArrayList;
import java.util.List;

/**
 * The agent's command line. Without arguments it is the real agent. {@code --simulate N} runs N
 * simulated hosts instead, {@code --simulation FILE} reads their spec (hosts, attributes, task
 * lifecycle; N overrides its host count). Both become configuration
 * ({@code longshore.agent.simulate}, {@code longshore.agent.simulation-file}), so environment
 * variables and system properties work as well.
 */
@QuarkusMain
public final class AgentMain {
    private AgentMain() {
    }

    public static void main(String... args) {
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--simulate") || arg.equals("--simulation")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    apply(arg, args[++i]);
                } else if (arg.startsWith("--simulate=") || arg.startsWith("--simulation=")) {
                    apply(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
                } else {
                    rest.add(arg);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("longshore agent: " + e.getMessage()
                    + "\nusage: java -jar quarkus-run.jar [--simulate N] [--simulation FILE]");
            System.exit(2);
        }
        Quarkus.run(rest.toArray(String[]::new));
    }

    private static void apply(String option, String value) {
        if (option.equals("--simulate")) {
            int hosts;
            try {
                hosts = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--simulate: '" + value + "' is not a number of hosts");
            }
            if (hosts < 1) {
                throw new IllegalArgumentException("--simulate: the number of hosts must be at least 1");
            }
            System.setProperty("longshore.agent.simulate", Integer.toString(hosts));
            // thousands of tasks a second: the per-task INFO lines would cost more than the tasks
            System.setProperty("quarkus.log.category.\"io.longshore.agent.task\".level",
                    System.getProperty("quarkus.log.category.\"io.longshore.agent.task\".level", "WARN"));
        } else {
            System.setProperty("longshore.agent.simulation-file", value);
        }
    }
}
