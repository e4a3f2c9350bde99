package io.longshore.autoscaler.hosts;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Short random host ids, {@code h-<8 hex>}: unique enough for the hosts of one machine, short enough to read. */
public final class HostIds {
    /** The instance attribute that ties a container instance to the host it runs on. */
    public static final String ATTRIBUTE = "longshore.host-id";

    private static final SecureRandom RANDOM = new SecureRandom();

    private HostIds() {
    }

    public static String random() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return "h-" + HexFormat.of().formatHex(bytes);
    }
}
