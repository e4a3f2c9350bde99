package io.longshore.autoscaler.hosts;

import java.util.List;

/**
 * Starts and stops the hosts of auto scaling groups. A host runs a Longshore agent that registers
 * itself as a container instance of the group's capacity provider. What hosts exist is read from
 * the provisioner's own record (the Docker engine, the hosts' directories), never from memory, so
 * a restarted autoscaler finds the hosts it started before.
 */
public interface HostProvisioner {

    /** The live hosts of one group. */
    List<ProvisionedHost> hosts(String group);

    /** The live hosts of every group (bind addresses are shared by all of them). */
    List<ProvisionedHost> hosts();

    /** Starts a host; answers once it runs (its agent registers later). */
    ProvisionedHost launch(HostLaunch launch);

    /** Stops a host gracefully (then forcibly) and forgets it; a host already gone is no error. */
    void terminate(String hostId);
}
