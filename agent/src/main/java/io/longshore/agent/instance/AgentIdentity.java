package io.longshore.agent.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Who this agent is: its container instance id, kept in {@code <state-dir>/instance-id} so that a
 * restarted agent comes back as the same container instance (and finds the tasks it ran).
 */
public record AgentIdentity(String cluster, String instanceId, Path stateDir) {
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    static final String FILE = "instance-id";

    /** Reads the instance id from the state directory, creating the directory and a new id on first start. */
    public static AgentIdentity loadOrCreate(String cluster, Path stateDir) {
        try {
            Files.createDirectories(stateDir);
            Path file = stateDir.resolve(FILE);
            if (Files.exists(file)) {
                String id = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!ID.matcher(id).matches()) {
                    throw new IllegalStateException(file + " does not hold a container instance id (32 hex characters): '"
                            + id + "'; remove it to register as a new instance");
                }
                return new AgentIdentity(cluster, id, stateDir);
            }
            String id = UUID.randomUUID().toString().replace("-", "");
            Path tmp = stateDir.resolve(FILE + ".tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new AgentIdentity(cluster, id, stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the instance id in " + stateDir, e);
        }
    }

    /** The name tasks' state reports carry as their reporter. */
    public String reporter() {
        return "agent/" + instanceId;
    }
}
