package io.longshore.agent.messaging;

import io.longshore.agent.instance.AgentIdentity;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import java.util.Map;

/**
 * The command consumer's group id, {@code longshore-agent-<instanceId>}: every agent needs every
 * command of its cluster's partition, so each is its own consumer group. The instance id is only
 * known at run time (it is read from, or first written to, the state directory), so it cannot sit
 * in application.properties; SmallRye Kafka merges this bean (named by the channel's
 * {@code kafka-configuration} attribute) into the channel's configuration when the channel is
 * created, below the channel's own properties and above the global {@code kafka.*} ones (where
 * Quarkus puts its default group id, the application name).
 */
@Dependent
public class CommandConsumerConfig {
    public static final String IDENTIFIER = "agent-commands-consumer";

    @Produces
    @Identifier(IDENTIFIER)
    Map<String, Object> commandConsumerConfig(AgentIdentity identity) {
        return Map.of("group.id", groupId(identity.instanceId()));
    }

    public static String groupId(String instanceId) {
        return "longshore-agent-" + instanceId;
    }
}
