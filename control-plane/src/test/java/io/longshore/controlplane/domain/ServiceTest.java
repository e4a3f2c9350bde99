package io.longshore.controlplane.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.ServiceStatus.Deployment;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskRequest.PlacementStrategy;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.DeploymentConfiguration.DeploymentCircuitBreaker;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.TaskSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(10);
    static final Instant T2 = T0.plusSeconds(20);
    static final ContainerDefinition WEB = new ContainerDefinition("web", "busybox", 128, 64, null, null, null, null,
            List.of("httpd"), null, null, null, null,
            new HealthCheck(List.of("CMD-SHELL", "wget -q localhost"), 10, 3, 2, 5));
    static final TaskDefinition V1 = definition(1);
    static final TaskDefinition V2 = definition(2);

    static TaskDefinition definition(int revision) {
        return new TaskDefinition("web", revision, "ACTIVE", List.of(WEB), null, null, "bridge", T0, null,
                List.of(new PlacementConstraint("memberOf", "attribute:ecs.os-type == linux")));
    }

    static Service replica(int desiredCount) {
        return Service.create("prod", "web", Service.REPLICA, V1.arn(), desiredCount,
                List.of(new PlacementConstraint("distinctInstance", null)),
                List.of(new PlacementStrategy("spread", "attribute:ecs.availability-zone")),
                DeploymentConfiguration.defaults(), 30, "d1", T0);
    }

    static Deployment deployment(String id, String status, TaskDefinition definition, int running,
                                 String rolloutState) {
        return new Deployment(id, status, definition.arn(), null, null, 3, 0, running, 0, rolloutState, null, T0, T1);
    }

    static ServiceStatus status(Instant at, int desired, int running, int pending, Deployment... deployments) {
        return new ServiceStatus("prod", "web", "d1", List.of(deployments), null, desired, running, pending, at);
    }

    @Test
    void aNewServiceIsActiveWithItsFirstDeployment() {
        Service s = replica(3);
        assertThat(s.status()).isEqualTo("ACTIVE");
        assertThat(s.arn()).isEqualTo("arn:aws:ecs:local:000000000000:service/prod/web");
        assertThat(s.desiredCount()).isEqualTo(3);
        assertThat(s.deployments()).isNull();
        assertThat(s.deploymentsOrInitial()).containsExactly(new Deployment("d1", "PRIMARY", V1.arn(), null, null, 3,
                0, 0, 0, "IN_PROGRESS", "ECS deployment d1 in progress.", T0, T0));
        Service daemon = Service.create("prod", "agent", Service.DAEMON, V1.arn(), 7, null, null,
                Service.defaultDeploymentConfiguration(Service.DAEMON), 0, "d9", T0);
        assertThat(daemon.desiredCount()).isZero();
        assertThat(daemon.deploymentConfiguration()).isEqualTo(
                new DeploymentConfiguration(0, 100, new DeploymentCircuitBreaker(false, false)));
    }

    @Test
    void theSpecCarriesTheTemplateTheConstraintsOfBothAndTheDeployment() {
        ServiceSpec spec = replica(3).spec(V1);
        assertThat(spec.key()).isEqualTo("prod/web");
        assertThat(spec.serviceArn()).isEqualTo("arn:aws:ecs:local:000000000000:service/prod/web");
        assertThat(spec.status()).isEqualTo("ACTIVE");
        assertThat(spec.schedulingStrategy()).isEqualTo("REPLICA");
        assertThat(spec.desiredCount()).isEqualTo(3);
        assertThat(spec.deploymentId()).isEqualTo("d1");
        assertThat(spec.placementConstraints()).containsExactly(
                new PlacementConstraint("memberOf", "attribute:ecs.os-type == linux"),
                new PlacementConstraint("distinctInstance", null));
        assertThat(spec.placementStrategy()).containsExactly(
                new PlacementStrategy("spread", "attribute:ecs.availability-zone"));
        assertThat(spec.deploymentConfiguration()).isEqualTo(DeploymentConfiguration.defaults());
        assertThat(spec.healthCheckGracePeriodSeconds()).isEqualTo(30);
        assertThat(spec.updatedAt()).isEqualTo(T0);
        TaskSpec template = spec.taskTemplate();
        assertThat(template.taskId()).isNull();
        assertThat(template.taskArn()).isNull();
        assertThat(template.startedBy()).isNull();
        assertThat(template.group()).isEqualTo("service:web");
        assertThat(template.cluster()).isEqualTo("prod");
        assertThat(template.taskDefinitionArn()).isEqualTo(V1.arn());
        assertThat(template.family()).isEqualTo("web");
        assertThat(template.containers()).containsExactly(WEB);
        assertThat(template.containers().get(0).healthCheck().command()).containsExactly("CMD-SHELL", "wget -q localhost");
    }

    @Test
    void theTemplateCarriesTheGivenPullCredentialsButTheStoredDeploymentsDoNot() {
        RegistryCredential credential = new RegistryCredential("127.0.0.1:5000", "AWS", "lst1.x", T2);
        ServiceSpec spec = replica(3).spec(V1, List.of(credential));
        assertThat(spec.taskTemplate().registryCredentials()).containsExactly(credential);
        assertThat(replica(3).spec(V1).taskTemplate().registryCredentials()).isEmpty();

        Deployment reported = new Deployment("d1", "PRIMARY", V1.arn(), spec.taskTemplate(), null, 3, 0, 1, 0,
                "IN_PROGRESS", null, T0, T1);
        Service s = replica(3).withStatus(status(T1, 3, 1, 0, reported)).orElseThrow();
        assertThat(s.deployments()).singleElement().satisfies(d -> {
            assertThat(d.taskTemplate().registryCredentials()).isEmpty();
            assertThat(d.taskTemplate().containers()).containsExactly(WEB);
        });
        assertThat(s.withStatus(status(T1, 3, 1, 0, reported))).isEmpty(); // the same report again: no change
    }

    @Test
    void theSpecIsOnlyForTheServicesOwnDefinitionAndNotOnceInactive() {
        assertThatThrownBy(() -> replica(1).spec(V2)).isInstanceOf(IllegalArgumentException.class);
        Service inactive = replica(0).drain(T1).withStatus(status(T2, 0, 0, 0)).orElseThrow();
        assertThat(inactive.status()).isEqualTo("INACTIVE");
        assertThatThrownBy(() -> inactive.spec(V1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCountChangeKeepsTheDeployment() {
        Service s = replica(3).update(null, 5, false, null, null, null, null, "d2", T1);
        assertThat(s.desiredCount()).isEqualTo(5);
        assertThat(s.deploymentId()).isEqualTo("d1");
        assertThat(s.deploymentCreatedAt()).isEqualTo(T0);
        assertThat(s.updatedAt()).isEqualTo(T1);
        // Naming the same definition is no change of definition.
        assertThat(s.update(V1.arn(), null, false, null, null, null, null, "d3", T2).deploymentId()).isEqualTo("d1");
    }

    @Test
    void aNewDefinitionOrAForcedDeploymentStartsANewOne() {
        Service changed = replica(3).update(V2.arn(), null, false, null, null, null, null, "d2", T1);
        assertThat(changed.taskDefinitionArn()).isEqualTo(V2.arn());
        assertThat(changed.deploymentId()).isEqualTo("d2");
        assertThat(changed.deploymentCreatedAt()).isEqualTo(T1);
        Service forced = replica(3).update(null, null, true, null, null, null, null, "d3", T2);
        assertThat(forced.deploymentId()).isEqualTo("d3");
        assertThat(forced.taskDefinitionArn()).isEqualTo(V1.arn());
    }

    @Test
    void anUpdateReplacesWhatItNamesAndKeepsTheRest() {
        Service s = replica(3).update(null, null, false, List.of(), List.of(new PlacementStrategy("random", null)),
                new DeploymentConfiguration(50, 150, new DeploymentCircuitBreaker(true, true)), 0, "d2", T1);
        assertThat(s.placementConstraints()).isEmpty();
        assertThat(s.placementStrategy()).containsExactly(new PlacementStrategy("random", null));
        assertThat(s.deploymentConfiguration().rollbackEnabled()).isTrue();
        assertThat(s.healthCheckGracePeriodSeconds()).isZero();
        assertThat(s.desiredCount()).isEqualTo(3);
        // A daemon's count is never the user's.
        Service daemon = Service.create("prod", "agent", Service.DAEMON, V1.arn(), 0, null, null,
                Service.defaultDeploymentConfiguration(Service.DAEMON), 0, "d9", T0);
        assertThat(daemon.update(null, 4, false, null, null, null, null, "x", T1).desiredCount()).isZero();
    }

    @Test
    void deletingDrainsToZero() {
        Service s = replica(3).drain(T1);
        assertThat(s.status()).isEqualTo("DRAINING");
        assertThat(s.desiredCount()).isZero();
        assertThat(s.deploymentId()).isEqualTo("d1");
        ServiceSpec spec = s.spec(V1);
        assertThat(spec.status()).isEqualTo("DRAINING");
        assertThat(spec.desiredCount()).isZero();
    }

    @Test
    void aStatusBringsDeploymentsAndCounts() {
        Deployment primary = deployment("d1", "PRIMARY", V1, 2, "IN_PROGRESS");
        Service s = replica(3).withStatus(status(T1, 3, 2, 1, primary)).orElseThrow();
        assertThat(s.runningCount()).isEqualTo(2);
        assertThat(s.pendingCount()).isEqualTo(1);
        assertThat(s.desiredCount()).isEqualTo(3);
        assertThat(s.deployments()).containsExactly(primary);
        assertThat(s.deploymentsOrInitial()).containsExactly(primary);
        assertThat(s.statusUpdatedAt()).isEqualTo(T1);
        assertThat(s.updatedAt()).isEqualTo(T0);
        // The same report again, or an older one, changes nothing.
        assertThat(s.withStatus(status(T1, 3, 2, 1, primary))).isEmpty();
        assertThat(s.withStatus(status(T0.plusSeconds(5), 3, 0, 3, primary))).isEmpty();
        // A report from before the service was created is about an earlier service of that name.
        assertThat(replica(3).withStatus(status(T0.minusSeconds(1), 0, 0, 0))).isEmpty();
    }

    @Test
    void aDeploymentTheSchedulerHasNotActedOnIsShownFirst() {
        Deployment completed = deployment("d1", "PRIMARY", V1, 3, "COMPLETED");
        Deployment retired = deployment("d0", "INACTIVE", V1, 0, "COMPLETED");
        Service steady = replica(3).withStatus(status(T1, 3, 3, 0, completed, retired)).orElseThrow();
        assertThat(steady.deploymentsOrInitial()).containsExactly(completed, retired);
        // A count change is no new deployment: the scheduler's view stands.
        assertThat(steady.update(null, 4, false, null, null, null, null, "d2", T2).deploymentsOrInitial())
                .containsExactly(completed, retired);

        // A new definition: until the scheduler says it acted on d2, d2 leads and d1 is being replaced.
        Service updated = steady.update(V2.arn(), null, false, null, null, null, null, "d2", T2);
        assertThat(updated.deploymentsOrInitial()).extracting(Deployment::id, Deployment::status,
                        Deployment::taskDefinition, Deployment::rolloutState, Deployment::runningCount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("d2", "PRIMARY", V2.arn(), "IN_PROGRESS", 0),
                        org.assertj.core.groups.Tuple.tuple("d1", "ACTIVE", V1.arn(), "COMPLETED", 3));
        assertThat(updated.deploymentsOrInitial().get(0).createdAt()).isEqualTo(T2);
        // Once it has (by the spec id it reports, or a deployment of that id), its view stands again.
        Deployment rolling = deployment("d2", "PRIMARY", V2, 1, "IN_PROGRESS");
        Service acted = updated.withStatus(new ServiceStatus("prod", "web", "d2", List.of(rolling,
                deployment("d1", "ACTIVE", V1, 2, "COMPLETED")), completed, 3, 3, 0, T2.plusSeconds(1)))
                .orElseThrow();
        assertThat(acted.deploymentsOrInitial()).extracting(Deployment::id).containsExactly("d2", "d1");
    }

    @Test
    void aRollbackChangesTheTaskDefinition() {
        Service onV2 = replica(3).update(V2.arn(), null, false, null, null, null, null, "d2", T1);
        Service rolledBack = onV2.withStatus(status(T2, 3, 3, 0,
                deployment("d1", "PRIMARY", V1, 3, "COMPLETED"),
                deployment("d2", "ACTIVE", V2, 0, "FAILED"))).orElseThrow();
        assertThat(rolledBack.taskDefinitionArn()).isEqualTo(V1.arn());
        assertThat(rolledBack.deploymentId()).isEqualTo("d2");
        // What the service publishes next runs what it rolled back to.
        assertThat(rolledBack.spec(V1).taskTemplate().taskDefinitionArn()).isEqualTo(V1.arn());
    }

    @Test
    void aDaemonsDesiredCountIsTheSchedulers() {
        Service daemon = Service.create("prod", "web", Service.DAEMON, V1.arn(), 0, null, null,
                Service.defaultDeploymentConfiguration(Service.DAEMON), 0, "d1", T0);
        Service reported = daemon.withStatus(status(T1, 4, 3, 1)).orElseThrow();
        assertThat(reported.desiredCount()).isEqualTo(4);
        assertThat(reported.spec(V1).desiredCount()).isZero();
        // Once draining it wants nothing, whatever the scheduler counts.
        assertThat(reported.drain(T1).withStatus(status(T2, 4, 2, 0)).orElseThrow().desiredCount()).isZero();
    }

    @Test
    void aDrainingServiceWithNothingLeftBecomesInactive() {
        Service draining = replica(2).withStatus(status(T1, 2, 2, 0)).orElseThrow().drain(T1);
        Service stillStopping = draining.withStatus(status(T1.plusSeconds(1), 0, 1, 0)).orElseThrow();
        assertThat(stillStopping.status()).isEqualTo("DRAINING");
        assertThat(stillStopping.withStatus(status(T2, 0, 0, 1)).orElseThrow().status()).isEqualTo("DRAINING");
        Service gone = stillStopping.withStatus(status(T2, 0, 0, 0)).orElseThrow();
        assertThat(gone.status()).isEqualTo("INACTIVE");
        assertThat(gone.runningCount()).isZero();
        // Nothing moves an INACTIVE service.
        assertThat(gone.withStatus(status(T2.plusSeconds(1), 2, 2, 0))).isEmpty();
        // An ACTIVE service with nothing running stays ACTIVE.
        assertThat(replica(0).withStatus(status(T1, 0, 0, 0)).orElseThrow().status()).isEqualTo("ACTIVE");
    }

    @Test
    void deploymentConfigurationsMergeByMember() {
        DeploymentConfiguration base = new DeploymentConfiguration(100, 200, new DeploymentCircuitBreaker(true, false));
        assertThat(Service.mergeDeploymentConfiguration(base, null)).isEqualTo(base);
        assertThat(Service.mergeDeploymentConfiguration(base, new DeploymentConfiguration(null, 120, null)))
                .isEqualTo(new DeploymentConfiguration(100, 120, new DeploymentCircuitBreaker(true, false)));
        assertThat(Service.mergeDeploymentConfiguration(base,
                new DeploymentConfiguration(0, null, new DeploymentCircuitBreaker(false, false))))
                .isEqualTo(new DeploymentConfiguration(0, 200, new DeploymentCircuitBreaker(false, false)));
    }

    @Test
    void serviceArnsAndNames() {
        assertThat(ServiceArns.of("default", "web")).isEqualTo("arn:aws:ecs:local:000000000000:service/default/web");
        assertThat(ServiceArns.name("arn:aws:ecs:local:000000000000:service/default/web")).isEqualTo("web");
        assertThat(ServiceArns.name("arn:aws:ecs:local:000000000000:service/web")).isEqualTo("web");
        assertThat(ServiceArns.name("web")).isEqualTo("web");
    }
}
