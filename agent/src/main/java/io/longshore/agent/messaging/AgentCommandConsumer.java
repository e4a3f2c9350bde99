package io.longshore.agent.messaging;

import io.longshore.agent.instance.AgentIdentity;
import io.longshore.agent.task.TaskSupervisor;
import io.longshore.common.messaging.AgentCommand;
import io.longshore.common.messaging.Json;
import io.longshore.common.messaging.MessageKeys;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes this instance's commands off {@code longshore.agent-commands}. Every agent of a cluster
 * reads the cluster's partition (in its own consumer group) and keeps only the commands naming its
 * container instance: the record's key ({@code <cluster>/<instanceId>}) says whose a command is,
 * so other instances' and other clusters' commands on the partition are skipped unread. The command is recorded on disk and queued on its task's lane before the
 * offset is committed; an unreadable message goes to the dead-letter topic.
 */
@ApplicationScoped
public class AgentCommandConsumer {
    public static final String CHANNEL = "agent-commands";
    private static final Logger LOG = Logger.getLogger(AgentCommandConsumer.class);

    private final AgentIdentity identity;
    private final TaskSupervisor supervisor;
    private final String ownKey;

    public AgentCommandConsumer(AgentIdentity identity, TaskSupervisor supervisor) {
        this.identity = identity;
        this.supervisor = supervisor;
        this.ownKey = MessageKeys.of(identity.cluster(), identity.instanceId());
    }

    @Incoming(CHANNEL)
    @Blocking // file IO; ordered, so commands are taken in partition order
    public void consume(ConsumerRecord<String, String> record) {
        if (record.key() != null && !record.key().equals(ownKey)) {
            return; // another instance's command
        }
        AgentCommand command = Json.read(record.value(), AgentCommand.class);
        if (command == null || !identity.instanceId().equals(command.containerInstanceId())) {
            return; // another instance's command
        }
        LOG.debugf("command %s for task %s", command.getClass().getSimpleName(), command.taskId());
        if (command instanceof AgentCommand.StartTask start) {
            supervisor.onStart(start);
        } else if (command instanceof AgentCommand.StopTask stop) {
            supervisor.onStop(stop);
        }
    }
}
