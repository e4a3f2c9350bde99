package io.longshore.controlplane.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.controlplane.domain.AutoScalingGroup;
import io.longshore.controlplane.domain.CapacityProvider;
import io.longshore.controlplane.domain.CapacityProvider.ManagedScaling;
import io.longshore.controlplane.domain.CreateAutoScalingGroup;
import io.longshore.controlplane.domain.CreateAutoScalingGroup.InstanceType;
import io.longshore.controlplane.domain.CreateCapacityProvider;
import io.longshore.controlplane.domain.CreateCapacityProvider.AutoScalingGroupProvider;
import io.longshore.controlplane.domain.CreateService;
import io.longshore.controlplane.domain.PutClusterCapacityProviders;
import io.longshore.controlplane.domain.RunTask;
import io.longshore.controlplane.domain.UpdateAutoScalingGroup;
import io.longshore.controlplane.domain.UpdateCapacityProvider;
import io.longshore.controlplane.domain.UpdateService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Cluster auto scaling's request rules: each broken rule is refused naming the field. */
class CapacityProviderRulesTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final InstanceType TYPE = new InstanceType(1024, 2048);

    static CreateAutoScalingGroup group(Integer min, Integer max, Integer desired) {
        return new CreateAutoScalingGroup("asg-1", min, max, desired, TYPE, null, null);
    }

    static CreateCapacityProvider provider(String name, CreateCapacityProvider.ManagedScaling scaling,
                                           String protection) {
        return new CreateCapacityProvider(name, new AutoScalingGroupProvider("asg-1", scaling, protection));
    }

    static CreateCapacityProvider.ManagedScaling scaling(String status, Integer target, Integer min, Integer max,
                                                         Integer warmup) {
        return new CreateCapacityProvider.ManagedScaling(status, target, min, max, warmup);
    }

    static CapacityProviderStrategyItem item(String provider, int base, int weight) {
        return new CapacityProviderStrategyItem(provider, base, weight);
    }

    static void refused(ThrowingCallable call, String type, String message) {
        assertThatThrownBy(call).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((InvalidRequestException) e).type()).isEqualTo(type);
    }

    static void groupRefused(CreateAutoScalingGroup request, String message) {
        refused(() -> CapacityProviderRules.validate(request), CapacityProviderRules.VALIDATION_ERROR, message);
    }

    static void providerRefused(CreateCapacityProvider request, String message) {
        refused(() -> CapacityProviderRules.validate(request), InvalidRequestException.INVALID_PARAMETER, message);
    }

    static void associationRefused(List<String> providers, List<CapacityProviderStrategyItem> strategy,
                                   String message) {
        refused(() -> CapacityProviderRules.validate(new PutClusterCapacityProviders(providers, strategy)),
                InvalidRequestException.INVALID_PARAMETER, message);
    }

    @Test
    void aGroupTakesItsDefaults() {
        CreateAutoScalingGroup valid = CapacityProviderRules.validate(group(1, 4, null));
        assertThat(valid.desiredCapacity()).isEqualTo(1);
        assertThat(valid.provisioner()).isEqualTo("docker");
        assertThat(valid.attributes()).isEmpty();
        assertThat(CapacityProviderRules.validate(new CreateAutoScalingGroup("a.b_c-9", 0, 100, 100, TYPE,
                Map.of("stack", "prod"), "process")).provisioner()).isEqualTo("process");
    }

    @Test
    void aGroupsNameSizesTypeAttributesAndProvisionerAreChecked() {
        groupRefused(new CreateAutoScalingGroup(null, 0, 1, null, TYPE, null, null), "autoScalingGroupName: is required");
        groupRefused(new CreateAutoScalingGroup("a b", 0, 1, null, TYPE, null, null),
                "autoScalingGroupName: must be 1 to 255 letters, digits, hyphens, underscores or periods");
        groupRefused(new CreateAutoScalingGroup("x".repeat(256), 0, 1, null, TYPE, null, null), "autoScalingGroupName");
        groupRefused(group(null, 1, null), "minSize: is required");
        groupRefused(group(0, null, null), "maxSize: is required");
        groupRefused(group(-1, 1, 0), "minSize: must be between 0 and 100");
        groupRefused(group(0, 101, 0), "maxSize: must be between 0 and 100");
        groupRefused(group(3, 2, 2), "maxSize: must be at least minSize (3)");
        groupRefused(group(1, 3, 4), "desiredCapacity: must be between minSize (1) and maxSize (3)");
        groupRefused(group(1, 3, 0), "desiredCapacity: must be between minSize (1) and maxSize (3)");
        groupRefused(new CreateAutoScalingGroup("g", 0, 1, null, null, null, null), "instanceType: is required");
        groupRefused(new CreateAutoScalingGroup("g", 0, 1, null, new InstanceType(127, 128), null, null),
                "instanceType.cpu: must be at least 128 CPU units");
        groupRefused(new CreateAutoScalingGroup("g", 0, 1, null, new InstanceType(128, null), null, null),
                "instanceType.memory: must be at least 128 MiB");
        groupRefused(new CreateAutoScalingGroup("g", 0, 1, null, TYPE, Map.of("ecs.zone", "a"), null),
                "attributes.ecs.zone: built-in attributes");
        groupRefused(new CreateAutoScalingGroup("g", 0, 1, null, TYPE, Map.of("a b", "a"), null), "attributes.a b");
        groupRefused(new CreateAutoScalingGroup("g", 0, 1, null, TYPE, Map.of("stack", ""), null),
                "attributes.stack: the value must be 1 to 128 characters");
        groupRefused(new CreateAutoScalingGroup("g", 0, 1, null, TYPE, Map.of("longshore.host-id", "h"), null),
                "attributes.longshore.host-id: is set by the provisioner");
        groupRefused(new CreateAutoScalingGroup("g", 0, 1, null, TYPE, null, "ec2"), "provisioner: must be docker or process");
    }

    @Test
    void anUpdateMovesTheDesiredCapacityIntoNewBoundsUnlessItNamesOne() {
        AutoScalingGroup current = AutoScalingGroup.create(CapacityProviderRules.validate(group(1, 5, 3)), "arn", NOW);
        assertThat(CapacityProviderRules.validate(current, new UpdateAutoScalingGroup(4, null, null)))
                .isEqualTo(new CapacityProviderRules.Sizes(4, 5, 4));
        assertThat(CapacityProviderRules.validate(current, new UpdateAutoScalingGroup(null, 2, null)))
                .isEqualTo(new CapacityProviderRules.Sizes(1, 2, 2));
        assertThat(CapacityProviderRules.validate(current, new UpdateAutoScalingGroup(null, null, 5)))
                .isEqualTo(new CapacityProviderRules.Sizes(1, 5, 5));
        refused(() -> CapacityProviderRules.validate(current, new UpdateAutoScalingGroup(null, null, 6)),
                CapacityProviderRules.VALIDATION_ERROR, "desiredCapacity: must be between minSize (1) and maxSize (5)");
        refused(() -> CapacityProviderRules.validate(current, new UpdateAutoScalingGroup(6, null, null)),
                CapacityProviderRules.VALIDATION_ERROR, "maxSize: must be at least minSize (6)");
    }

    @Test
    void aProviderTakesEcsDefaults() {
        CapacityProviderRules.ValidCapacityProvider valid = CapacityProviderRules.validate(provider("cp-1", null, null));
        assertThat(valid.groupName()).isEqualTo("asg-1");
        assertThat(valid.managedScaling()).isEqualTo(new ManagedScaling("ENABLED", 100, 1, 10000, 300));
        assertThat(valid.managedTerminationProtection()).isEqualTo("ENABLED");
        // A partial managedScaling keeps the defaults of what it leaves out; an ARN gives the group's name.
        CapacityProviderRules.ValidCapacityProvider partial = CapacityProviderRules.validate(new CreateCapacityProvider(
                "cp-2", new AutoScalingGroupProvider("arn:aws:autoscaling:local:000000000000:autoScalingGroup:"
                + "5b2b1f3e-0000-0000-0000-000000000000:autoScalingGroupName/asg-9",
                scaling("DISABLED", 80, null, null, 0), "DISABLED")));
        assertThat(partial.groupName()).isEqualTo("asg-9");
        assertThat(partial.managedScaling()).isEqualTo(new ManagedScaling("DISABLED", 80, 1, 10000, 0));
        assertThat(partial.managedTerminationProtection()).isEqualTo("DISABLED");
    }

    @Test
    void aProvidersNameGroupAndManagedScalingAreChecked() {
        providerRefused(provider(null, null, null), "name: is required");
        providerRefused(provider("cp.1", null, null), "name: must be 1 to 255 letters, digits, hyphens or underscores");
        providerRefused(provider("ecs-cp", null, null), "name: must not start with aws, ecs or fargate");
        providerRefused(provider("AWSome", null, null), "name: must not start with aws, ecs or fargate");
        providerRefused(provider("Fargate1", null, null), "name: must not start with aws, ecs or fargate");
        providerRefused(new CreateCapacityProvider("cp", null), "autoScalingGroupProvider: is required");
        providerRefused(new CreateCapacityProvider("cp", new AutoScalingGroupProvider(" ", null, null)),
                "autoScalingGroupProvider.autoScalingGroupArn: is required");
        providerRefused(new CreateCapacityProvider("cp", new AutoScalingGroupProvider("arn:aws:ecs:x", null, null)),
                "autoScalingGroupProvider.autoScalingGroupArn: must be an auto scaling group's ARN or name");
        String p = "autoScalingGroupProvider.managedScaling.";
        providerRefused(provider("cp", scaling("ON", null, null, null, null), null), p + "status: must be ENABLED or DISABLED");
        providerRefused(provider("cp", scaling(null, 0, null, null, null), null), p + "targetCapacity: must be between 1 and 100");
        providerRefused(provider("cp", scaling(null, 101, null, null, null), null), p + "targetCapacity");
        providerRefused(provider("cp", scaling(null, null, 0, null, null), null),
                p + "minimumScalingStepSize: must be between 1 and 10000");
        providerRefused(provider("cp", scaling(null, null, null, 10001, null), null),
                p + "maximumScalingStepSize: must be between 1 and 10000");
        providerRefused(provider("cp", scaling(null, null, 5, 4, null), null),
                p + "maximumScalingStepSize: must be at least minimumScalingStepSize (5)");
        providerRefused(provider("cp", scaling(null, null, null, null, 10001), null),
                p + "instanceWarmupPeriod: must be between 0 and 10000");
        providerRefused(provider("cp", null, "YES"),
                "autoScalingGroupProvider.managedTerminationProtection: must be ENABLED or DISABLED");
    }

    @Test
    void anUpdateChangesWhatItNamesAndNotTheGroup() {
        CapacityProvider current = new CapacityProvider("cp", "arn:cp", "ACTIVE", "asg-1", "arn:asg-1",
                new ManagedScaling("ENABLED", 90, 2, 8, 60), "ENABLED", "prod", null, NOW, NOW);
        CapacityProvider next = CapacityProviderRules.validate(current, new UpdateCapacityProvider(
                new AutoScalingGroupProvider(null, scaling(null, 70, null, null, null), "DISABLED")), NOW);
        assertThat(next.managedScaling()).isEqualTo(new ManagedScaling("ENABLED", 70, 2, 8, 60));
        assertThat(next.managedTerminationProtection()).isEqualTo("DISABLED");
        assertThat(next.updateStatus()).isEqualTo("UPDATE_COMPLETE");
        assertThat(next.cluster()).isEqualTo("prod");
        refused(() -> CapacityProviderRules.validate(current, new UpdateCapacityProvider(null), NOW),
                InvalidRequestException.INVALID_PARAMETER, "autoScalingGroupProvider: is required");
        refused(() -> CapacityProviderRules.validate(current, new UpdateCapacityProvider(
                        new AutoScalingGroupProvider("asg-2", null, null)), NOW),
                InvalidRequestException.INVALID_PARAMETER,
                "autoScalingGroupProvider.autoScalingGroupArn: the group of a capacity provider cannot change");
        refused(() -> CapacityProviderRules.validate(current, new UpdateCapacityProvider(
                        new AutoScalingGroupProvider(null, scaling(null, null, 9, null, null), null)), NOW),
                InvalidRequestException.INVALID_PARAMETER, "maximumScalingStepSize: must be at least minimumScalingStepSize (9)");
    }

    @Test
    void anAssociationsStrategyNamesItsProvidersOnceWithOneBaseAndSomeWeight() {
        List<String> both = List.of("a", "b");
        assertThat(CapacityProviderRules.validate(new PutClusterCapacityProviders(both, null))
                .defaultCapacityProviderStrategy()).isEmpty();
        CapacityProviderRules.validate(new PutClusterCapacityProviders(both, List.of(item("a", 2, 1), item("b", 0, 3))));
        CapacityProviderRules.validate(new PutClusterCapacityProviders(List.of(), List.of()));

        associationRefused(null, List.of(), "capacityProviders: is required");
        associationRefused(List.of("a", "a"), List.of(), "capacityProviders[1]: names a more than once");
        associationRefused(both, List.of(item("c", 0, 1)),
                "defaultCapacityProviderStrategy[0].capacityProvider: capacity provider c is not in capacityProviders");
        associationRefused(both, List.of(item(null, 0, 1)), "defaultCapacityProviderStrategy[0].capacityProvider: is required");
        associationRefused(both, List.of(item("a", 1, 1), item("b", 1, 1)),
                "defaultCapacityProviderStrategy[1].base: only one capacity provider in a strategy may have a base");
        associationRefused(both, List.of(item("a", 100001, 1)), "defaultCapacityProviderStrategy[0].base: must be between 0 and 100000");
        associationRefused(both, List.of(item("a", 0, 1001)), "defaultCapacityProviderStrategy[0].weight: must be between 0 and 1000");
        associationRefused(both, List.of(item("a", 0, -1)), "defaultCapacityProviderStrategy[0].weight");
        associationRefused(both, List.of(item("a", 5, 0), item("b", 0, 0)),
                "defaultCapacityProviderStrategy: at least one capacity provider must have a weight greater than 0");
        associationRefused(both, List.of(item("a", 0, 1), item("a", 0, 1)),
                "defaultCapacityProviderStrategy[1].capacityProvider: names a more than once");
        List<String> seven = IntStream.range(0, 7).mapToObj(i -> "p" + i).toList();
        associationRefused(seven, seven.stream().map(n -> item(n, 0, 1)).toList(),
                "defaultCapacityProviderStrategy: at most 6 capacity providers are allowed in a strategy");
    }

    @Test
    void runTaskAndCreateServiceTakeAStrategyOrALaunchTypeNotBoth() {
        List<CapacityProviderStrategyItem> strategy = List.of(item("a", 0, 1));
        assertThat(RunTaskRules.validate(new RunTask("web", 1, null, null, null, null, null, strategy, null))
                .capacityProviderStrategy()).isEqualTo(strategy);
        assertThat(RunTaskRules.validate(new RunTask("web", 1, null, null, null, null, null, null, "EC2"))
                .launchType()).isEqualTo("EC2");
        refused(() -> RunTaskRules.validate(new RunTask("web", 1, null, null, null, null, null, strategy, "EC2")),
                InvalidRequestException.INVALID_PARAMETER, "capacityProviderStrategy: and launchType cannot both be given");
        refused(() -> RunTaskRules.validate(new RunTask("web", 1, null, null, null, null, null, null, "FARGATE")),
                InvalidRequestException.INVALID_PARAMETER, "launchType: must be EC2");
        refused(() -> RunTaskRules.validate(new RunTask("web", 1, null, null, null, null, null,
                        List.of(item("a", 0, 0)), null)),
                InvalidRequestException.INVALID_PARAMETER, "capacityProviderStrategy: at least one capacity provider");
        refused(() -> ServiceRules.validate(new CreateService("web", "web", 1, null, null, null, null, null, strategy,
                        "EC2")),
                InvalidRequestException.INVALID_PARAMETER, "capacityProviderStrategy: and launchType cannot both be given");
        refused(() -> ServiceRules.validate(new CreateService("agent", "agent", null, "DAEMON", null, null, null, null,
                        strategy, null)),
                InvalidRequestException.INVALID_PARAMETER, "capacityProviderStrategy: is not supported with the DAEMON");
        refused(() -> ServiceRules.validate(new UpdateService(null, null, null, null, null, null, null,
                        List.of(item("a", 0, 1), item("b", 3, 1), item("c", 2, 1)))),
                InvalidRequestException.INVALID_PARAMETER, "capacityProviderStrategy[2].base: only one");
    }

    @Test
    void theRequestsStrategyElseWithoutALaunchTypeTheClustersDefault() {
        List<CapacityProviderStrategyItem> given = List.of(item("a", 0, 1));
        List<CapacityProviderStrategyItem> fallback = List.of(item("b", 0, 1));
        assertThat(CapacityProviderRules.resolveStrategy("prod", List.of("a", "b"), fallback, given, null))
                .isEqualTo(given);
        assertThat(CapacityProviderRules.resolveStrategy("prod", List.of("a", "b"), fallback, List.of(), null))
                .isEqualTo(fallback);
        assertThat(CapacityProviderRules.resolveStrategy("prod", List.of("a", "b"), fallback, List.of(), "EC2"))
                .isEmpty();
        refused(() -> CapacityProviderRules.resolveStrategy("prod", List.of("b"), fallback, given, null),
                InvalidRequestException.INVALID_PARAMETER,
                "capacityProviderStrategy[0].capacityProvider: capacity provider a is not associated with cluster prod");
    }
}
