package io.longshore.controlplane.domain;

import io.longshore.common.model.Arns;

/** Service ARNs in ECS's long form: {@code arn:aws:ecs:local:000000000000:service/<cluster>/<name>}. */
public final class ServiceArns {
    private static final String PREFIX = "arn:aws:ecs:" + Arns.REGION + ":" + Arns.ACCOUNT + ":service/";

    private ServiceArns() {
    }

    public static String of(String cluster, String serviceName) {
        return PREFIX + cluster + "/" + serviceName;
    }

    /** The service name from a name or an ARN (long form, or ECS's old {@code service/<name>} form). */
    public static String name(String nameOrArn) {
        return Arns.lastSegment(nameOrArn);
    }
}
