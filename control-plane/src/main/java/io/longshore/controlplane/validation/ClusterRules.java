package io.longshore.controlplane.validation;

/** CreateCluster's rules. */
public final class ClusterRules {
    private ClusterRules() {
    }

    public static String validateName(String clusterName) {
        Violations violations = new Violations();
        violations.name("clusterName", clusterName);
        violations.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return clusterName;
    }
}
