package io.longshore.controlplane.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.DeploymentConfiguration.DeploymentCircuitBreaker;
import io.longshore.controlplane.domain.CreateService;
import io.longshore.controlplane.domain.Service;
import io.longshore.controlplane.domain.TaskDefinition;
import io.longshore.controlplane.domain.UpdateService;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ServiceRulesTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    static CreateService replica(Integer desiredCount) {
        return new CreateService("web", "web:1", desiredCount, null, null, null, null, null);
    }

    static CreateService daemon(Integer desiredCount) {
        return new CreateService("agent", "agent", desiredCount, "DAEMON", null, null, null, null);
    }

    static CreateService withConfiguration(DeploymentConfiguration configuration) {
        return new CreateService("web", "web", 1, null, null, null, configuration, null);
    }

    static void assertRefused(CreateService request, String message) {
        assertThatThrownBy(() -> ServiceRules.validate(request))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((InvalidRequestException) e).type()).isEqualTo("InvalidParameterException"));
    }

    static void assertRefused(UpdateService request, String message) {
        assertThatThrownBy(() -> ServiceRules.validate(request))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(message);
    }

    static UpdateService update(Integer desiredCount, List<PlacementStrategy> strategies,
                                DeploymentConfiguration configuration) {
        return new UpdateService(desiredCount, null, null, null, strategies, configuration, null);
    }

    static Service service(String strategy) {
        return Service.create("default", "web", strategy, "arn:aws:ecs:local:000000000000:task-definition/web:1",
                2, List.of(), List.of(), Service.defaultDeploymentConfiguration(strategy), 0, "0123456789abcdef", NOW);
    }

    @Test
    void aReplicaServiceGetsEcsDefaults() {
        ValidCreateService valid = ServiceRules.validate(replica(3));
        assertThat(valid.serviceName()).isEqualTo("web");
        assertThat(valid.taskDefinition().family()).isEqualTo("web");
        assertThat(valid.taskDefinition().revision()).isEqualTo(1);
        assertThat(valid.schedulingStrategy()).isEqualTo("REPLICA");
        assertThat(valid.desiredCount()).isEqualTo(3);
        assertThat(valid.deploymentConfiguration()).isEqualTo(
                new DeploymentConfiguration(100, 200, new DeploymentCircuitBreaker(false, false)));
        assertThat(valid.healthCheckGracePeriodSeconds()).isZero();
        assertThat(valid.placementConstraints()).isEmpty();
        assertThat(valid.placementStrategy()).isEmpty();
        assertThat(ServiceRules.validate(replica(0)).desiredCount()).isZero();
    }

    @Test
    void aDaemonServiceGetsItsOwnDefaultsAndNoCount() {
        ValidCreateService valid = ServiceRules.validate(daemon(null));
        assertThat(valid.schedulingStrategy()).isEqualTo("DAEMON");
        assertThat(valid.desiredCount()).isZero();
        assertThat(valid.deploymentConfiguration()).isEqualTo(
                new DeploymentConfiguration(0, 100, new DeploymentCircuitBreaker(false, false)));
    }

    @Test
    void serviceNameIsRequiredAndNamed() {
        assertRefused(new CreateService(null, "web", 1, null, null, null, null, null), "serviceName: is required");
        assertRefused(new CreateService("web app", "web", 1, null, null, null, null, null),
                "serviceName: must be 1 to 255 letters, digits, hyphens or underscores");
        assertRefused(new CreateService("x".repeat(256), "web", 1, null, null, null, null, null),
                "serviceName: must be 1 to 255");
        assertThat(ServiceRules.validate(new CreateService("a_B-9".repeat(51), "web", 1, null, null, null, null,
                null)).serviceName()).hasSize(255);
        assertRefused((CreateService) null, "serviceName: is required");
    }

    @Test
    void taskDefinitionIsRequiredAndWellFormed() {
        assertRefused(new CreateService("web", null, 1, null, null, null, null, null), "taskDefinition: is required");
        assertRefused(new CreateService("web", "web:0", 1, null, null, null, null, null),
                "taskDefinition: must be a family, family:revision or a task definition ARN");
        assertThat(ServiceRules.validate(new CreateService("web",
                "arn:aws:ecs:local:000000000000:task-definition/web:7", 1, null, null, null, null, null))
                .taskDefinition().revision()).isEqualTo(7);
    }

    @Test
    void desiredCountByStrategy() {
        assertRefused(replica(null), "desiredCount: is required for the REPLICA scheduling strategy");
        assertRefused(replica(-1), "desiredCount: must be at least 0");
        assertRefused(daemon(2), "desiredCount: must be absent for the DAEMON scheduling strategy");
        assertRefused(daemon(0), "desiredCount: must be absent for the DAEMON scheduling strategy");
    }

    @Test
    void schedulingStrategyIsReplicaOrDaemon() {
        assertRefused(new CreateService("web", "web", 1, "BATCH", null, null, null, null),
                "schedulingStrategy: must be REPLICA or DAEMON");
        assertRefused(new CreateService("web", "web", 1, "replica", null, null, null, null),
                "schedulingStrategy: must be REPLICA or DAEMON");
    }

    @Test
    void placementConstraintsFollowRunTasksRules() {
        assertRefused(new CreateService("web", "web", 1, null, List.of(new PlacementConstraint("memberOf", null)),
                null, null, null), "placementConstraints[0].expression: is required for memberOf");
        assertRefused(new CreateService("web", "web", 1, null,
                        List.of(new PlacementConstraint("memberOf", "attribute:x ==")), null, null, null),
                "placementConstraints[0].expression: ");
        assertRefused(new CreateService("web", "web", 1, null, List.of(new PlacementConstraint("sameHost", null)),
                null, null, null), "placementConstraints[0].type: must be distinctInstance or memberOf");
        List<PlacementConstraint> eleven = IntStream.range(0, 11)
                .mapToObj(i -> new PlacementConstraint("distinctInstance", null)).toList();
        assertRefused(new CreateService("web", "web", 1, null, eleven, null, null, null),
                "placementConstraints: at most 10 constraints are allowed");
        ValidCreateService valid = ServiceRules.validate(new CreateService("web", "web", 1, null,
                List.of(new PlacementConstraint("distinctInstance", null),
                        new PlacementConstraint("memberOf", "attribute:ecs.availability-zone in [a, b]")),
                null, null, null));
        assertThat(valid.placementConstraints()).hasSize(2);
    }

    @Test
    void theSyntaxErrorOfAMemberOfExpressionNamesThePosition() {
        assertThatThrownBy(() -> ServiceRules.validate(new CreateService("web", "web", 1, null,
                List.of(new PlacementConstraint("memberOf", "attribute:stack = prod")), null, null, null)))
                .hasMessageMatching("placementConstraints\\[0\\]\\.expression: .*position \\d+.*");
    }

    @Test
    void placementStrategiesFollowRunTasksRulesAndDaemonsTakeNone() {
        assertRefused(new CreateService("web", "web", 1, null, null,
                List.of(new PlacementStrategy("binpack", "disk")), null, null),
                "placementStrategy[0].field: must be cpu or memory for binpack");
        assertRefused(new CreateService("web", "web", 1, null, null,
                List.of(new PlacementStrategy("fancy", null)), null, null),
                "placementStrategy[0].type: must be binpack, spread or random");
        List<PlacementStrategy> six = IntStream.range(0, 6).mapToObj(i -> new PlacementStrategy("random", null))
                .toList();
        assertRefused(new CreateService("web", "web", 1, null, null, six, null, null),
                "placementStrategy: at most 5 strategies are allowed");
        assertRefused(new CreateService("agent", "agent", null, "DAEMON", null,
                List.of(new PlacementStrategy("random", null)), null, null),
                "placementStrategy: is not supported with the DAEMON scheduling strategy");
        assertThat(ServiceRules.validate(new CreateService("web", "web", 1, null, null,
                List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone"),
                        new PlacementStrategy("binpack", "memory")), null, null)).placementStrategy()).hasSize(2);
    }

    @Test
    void deploymentConfigurationRangesAndPartialValues() {
        assertRefused(withConfiguration(new DeploymentConfiguration(-1, null, null)),
                "deploymentConfiguration.minimumHealthyPercent: must be between 0 and 100");
        assertRefused(withConfiguration(new DeploymentConfiguration(101, null, null)),
                "deploymentConfiguration.minimumHealthyPercent: must be between 0 and 100");
        assertRefused(withConfiguration(new DeploymentConfiguration(null, 99, null)),
                "deploymentConfiguration.maximumPercent: must be between 100 and 200");
        assertRefused(withConfiguration(new DeploymentConfiguration(null, 201, null)),
                "deploymentConfiguration.maximumPercent: must be between 100 and 200");
        // The members not given keep the strategy's defaults.
        assertThat(ServiceRules.validate(withConfiguration(new DeploymentConfiguration(50, null, null)))
                .deploymentConfiguration())
                .isEqualTo(new DeploymentConfiguration(50, 200, new DeploymentCircuitBreaker(false, false)));
        assertThat(ServiceRules.validate(withConfiguration(new DeploymentConfiguration(null, null,
                new DeploymentCircuitBreaker(true, true)))).deploymentConfiguration())
                .isEqualTo(new DeploymentConfiguration(100, 200, new DeploymentCircuitBreaker(true, true)));
        // Both at the edges: valid (the scheduler says no progress is possible at 100/100).
        assertThat(ServiceRules.validate(withConfiguration(new DeploymentConfiguration(100, 100, null)))
                .deploymentConfiguration().maximumPercent()).isEqualTo(100);
        assertThat(ServiceRules.validate(withConfiguration(new DeploymentConfiguration(0, 200, null)))
                .deploymentConfiguration().minimumHealthyPercent()).isZero();
    }

    @Test
    void gracePeriodRange() {
        assertRefused(new CreateService("web", "web", 1, null, null, null, null, -1L),
                "healthCheckGracePeriodSeconds: must be between 0 and 2147483647");
        assertRefused(new CreateService("web", "web", 1, null, null, null, null, 2147483648L),
                "healthCheckGracePeriodSeconds: must be between 0 and 2147483647");
        assertThat(ServiceRules.validate(new CreateService("web", "web", 1, null, null, null, null, 2147483647L))
                .healthCheckGracePeriodSeconds()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void everyBrokenRuleIsNamedAtOnce() {
        assertThatThrownBy(() -> ServiceRules.validate(new CreateService("web app", null, -2, null, null, null,
                new DeploymentConfiguration(120, null, null), -5L)))
                .hasMessage("serviceName: must be 1 to 255 letters, digits, hyphens or underscores; "
                        + "taskDefinition: is required; desiredCount: must be at least 0; "
                        + "deploymentConfiguration.minimumHealthyPercent: must be between 0 and 100; "
                        + "healthCheckGracePeriodSeconds: must be between 0 and 2147483647");
    }

    @Test
    void anUpdateChecksOnlyWhatItNames() {
        ValidServiceUpdate none = ServiceRules.validate(new UpdateService(null, null, null, null, null, null, null));
        assertThat(none).isEqualTo(new ValidServiceUpdate(null, null, false, null, null, null, null));
        assertThat(ServiceRules.validate((UpdateService) null)).isEqualTo(none);
        ValidServiceUpdate all = ServiceRules.validate(new UpdateService(4, "web:2", true,
                List.of(), List.of(new PlacementStrategy("random", null)),
                new DeploymentConfiguration(50, null, null), 30L));
        assertThat(all.desiredCount()).isEqualTo(4);
        assertThat(all.taskDefinition().revision()).isEqualTo(2);
        assertThat(all.forceNewDeployment()).isTrue();
        assertThat(all.placementConstraints()).isEmpty();
        assertThat(all.healthCheckGracePeriodSeconds()).isEqualTo(30);

        assertRefused(update(-1, null, null), "desiredCount: must be at least 0");
        assertRefused(new UpdateService(null, "web:x", null, null, null, null, null),
                "taskDefinition: must be a family, family:revision or a task definition ARN");
        assertRefused(new UpdateService(null, null, null, List.of(new PlacementConstraint("memberOf", "")), null,
                null, null), "placementConstraints[0].expression: is required for memberOf");
        assertRefused(update(null, List.of(new PlacementStrategy("spread", null)), null),
                "placementStrategy[0].field: is required for spread");
        assertRefused(update(null, null, new DeploymentConfiguration(null, 250, null)),
                "deploymentConfiguration.maximumPercent: must be between 100 and 200");
        assertRefused(new UpdateService(null, null, null, null, null, null, -1L),
                "healthCheckGracePeriodSeconds: must be between 0 and 2147483647");
    }

    @Test
    void anUpdateOfADaemonTakesNoCountNorStrategies() {
        Service daemon = service("DAEMON");
        assertThatThrownBy(() -> ServiceRules.checkUpdate(daemon, ServiceRules.validate(update(1, null, null))))
                .hasMessage("desiredCount: must be absent for the DAEMON scheduling strategy (one task runs on "
                        + "each container instance)");
        assertThatThrownBy(() -> ServiceRules.checkUpdate(daemon, ServiceRules.validate(
                update(null, List.of(new PlacementStrategy("random", null)), null))))
                .hasMessage("placementStrategy: is not supported with the DAEMON scheduling strategy");
        // An empty list asks for none, which a daemon has.
        ServiceRules.checkUpdate(daemon, ServiceRules.validate(update(null, List.of(), null)));
        ServiceRules.checkUpdate(service("REPLICA"), ServiceRules.validate(
                update(5, List.of(new PlacementStrategy("random", null)), null)));
    }

    @Test
    void anUpdatesDeploymentConfigurationMergesOverTheServices() {
        Service replica = service("REPLICA");
        assertThat(ServiceRules.checkUpdate(replica, ServiceRules.validate(
                update(null, null, new DeploymentConfiguration(null, 150, null)))))
                .isEqualTo(new DeploymentConfiguration(100, 150, new DeploymentCircuitBreaker(false, false)));
        assertThat(ServiceRules.checkUpdate(replica, ServiceRules.validate(update(null, null, null))))
                .isEqualTo(replica.deploymentConfiguration());
    }

    @Test
    void atMostTenConstraintsTogetherWithTheTaskDefinitions() {
        List<PlacementConstraint> fromDefinition = IntStream.range(0, 4)
                .mapToObj(i -> new PlacementConstraint("memberOf", "attribute:slot != s" + i)).toList();
        TaskDefinition definition = new TaskDefinition("web", 1, "ACTIVE", List.of(new ContainerDefinition("web",
                "busybox", null, 64, null, null, null, null, null, null, null, null, null)), null, null, "bridge",
                NOW, null, fromDefinition);
        List<PlacementConstraint> six = IntStream.range(0, 6)
                .mapToObj(i -> new PlacementConstraint("distinctInstance", null)).toList();
        ServiceRules.checkAgainst(six, definition);
        List<PlacementConstraint> seven = IntStream.range(0, 7)
                .mapToObj(i -> new PlacementConstraint("distinctInstance", null)).toList();
        assertThatThrownBy(() -> ServiceRules.checkAgainst(seven, definition))
                .hasMessage("placementConstraints: at most 10 constraints in total with the task definition's (4)");
    }

    @Test
    void deleteNeedsAScaledDownReplicaOrForce() {
        Service replica = service("REPLICA");
        assertThat(ServiceRules.mayDelete(replica, false)).isFalse();
        assertThat(ServiceRules.mayDelete(replica, true)).isTrue();
        Service scaledDown = replica.update(null, 0, false, null, null, null, null, "x", NOW);
        assertThat(ServiceRules.mayDelete(scaledDown, false)).isTrue();
        assertThat(ServiceRules.mayDelete(service("DAEMON"), false)).isTrue();
    }

    @Test
    void aNameIsFreeAgainOnceItsServiceIsInactive() {
        Service replica = service("REPLICA");
        assertThat(ServiceRules.mayCreateOver(null)).isTrue();
        assertThat(ServiceRules.mayCreateOver(replica)).isFalse();
        Service draining = replica.drain(NOW);
        assertThat(ServiceRules.mayCreateOver(draining)).isFalse();
        Service inactive = new Service(draining.cluster(), draining.serviceName(), Service.INACTIVE,
                draining.schedulingStrategy(), draining.taskDefinitionArn(), 0, 0, 0, null, null,
                draining.deploymentConfiguration(), 0, draining.deploymentId(), NOW, null, null, null, NOW, NOW);
        assertThat(ServiceRules.mayCreateOver(inactive)).isTrue();
    }
}
