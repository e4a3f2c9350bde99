package io.longshore.controlplane.domain;

import io.longshore.common.model.Arns;
import io.longshore.common.scaling.ScalingAlarm;
import io.longshore.scaling.AlarmNames;
import java.util.List;
import java.util.UUID;

/**
 * ARNs and alarm names of auto scaling, in Application Auto Scaling's and CloudWatch's shapes, in
 * Longshore's one local account and region.
 */
public final class ScalingArns {
    private static final String ACCOUNT = Arns.REGION + ":" + Arns.ACCOUNT + ":";

    private ScalingArns() {
    }

    /** {@code arn:aws:application-autoscaling:local:000000000000:scalable-target/<id>}, a new id each time. */
    public static String newScalableTarget() {
        return "arn:aws:application-autoscaling:" + ACCOUNT + "scalable-target/" + UUID.randomUUID().toString()
                .replace("-", "");
    }

    /** {@code arn:aws:autoscaling:...:scalingPolicy:<uuid>:resource/ecs/<resourceId>:policyName/<name>}. */
    public static String newPolicy(String resourceId, String policyName) {
        return "arn:aws:autoscaling:" + ACCOUNT + "scalingPolicy:" + UUID.randomUUID() + ":resource/ecs/" + resourceId
                + ":policyName/" + policyName;
    }

    /** {@code arn:aws:autoscaling:...:scheduledAction:<uuid>:resource/ecs/<resourceId>:scheduledActionName/<name>}. */
    public static String newScheduledAction(String resourceId, String actionName) {
        return "arn:aws:autoscaling:" + ACCOUNT + "scheduledAction:" + UUID.randomUUID() + ":resource/ecs/"
                + resourceId + ":scheduledActionName/" + actionName;
    }

    public static String alarm(String alarmName) {
        return "arn:aws:cloudwatch:" + ACCOUNT + "alarm:" + alarmName;
    }

    /** The two alarms target tracking creates, named as AWS names them: high (scale out) and low (scale in). */
    public static List<PolicyAlarm> targetTrackingAlarms(String resourceId, String policyName) {
        return List.of(targetTrackingAlarm(resourceId, policyName, AlarmNames.HIGH),
                targetTrackingAlarm(resourceId, policyName, AlarmNames.LOW));
    }

    private static PolicyAlarm targetTrackingAlarm(String resourceId, String policyName, String side) {
        String name = AlarmNames.targetTracking(resourceId, policyName, side);
        return new PolicyAlarm(name, alarm(name));
    }

    /** A step policy's alarm with its name: the given one, else the name the autoscaler gives it too. */
    public static ScalingAlarm namedStepAlarm(String resourceId, String policyName, ScalingAlarm alarm) {
        if (alarm.alarmName() != null) {
            return alarm;
        }
        return new ScalingAlarm(AlarmNames.step(resourceId, policyName), alarm.metricName(), alarm.namespace(),
                alarm.dimensions(), alarm.statistic(), alarm.threshold(), alarm.comparisonOperator(),
                alarm.evaluationPeriods(), alarm.datapointsToAlarm());
    }
}
