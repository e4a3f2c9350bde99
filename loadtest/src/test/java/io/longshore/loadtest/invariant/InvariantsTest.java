package io.longshore.loadtest.invariant;

import static io.longshore.loadtest.Fixtures.distinctInstance;
import static io.longshore.loadtest.Fixtures.memberOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.model.Allocation;
import io.longshore.common.model.TaskStatus;
import io.longshore.loadtest.Fixtures;
import io.longshore.loadtest.scenario.InvariantName;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InvariantsTest {

    private static Fixtures twoHosts() {
        return Fixtures.cluster().instance("i-1", 1024, 2048, "a").instance("i-2", 1024, 2048, "b");
    }

    @Nested
    class OverCommit {
        @Test
        void holdsWhileAllocationsFit() {
            var r = new NoOverCommit().check(twoHosts()
                    .placed("t1", "i-1", 512, 1024, "g", 0).placed("t2", "i-1", 512, 1024, "g", 1)
                    .running("t1", "i-1", 512, 1024, "g", 2).recording());
            assertThat(r.held()).isTrue();
            assertThat(r.checked()).isEqualTo(2);
        }

        @Test
        void violatedWhenCpuExceedsRegistered() {
            var r = new NoOverCommit().check(twoHosts()
                    .placed("t1", "i-1", 768, 512, "g", 0).placed("t2", "i-1", 512, 512, "g", 1).recording());
            assertThat(r.held()).isFalse();
            assertThat(r.violations()).isEqualTo(1);
            assertThat(r.examples().get(0)).contains("i-1").contains("cpu 1280/1024").contains("t2");
        }

        @Test
        void violatedWhenMemoryExceedsRegistered() {
            var r = new NoOverCommit().check(twoHosts()
                    .placed("t1", "i-2", 100, 2000, "g", 0).placed("t2", "i-2", 100, 100, "g", 1).recording());
            assertThat(r.held()).isFalse();
            assertThat(r.examples().get(0)).contains("memory 2100/2048");
        }

        @Test
        void aStoppedTaskFreesItsAllocation() {
            var r = new NoOverCommit().check(twoHosts()
                    .placed("t1", "i-1", 1024, 2048, "g", 0).stopped("t1", "i-1", 1024, 2048, "g", 5)
                    .placed("t2", "i-1", 1024, 2048, "g", 6).recording());
            assertThat(r.held()).isTrue();
        }

        @Test
        void redeliveredReportsAreNotCountedTwice() {
            var r = new NoOverCommit().check(twoHosts()
                    .placed("t1", "i-1", 1024, 2048, "g", 0).placed("t1", "i-1", 1024, 2048, "g", 1)
                    .running("t1", "i-1", 1024, 2048, "g", 2).running("t1", "i-1", 1024, 2048, "g", 3).recording());
            assertThat(r.held()).isTrue();
        }

        @Test
        void aReportAfterStoppedHoldsNothing() {
            var r = new NoOverCommit().check(twoHosts()
                    .placed("t1", "i-1", 1024, 2048, "g", 0).stopped("t1", "i-1", 1024, 2048, "g", 1)
                    .running("t1", "i-1", 1024, 2048, "g", 2) // late and out of date
                    .placed("t2", "i-1", 1024, 2048, "g", 3).recording());
            assertThat(r.held()).isTrue();
        }

        @Test
        void placementOnAnUnknownInstanceIsAViolation() {
            var r = new NoOverCommit().check(twoHosts().placed("t1", "i-9", 1, 1, "g", 0).recording());
            assertThat(r.held()).isFalse();
            assertThat(r.examples().get(0)).contains("unknown instance i-9");
        }
    }

    @Nested
    class Constraints {
        @Test
        void memberOfHeld() {
            var r = new ConstraintsHeld().check(twoHosts()
                    .accepted("t1", 0, memberOf("attribute:ecs.availability-zone == a"))
                    .placed("t1", "i-1", 1, 1, "g", 1).recording());
            assertThat(r.held()).isTrue();
            assertThat(r.checked()).isEqualTo(1);
        }

        @Test
        void memberOfViolated() {
            var r = new ConstraintsHeld().check(twoHosts()
                    .accepted("t1", 0, memberOf("attribute:ecs.availability-zone in [a, c]"))
                    .placed("t1", "i-2", 1, 1, "g", 1).recording());
            assertThat(r.held()).isFalse();
            assertThat(r.examples().get(0)).contains("t1").contains("i-2").contains("memberOf");
        }

        @Test
        void memberOfSeesTheGroupsHeldAtPlacement() {
            // anti-affinity: no task of group db may be on the instance
            var r = new ConstraintsHeld().check(twoHosts()
                    .placed("db1", "i-1", 1, 1, "db", 0)
                    .accepted("web1", 1, memberOf("not(task:group == db)"))
                    .placed("web1", "i-1", 1, 1, "web", 2).recording());
            assertThat(r.held()).isFalse();
        }

        @Test
        void distinctInstanceViolatedBySameGroupOnOneInstance() {
            var r = new ConstraintsHeld().check(twoHosts()
                    .accepted("t1", 0, distinctInstance()).accepted("t2", 0, distinctInstance())
                    .placed("t1", "i-1", 1, 1, "batch", 1).placed("t2", "i-1", 1, 1, "batch", 2).recording());
            assertThat(r.held()).isFalse();
            assertThat(r.violations()).isEqualTo(1);
            assertThat(r.examples().get(0)).contains("t2").contains("batch");
        }

        @Test
        void distinctInstanceHeldAcrossInstancesAndAfterAStop() {
            var r = new ConstraintsHeld().check(twoHosts()
                    .accepted("t1", 0, distinctInstance()).accepted("t2", 0, distinctInstance())
                    .accepted("t3", 0, distinctInstance())
                    .placed("t1", "i-1", 1, 1, "batch", 1).placed("t2", "i-2", 1, 1, "batch", 2)
                    .stopped("t1", "i-1", 1, 1, "batch", 3).placed("t3", "i-1", 1, 1, "batch", 4).recording());
            assertThat(r.held()).isTrue();
            assertThat(r.checked()).isEqualTo(3);
        }

        @Test
        void serviceTasksAreJudgedByTheirGroupsConstraints() {
            var r = new ConstraintsHeld().check(twoHosts()
                    .groupConstraints("service:web", memberOf("attribute:ecs.availability-zone == b"))
                    .placed("s1", "i-2", 1, 1, "service:web", 0).placed("s2", "i-1", 1, 1, "service:web", 1).recording());
            assertThat(r.checked()).isEqualTo(2);
            assertThat(r.violations()).isEqualTo(1);
        }
    }

    @Nested
    class DoublePlacement {
        @Test
        void heldForOneInstancePerTask() {
            var r = new NoDoublePlacement().check(twoHosts()
                    .placed("t1", "i-1", 1, 1, "g", 0).running("t1", "i-1", 1, 1, "g", 1)
                    .stopped("t1", "i-1", 1, 1, "g", 2).placed("t2", "i-2", 1, 1, "g", 3).recording());
            assertThat(r.held()).isTrue();
            assertThat(r.checked()).isEqualTo(2);
        }

        @Test
        void violatedByASecondAllocation() {
            var r = new NoDoublePlacement().check(twoHosts()
                    .placed("t1", "i-1", 1, 1, "g", 0).placed("t1", "i-2", 1, 1, "g", 1).recording());
            assertThat(r.held()).isFalse();
            assertThat(r.examples().get(0)).contains("i-1").contains("i-2");
        }

        @Test
        void violatedByTwoAgentsReportingRunning() {
            var f = twoHosts().placed("t1", "i-1", 1, 1, "g", 0).running("t1", "i-1", 1, 1, "g", 1);
            f.report("t1", TaskStatus.RUNNING, new Allocation("i-1", 1, 1, List.of(), "g"), null, "agent/i-2", 2);
            var r = new NoDoublePlacement().check(f.recording());
            assertThat(r.held()).isFalse();
            assertThat(r.examples().get(0)).contains("RUNNING").contains("i-2");
        }
    }

    @Nested
    class Lost {
        @Test
        void settledTasksAreNotLost() {
            var r = new NoAcceptedTaskLost().check(twoHosts()
                    .accepted("t1", 0).accepted("t2", 0).accepted("t3", 0)
                    .placed("t1", "i-1", 1, 1, "g", 1).running("t1", "i-1", 1, 1, "g", 2)
                    .placed("t2", "i-1", 1, 1, "g", 1).stopped("t2", "i-1", 1, 1, "g", 3)
                    .unplaced("t3", "RESOURCE:MEMORY", 1).recording());
            assertThat(r.held()).isTrue();
            assertThat(r.checked()).isEqualTo(3);
        }

        @Test
        void neverReportedIsLost() {
            var r = new NoAcceptedTaskLost().check(twoHosts().accepted("t1", 0).recording());
            assertThat(r.held()).isFalse();
            assertThat(r.examples().get(0)).contains("never reported");
        }

        @Test
        void unplacedButWaitingWithAReasonIsNotLost() {
            var r = new NoAcceptedTaskLost().check(twoHosts().accepted("t1", 0)
                    .waiting("t1", "PROVISIONING").recording());
            assertThat(r.held()).isTrue();
        }

        @Test
        void placedButNeverRunningOrStoppedIsLost() {
            var r = new NoAcceptedTaskLost().check(twoHosts().accepted("t1", 0)
                    .placed("t1", "i-1", 1, 1, "g", 1).waiting("t1", "whatever").recording());
            assertThat(r.held()).isFalse();
            assertThat(r.examples().get(0)).contains("never RUNNING or STOPPED");
        }
    }

    @Test
    void examplesAreCappedAtTen() {
        var f = twoHosts();
        for (int i = 0; i < 25; i++) {
            f.accepted("t" + i, 0);
        }
        var r = new NoAcceptedTaskLost().check(f.recording());
        assertThat(r.violations()).isEqualTo(25);
        assertThat(r.examples()).hasSize(InvariantResult.MAX_EXAMPLES);
    }

    @Test
    void checksRunOnlyTheInvariantsAsked() {
        var results = InvariantChecks.check(EnumSet.of(InvariantName.noOverCommit, InvariantName.noAcceptedTaskLost),
                twoHosts().accepted("t1", 0).recording());
        assertThat(results).extracting(InvariantResult::name).containsExactly("noOverCommit", "noAcceptedTaskLost");
        assertThat(InvariantChecks.allHeld(results)).isFalse();
    }
}
