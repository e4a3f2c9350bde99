package io.longshore.autoscaler.hosts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The provisioners by the name a group's {@code provisioner} gives ({@code docker}, {@code process}),
 * and the bind addresses they hand out together.
 */
public final class HostProvisioners {
    public static final String DOCKER = "docker";
    public static final String PROCESS = "process";
    private static final Logger LOG = Logger.getLogger(HostProvisioners.class);

    private final Map<String, HostProvisioner> byName;
    private final BindAddresses bindAddresses;

    public HostProvisioners(Map<String, HostProvisioner> byName, BindAddresses bindAddresses) {
        this.byName = Map.copyOf(byName);
        this.bindAddresses = bindAddresses;
    }

    public Optional<HostProvisioner> get(String name) {
        return Optional.ofNullable(byName.get(name == null ? DOCKER : name));
    }

    /** The addresses live hosts of every group and provisioner use. */
    public Set<String> usedBindIps() {
        Set<String> used = new HashSet<>();
        for (Map.Entry<String, HostProvisioner> e : byName.entrySet()) {
            try {
                e.getValue().hosts().forEach(h -> used.add(h.bindIp()));
            } catch (RuntimeException ex) {
                // an engine that does not answer has no host to launch next to either
                LOG.debugf(ex, "the %s provisioner could not list its hosts", e.getKey());
            }
        }
        return used;
    }

    /** The first address of the range not in {@code used}. */
    public String nextBindIp(Set<String> used) {
        return bindAddresses.next(new ArrayList<>(used));
    }
}
