package io.longshore.loadtest.cpu;

import java.util.List;
import java.util.Optional;

/** Which part of the stack a process is, from its command line and name (pure). */
public final class StackComponents {
    /** ./longshore starts each service, Kafka included, with this on its command line (deploy/lib/services.sh). */
    static final String LAUNCHER_FLAG = "-Dlauncher.longshore.component=";
    public static final String LOADTEST = "loadtest";
    public static final String FLEET = "fleet";
    public static final String KAFKA = "kafka";
    public static final String POSTGRES = "postgres";
    public static final String DOCKER = "docker";

    private StackComponents() {
    }

    /**
     * @param cmdline the raw /proc/&lt;pid&gt;/cmdline (arguments separated by NUL); postgres
     *                rewrites its own, so it is known by its comm instead
     * @return the component's name, or empty for a process that is not part of the stack
     */
    public static Optional<String> identify(long pid, String comm, String cmdline, long selfPid) {
        if (pid == selfPid) {
            return Optional.of(LOADTEST);
        }
        List<String> args = List.of(cmdline.split("\0"));
        for (String arg : args) {
            if (arg.startsWith(LAUNCHER_FLAG) && arg.length() > LAUNCHER_FLAG.length()) {
                return Optional.of(arg.substring(LAUNCHER_FLAG.length()));
            }
        }
        if (args.contains("kafka.Kafka")) {
            return Optional.of(KAFKA);
        }
        if (args.contains("--simulate")) {
            return Optional.of(FLEET);
        }
        if (POSTGRES.equals(comm)) {
            return Optional.of(POSTGRES); // the postmaster and every backend, summed
        }
        // comm is cut to 15 characters, so containerd-shim-runc-v2 reads "containerd-shim"
        if ("dockerd".equals(comm) || "docker-proxy".equals(comm) || comm.startsWith("containerd")) {
            return Optional.of(DOCKER);
        }
        return Optional.empty();
    }
}
