/**
 * Application Auto Scaling's shapes for ECS services (dimension {@code ecs:service:DesiredCount}):
 * scaling policies, scheduled actions and their configurations, with the member names of AWS's API
 * (PascalCase in JSON, as Application Auto Scaling speaks it). The control plane takes them as
 * request bodies and stores them; the autoscaler receives them inside
 * {@link io.longshore.common.messaging.ScalingTarget} and evaluates them.
 */
package io.longshore.common.scaling;
