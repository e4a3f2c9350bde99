package io.longshore.scheduler.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.InstanceState;
import io.longshore.common.messaging.ServiceEvent;
import io.longshore.common.messaging.ServiceSpec;
import io.longshore.common.messaging.ServiceStatus;
import io.longshore.common.messaging.ServiceStatus.Deployment;
import io.longshore.common.messaging.TaskRequest.PlacementConstraint;
import io.longshore.common.messaging.TaskStateChange;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.DeploymentConfiguration;
import io.longshore.common.model.DeploymentConfiguration.DeploymentCircuitBreaker;
import io.longshore.common.model.HealthCheck;
import io.longshore.common.model.HealthStatus;
import io.longshore.common.model.InstanceStatus;
import io.longshore.common.model.RegistryCredential;
import io.longshore.common.model.StopCode;
import io.longshore.common.model.TaskSpec;
import io.longshore.common.model.TaskStatus;
import io.longshore.scheduler.Fixtures;
import io.longshore.scheduler.placement.PlacementEngine;
import io.longshore.scheduler.placement.ScaleInSelector;
import io.longshore.scheduler.service.SchedulerAction;
import io.longshore.scheduler.state.ClusterState;
import io.longshore.scheduler.state.ClusterState.TrackedTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service reconciler against a simulated cluster: after each pass the "agents" move tasks on
 * (PENDING → RUNNING, DEACTIVATING → STOPPED, or a failure), and invariants are checked at every step.
 */
class ServiceReconcilerTest {
    private static final String WEB_V1 = "arn:aws:ecs:local:000000000000:task-definition/web:1";
    private static final String WEB_V2 = "arn:aws:ecs:local:000000000000:task-definition/web:2";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AtomicInteger ids = new AtomicInteger();
    private ServiceReconciler reconciler;
    private ClusterState state;
    private ServiceRuntime runtime;
    private final List<ServiceEvent> events = new ArrayList<>();

    @BeforeEach
    void setUp() {
        reconciler = new ServiceReconciler(new PlacementEngine(new Random(1)), new ScaleInSelector(new Random(1)),
                clock, new ServiceReconciler.Settings(Duration.ofSeconds(10), Duration.ofMinutes(15),
                Duration.ofMinutes(5)), () -> "id" + ids.incrementAndGet());
        state = new ClusterState();
        state.applyInstance(Fixtures.instance("i-a", 4096, 4096, "zone-a"), clock.instant());
        state.applyInstance(Fixtures.instance("i-b", 4096, 4096, "zone-b"), clock.instant());
        runtime = new ServiceRuntime();
    }

    @Test
    void aNewServiceOfFourSpreadsTwoAndTwoAndReachesASteadyState() {
        runtime.spec(spec("d1", WEB_V1, 4, 100, 200, false));

        ReconcileOutcome first = pass();

        List<TaskStateChange> launched = reports(first, TaskStatus.PENDING);
        assertThat(launched).hasSize(4).allSatisfy(r -> {
            assertThat(r.task()).isNotNull();
            assertThat(r.startedBy()).isEqualTo("ecs-svc/d1");
            assertThat(r.allocation().group()).isEqualTo("service:web");
        });
        assertThat(launched).extracting(r -> r.allocation().containerInstanceId())
                .containsOnly("i-a", "i-b").filteredOn("i-a"::equals).hasSize(2);
        assertThat(commands(first, AgentCommand.StartTask.class)).hasSize(4);
        assertThat(first.status().deployments()).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(Deployment.PRIMARY);
            assertThat(d.rolloutState()).isEqualTo(Deployment.IN_PROGRESS);
        });

        agentsProgress(t -> false);
        ReconcileOutcome second = pass();
        assertThat(second.actions()).isEmpty();
        assertThat(second.status().deployments().get(0).rolloutState()).isEqualTo(Deployment.COMPLETED);
        assertThat(second.status().runningCount()).isEqualTo(4);
        assertThat(messages()).anyMatch(m -> m.contains("has reached a steady state"));

        ReconcileOutcome third = pass();
        assertThat(third.actions()).isEmpty();
        assertThat(third.status()).isEqualTo(second.status());
        assertThat(third.events()).isEmpty();
    }

    @Test
    void aRollingDeploymentWithMinimum50Maximum100NeverDropsBelowTwoHealthyOrAboveFourTasks() {
        runToSteadyState(spec("d1", WEB_V1, 4, 50, 100, false));
        runtime.spec(spec("d2", WEB_V2, 4, 50, 100, false));

        for (int step = 0; step < 20; step++) {
            pass();
            assertThat(healthy()).isGreaterThanOrEqualTo(2);
            assertThat(live()).isLessThanOrEqualTo(4);
            agentsProgress(t -> false);
            assertThat(healthy()).isGreaterThanOrEqualTo(2);
        }
        assertThat(liveTasks()).hasSize(4).allMatch(t -> t.startedBy().equals("ecs-svc/d2"));
        assertThat(runtime.status().deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("d2");
            assertThat(d.rolloutState()).isEqualTo(Deployment.COMPLETED);
        });
        assertThat(runtime.status().lastCompleted().id()).isEqualTo("d2");
    }

    @Test
    void aRollingDeploymentWithDefaultsKeepsAllFourHealthyAndAtMostEight() {
        runToSteadyState(spec("d1", WEB_V1, 4, 100, 200, false));
        runtime.spec(spec("d2", WEB_V2, 4, 100, 200, false));

        ReconcileOutcome first = pass();
        assertThat(reports(first, TaskStatus.PENDING)).hasSize(4);
        assertThat(reports(first, TaskStatus.DEACTIVATING)).isEmpty();
        assertThat(first.status().deployments()).extracting(Deployment::status)
                .containsExactly(Deployment.PRIMARY, Deployment.ACTIVE);
        for (int step = 0; step < 10; step++) {
            agentsProgress(t -> false);
            pass();
            assertThat(healthy()).isGreaterThanOrEqualTo(4);
            assertThat(live()).isLessThanOrEqualTo(8);
        }
        assertThat(liveTasks()).hasSize(4).allMatch(t -> t.startedBy().equals("ecs-svc/d2"));
    }

    @Test
    void minimumAndMaximumBoth100CannotProgressAndSaysSo() {
        runToSteadyState(spec("d1", WEB_V1, 2, 100, 100, false));
        runtime.spec(spec("d2", WEB_V2, 2, 100, 100, false));

        ReconcileOutcome outcome = pass();

        assertThat(outcome.actions()).isEmpty();
        assertThat(messages()).anyMatch(m -> m.contains("unable to make progress")
                && m.contains("minimumHealthyPercent 100 and maximumPercent 100"));
    }

    @Test
    void aBrokenImageTripsTheCircuitBreakerAndRollsBack() {
        runToSteadyState(spec("d1", WEB_V1, 2, 100, 200, true));
        runtime.spec(spec("d2", WEB_V2, 2, 100, 200, true));

        List<Deployment> seen = new ArrayList<>();
        for (int step = 0; step < 30 && messages().stream().noneMatch(m -> m.contains("Rolled back")); step++) {
            seen.addAll(pass().status().deployments());
            agentsProgress(t -> t.startedBy().equals("ecs-svc/d2"));
            clock.advance(Duration.ofSeconds(15));
        }

        List<Deployment> deployments = runtime.status().deployments();
        assertThat(deployments.get(0).status()).isEqualTo(Deployment.PRIMARY);
        assertThat(deployments.get(0).taskDefinition()).isEqualTo(WEB_V1);
        assertThat(seen).anySatisfy(d -> {
            assertThat(d.id()).isEqualTo("d2");
            assertThat(d.rolloutState()).isEqualTo(Deployment.FAILED);
            assertThat(d.failedTasks()).isGreaterThanOrEqualTo(3);
        });
        assertThat(messages()).anyMatch(m -> m.contains("deployment d2") && m.contains("Rolled back to deployment d1"));
        assertThat(healthy()).isEqualTo(2); // the old tasks were never stopped: min 100

        for (int step = 0; step < 5; step++) {
            pass();
            agentsProgress(t -> false);
        }
        assertThat(runtime.status().deployments()).singleElement().satisfies(d -> {
            assertThat(d.taskDefinition()).isEqualTo(WEB_V1);
            assertThat(d.rolloutState()).isEqualTo(Deployment.COMPLETED);
        });
    }

    @Test
    void tasksThatKeepFailingToStartAreRelaunchedWithAGrowingDelayCappedAt15Minutes() {
        runtime.spec(spec("d1", WEB_V1, 1, 100, 200, false));
        List<Instant> launches = new ArrayList<>();
        for (int second = 0; second < 3 * 3600; second += 5) {
            if (!reports(pass(), TaskStatus.PENDING).isEmpty()) {
                launches.add(clock.instant());
            }
            agentsProgress(t -> true);
            clock.advance(Duration.ofSeconds(5));
        }
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < launches.size(); i++) {
            gaps.add(Duration.between(launches.get(i - 1), launches.get(i)));
        }
        assertThat(gaps.get(0)).isLessThan(gaps.get(3));
        assertThat(gaps).isSortedAccordingTo(Duration::compareTo);
        assertThat(gaps.get(gaps.size() - 1)).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(15).plusSeconds(5));
        assertThat(messages()).anyMatch(m -> m.contains("unable to consistently start tasks"));
    }

    @Test
    void drainingAnInstanceMovesItsServiceTasksWithinTheLimits() {
        runToSteadyState(spec("d1", WEB_V1, 4, 50, 200, false));
        InstanceState a = Fixtures.instance("i-a", 4096, 4096, "zone-a");
        state.applyInstance(new InstanceState(a.cluster(), a.containerInstanceId(), InstanceStatus.DRAINING, true,
                a.bindIp(), a.agentVersion(), a.resources(), a.attributes(), a.registeredAt()), clock.instant());

        for (int step = 0; step < 10; step++) {
            pass();
            assertThat(healthy()).isGreaterThanOrEqualTo(2);
            agentsProgress(t -> false);
        }
        assertThat(liveTasks()).hasSize(4).allMatch(t -> t.containerInstanceId().equals("i-b"));
        assertThat(state.tasks()).filteredOn(t -> t.status() == TaskStatus.STOPPED)
                .allMatch(t -> t.stoppedReason().contains("i-a is DRAINING"));
    }

    @Test
    void anUnhealthyTaskIsReplacedAndCounted() {
        ServiceSpec spec = withHealthCheck(spec("d1", WEB_V1, 1, 100, 200, false));
        runtime.spec(spec);
        pass();
        agentsProgress(t -> false);
        TrackedTask task = liveTasks().get(0);
        report(task, TaskStatus.RUNNING, HealthStatus.UNKNOWN);
        assertThat(pass().actions()).isEmpty(); // not healthy yet, not unhealthy either

        report(task, TaskStatus.RUNNING, HealthStatus.UNHEALTHY);
        ReconcileOutcome outcome = pass();

        assertThat(reports(outcome, TaskStatus.DEACTIVATING)).singleElement()
                .satisfies(r -> assertThat(r.stoppedReason()).isEqualTo(ServiceReconciler.HEALTH_CHECK_FAILED));
        assertThat(reports(outcome, TaskStatus.PENDING)).hasSize(1);
        agentsProgress(t -> false);
        assertThat(pass().status().deployments().get(0).failedTasks()).isEqualTo(1);
    }

    @Test
    void scalingInStopsTheSurplus() {
        runToSteadyState(spec("d1", WEB_V1, 4, 100, 200, false));
        runtime.spec(spec("d1", WEB_V1, 2, 100, 200, false));

        ReconcileOutcome outcome = pass();

        assertThat(reports(outcome, TaskStatus.DEACTIVATING)).hasSize(2)
                .allMatch(r -> r.stopCode() == StopCode.ServiceSchedulerInitiated);
        assertThat(commands(outcome, AgentCommand.StopTask.class)).hasSize(2);
        agentsProgress(t -> false);
        assertThat(liveTasks()).extracting(TrackedTask::containerInstanceId).containsExactlyInAnyOrder("i-a", "i-b");
    }

    @Test
    void aRenewedPullCredentialInTheSameDeploymentReachesNewTasksWithoutARollout() {
        ServiceSpec first = withCredential(spec("d1", WEB_V1, 2, 100, 200, false), "token-1");
        runToSteadyState(first);
        runtime.spec(withCredential(spec("d1", WEB_V1, 3, 100, 200, false), "token-2"));

        ReconcileOutcome outcome = pass();

        assertThat(reports(outcome, TaskStatus.PENDING)).singleElement().satisfies(r ->
                assertThat(r.task().registryCredentials()).extracting(RegistryCredential::password)
                        .containsExactly("token-2"));
        assertThat(reports(outcome, TaskStatus.DEACTIVATING)).isEmpty();
        assertThat(outcome.status().deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("d1");
            assertThat(d.rolloutState()).isEqualTo(Deployment.COMPLETED);
        });
    }

    @Test
    void aDeletedServiceStopsEverything() {
        runToSteadyState(spec("d1", WEB_V1, 3, 100, 200, false));
        ServiceSpec s = spec("d1", WEB_V1, 0, 100, 200, false);
        runtime.spec(new ServiceSpec(s.cluster(), s.serviceName(), s.serviceArn(), ServiceSpec.DRAINING,
                s.schedulingStrategy(), 0, "d1", s.taskTemplate(), s.placementConstraints(), s.placementStrategy(),
                s.deploymentConfiguration(), 0, s.updatedAt()));

        pass();
        agentsProgress(t -> false);

        assertThat(liveTasks()).isEmpty();
        assertThat(pass().status().runningCount()).isZero();
    }

    @Test
    void aDaemonRunsOneTaskOnEveryEligibleInstanceIncludingLaterOnesAndLeavesDrainingOnes() {
        ServiceSpec s = spec("d1", WEB_V1, 0, 0, 100, false);
        runtime.spec(new ServiceSpec(s.cluster(), s.serviceName(), s.serviceArn(), s.status(), ServiceSpec.DAEMON, 0,
                "d1", s.taskTemplate(), List.of(), List.of(), s.deploymentConfiguration(), 0, s.updatedAt()));
        pass();
        agentsProgress(t -> false);
        assertThat(liveTasks()).extracting(TrackedTask::containerInstanceId).containsExactlyInAnyOrder("i-a", "i-b");
        assertThat(pass().actions()).isEmpty();

        state.applyInstance(Fixtures.instance("i-c", 4096, 4096, "zone-a"), clock.instant());
        InstanceState b = Fixtures.instance("i-b", 4096, 4096, "zone-b");
        state.applyInstance(new InstanceState(b.cluster(), "i-b", InstanceStatus.DRAINING, true, b.bindIp(),
                b.agentVersion(), b.resources(), b.attributes(), b.registeredAt()), clock.instant());
        pass();
        agentsProgress(t -> false);

        assertThat(liveTasks()).extracting(TrackedTask::containerInstanceId).containsExactlyInAnyOrder("i-a", "i-c");
        assertThat(runtime.status().desiredCount()).isEqualTo(2);
    }

    @Test
    void aNewOwnerCarriesOnFromTheLastPublishedStatusWithoutLaunchingTwice() {
        runtime.spec(spec("d1", WEB_V1, 4, 100, 200, false));
        pass();
        ServiceStatus published = runtime.status();

        ServiceRuntime successor = new ServiceRuntime();
        successor.spec(runtime.spec());
        successor.status(published);
        ReconcileOutcome outcome = reconciler.reconcile(successor, state);

        assertThat(reports(outcome, TaskStatus.PENDING)).isEmpty();
        assertThat(live()).isEqualTo(4);
    }

    @Test
    void aStatusPublishedWithoutTaskTemplatesMidDeploymentIsRepairedAndTheRolloutCarriesOn() {
        runToSteadyState(spec("d1", WEB_V1, 4, 50, 100, false));
        runtime.spec(spec("d2", WEB_V2, 4, 50, 100, false));
        pass();
        agentsProgress(t -> false);
        // as published before deployments carried their templates
        ServiceStatus published = runtime.status();
        runtime.status(new ServiceStatus(published.cluster(), published.serviceName(), published.specDeploymentId(),
                published.deployments().stream().map(d -> d.withTaskTemplate(null)).toList(),
                published.lastCompleted().withTaskTemplate(null), published.desiredCount(), published.runningCount(),
                published.pendingCount(), published.updatedAt()));

        for (int step = 0; step < 10; step++) {
            pass();
            agentsProgress(t -> false);
        }

        assertThat(liveTasks()).hasSize(4).allMatch(t -> t.startedBy().equals("ecs-svc/d2"));
        assertThat(runtime.status().deployments()).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo("d2");
            assertThat(d.taskTemplate()).isEqualTo(runtime.spec().taskTemplate());
            assertThat(d.rolloutState()).isEqualTo(Deployment.COMPLETED);
        });
    }

    @Test
    void anUnplaceableServiceSaysWhyInItsEvents() {
        runtime.spec(withConstraint(spec("d1", WEB_V1, 1, 100, 200, false), "attribute:ecs.availability-zone == mars"));

        ReconcileOutcome outcome = pass();

        assertThat(outcome.actions()).isEmpty();
        assertThat(messages()).anyMatch(m -> m.startsWith("(service web) was unable to place a task because no "
                + "container instance met all of its requirements. Reason: MemberOf"));
    }

    @Test
    void theCircuitBreakerThresholdIsHalfTheDesiredCountWithin3And200() {
        assertThat(ServiceReconciler.failureThreshold(1)).isEqualTo(3);
        assertThat(ServiceReconciler.failureThreshold(7)).isEqualTo(4);
        assertThat(ServiceReconciler.failureThreshold(10)).isEqualTo(5);
        assertThat(ServiceReconciler.failureThreshold(1000)).isEqualTo(200);
    }

    // ---- the simulated cluster -------------------------------------------------------------

    private ReconcileOutcome pass() {
        ReconcileOutcome outcome = reconciler.reconcile(runtime, state);
        events.addAll(outcome.events());
        return outcome;
    }

    private void runToSteadyState(ServiceSpec spec) {
        runtime.spec(spec);
        for (int i = 0; i < 5; i++) {
            pass();
            agentsProgress(t -> false);
        }
        assertThat(runtime.status().deployments().get(0).rolloutState()).isEqualTo(Deployment.COMPLETED);
    }

    /** What agents do between passes: start what is pending (or fail it), stop what is being stopped. */
    private void agentsProgress(Predicate<TrackedTask> failsToStart) {
        for (TrackedTask task : List.copyOf(state.tasks())) {
            if (task.status() == TaskStatus.PENDING && failsToStart.test(task)) {
                state.applyTask(new TrackedTask(task.taskId(), TaskStatus.STOPPED, null, null, null, null,
                        clock.instant(), StopCode.TaskFailedToStart, "CannotPullContainerError: no such image"));
            } else if (task.status() == TaskStatus.PENDING) {
                report(task, TaskStatus.RUNNING, hasCheck() ? HealthStatus.HEALTHY : null);
            } else if (task.status() == TaskStatus.DEACTIVATING) {
                state.applyTask(new TrackedTask(task.taskId(), TaskStatus.STOPPED, null, null, null, null,
                        clock.instant(), null, null));
            }
        }
    }

    private boolean hasCheck() {
        return runtime.spec().taskTemplate().containers().get(0).healthCheck() != null;
    }

    private void report(TrackedTask task, TaskStatus status, HealthStatus health) {
        state.applyTask(new TrackedTask(task.taskId(), status, null, null, health,
                task.startedAt() != null ? task.startedAt() : clock.instant(), null, null, null));
    }

    private List<TrackedTask> liveTasks() {
        return state.tasks().stream().filter(t -> t.status() != TaskStatus.STOPPED).toList();
    }

    private int live() {
        return liveTasks().size();
    }

    private long healthy() {
        return liveTasks().stream().filter(t -> t.status() == TaskStatus.RUNNING).count();
    }

    private List<String> messages() {
        return events.stream().map(ServiceEvent::message).toList();
    }

    private static List<TaskStateChange> reports(ReconcileOutcome outcome, TaskStatus status) {
        return outcome.actions().stream().filter(a -> a instanceof SchedulerAction.ReportState)
                .map(a -> ((SchedulerAction.ReportState) a).change()).filter(c -> c.lastStatus() == status).toList();
    }

    private static <T extends AgentCommand> List<T> commands(ReconcileOutcome outcome, Class<T> type) {
        return outcome.actions().stream().filter(a -> a instanceof SchedulerAction.SendCommand)
                .map(a -> ((SchedulerAction.SendCommand) a).command()).filter(type::isInstance).map(type::cast)
                .toList();
    }

    private ServiceSpec spec(String deploymentId, String taskDefinition, int desired, int min, int max,
                             boolean rollback) {
        TaskSpec t = Fixtures.task(null, ServiceSpec.group("web"), 256, 256);
        TaskSpec template = new TaskSpec("default", null, null, taskDefinition, "web", t.group(), null, "bridge",
                null, null, t.containers());
        return new ServiceSpec("default", "web", "arn:aws:ecs:local:000000000000:service/default/web",
                ServiceSpec.ACTIVE, ServiceSpec.REPLICA, desired, deploymentId, template, List.of(), List.of(),
                new DeploymentConfiguration(min, max, new DeploymentCircuitBreaker(rollback, rollback)), 0,
                clock.instant());
    }

    private static ServiceSpec withHealthCheck(ServiceSpec s) {
        ContainerDefinition c = s.taskTemplate().containers().get(0);
        ContainerDefinition checked = new ContainerDefinition(c.name(), c.image(), c.cpu(), c.memory(),
                c.memoryReservation(), c.portMappings(), c.essential(), c.environment(), c.command(), c.entryPoint(),
                c.workingDirectory(), c.stopTimeout(), c.dockerLabels(),
                new HealthCheck(List.of("CMD-SHELL", "true"), 5, 2, 1, 0));
        TaskSpec t = s.taskTemplate();
        return new ServiceSpec(s.cluster(), s.serviceName(), s.serviceArn(), s.status(), s.schedulingStrategy(),
                s.desiredCount(), s.deploymentId(), new TaskSpec(t.cluster(), null, null, t.taskDefinitionArn(),
                t.family(), t.group(), null, t.networkMode(), null, null, List.of(checked)), s.placementConstraints(),
                s.placementStrategy(), s.deploymentConfiguration(), 0, s.updatedAt());
    }

    private static ServiceSpec withCredential(ServiceSpec s, String token) {
        TaskSpec t = s.taskTemplate();
        TaskSpec template = new TaskSpec(t.cluster(), null, null, t.taskDefinitionArn(), t.family(), t.group(), null,
                t.networkMode(), t.cpu(), t.memory(), t.containers(),
                List.of(new RegistryCredential("127.0.0.1:5000", "AWS", token, s.updatedAt().plusSeconds(3600))));
        return new ServiceSpec(s.cluster(), s.serviceName(), s.serviceArn(), s.status(), s.schedulingStrategy(),
                s.desiredCount(), s.deploymentId(), template, s.placementConstraints(), s.placementStrategy(),
                s.deploymentConfiguration(), 0, s.updatedAt());
    }

    private static ServiceSpec withConstraint(ServiceSpec s, String expression) {
        return new ServiceSpec(s.cluster(), s.serviceName(), s.serviceArn(), s.status(), s.schedulingStrategy(),
                s.desiredCount(), s.deploymentId(), s.taskTemplate(),
                List.of(new PlacementConstraint("memberOf", expression)), s.placementStrategy(),
                s.deploymentConfiguration(), 0, s.updatedAt());
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
