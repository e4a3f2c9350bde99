package io.longshore.autoscaler.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The autoscaler's settings, {@code longshore.autoscaler.*}. */
@ConfigMapping(prefix = "longshore.autoscaler")
public interface AutoscalerConfig {

    /** The length of one metric datapoint, and so the pace of every policy's "N of N datapoints" (AWS: one minute). */
    @WithDefault("60s")
    Duration period();

    /** How long after a period ends samples may still arrive for it before it is closed. */
    @WithDefault("10s")
    Duration lateness();

    /** How many closed periods are kept per series (15 are needed for target tracking's scale-in). */
    @WithDefault("60")
    int retainedPeriods();

    /** How often scalable targets are evaluated and Kafka consumer lag is read (HPA: 15 s). */
    @WithDefault("15s")
    Duration evaluationInterval();

    /** How often cluster scaling sizes each capacity provider's auto scaling group. */
    @WithDefault("15s")
    Duration capacityInterval();

    /**
     * How long the CapacityProviderReservation must stay below the target, continuously, before
     * empty hosts are taken away (ECS waits for 15 minutes of datapoints); after a scale-in the
     * wait starts over.
     */
    @WithDefault("15m")
    Duration scaleInAfter();

    /** A started host whose agent has not registered within this is terminated (and replaced when still needed). */
    @WithDefault("5m")
    Duration hostRegistrationTimeout();

    /** How cluster scaling starts hosts. */
    Hosts hosts();

    /** The hosts of auto scaling groups, {@code longshore.autoscaler.hosts.*}. */
    interface Hosts {

        /** The image of a {@code docker} group's host containers: a JRE with the agent, whose entrypoint runs it. */
        @WithDefault("longshore/agent:latest")
        String image();

        /** The host containers' command; unset: the image's own (a stand-in image needs one, e.g. {@code sleep,3600}). */
        Optional<List<String>> imageCommand();

        /** The Kafka bootstrap servers the hosts' agents use; unset: the autoscaler's own. */
        Optional<String> kafkaBootstrapServers();

        /** The loopback addresses hosts get, one each, the first free one first. */
        @WithDefault("127.0.1.1-127.0.1.254")
        String bindIps();

        /**
         * This autoscaler's hosts: the directories of {@code process} hosts, and the label
         * {@code longshore.hosts-home} of {@code docker} hosts (so a stack's {@code down} finds them).
         */
        @WithDefault("${launcher.longshore.home:.longshore}/hosts")
        String home();

        /**
         * A {@code process} host's command; unset: {@code <java> -jar <repo>/agent/target/quarkus-app/quarkus-run.jar},
         * with the JVM the autoscaler runs on and the repository it runs from.
         */
        Optional<List<String>> processCommand();

        /** The Docker engine {@code docker} hosts are containers of, and that every host's agent runs tasks on. */
        @WithDefault("unix:///var/run/docker.sock")
        String dockerHost();

        /** How long a terminated host's agent has to stop before it is killed. */
        @WithDefault("30s")
        Duration stopTimeout();
    }
}
