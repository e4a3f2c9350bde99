package io.longshore.autoscaler.config;

import com.github.dockerjava.api.DockerClient;
import io.longshore.autoscaler.capacity.ClusterScaler;
import io.longshore.autoscaler.hosts.BindAddresses;
import io.longshore.autoscaler.hosts.DockerHostProvisioner;
import io.longshore.autoscaler.hosts.HostIds;
import io.longshore.autoscaler.hosts.HostProvisioners;
import io.longshore.autoscaler.hosts.ProcessHostProvisioner;
import io.longshore.scaling.PeriodAggregator;
import io.longshore.scaling.ScalingEvaluator;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the framework-free scaling rules and the host provisioners into CDI. */
public class AutoscalerBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ScalingEvaluator scalingEvaluator(Clock clock) {
        return new ScalingEvaluator(clock);
    }

    @Produces
    @Singleton
    PeriodAggregator periodAggregator(AutoscalerConfig config) {
        return new PeriodAggregator(config.period(), config.lateness(), config.retainedPeriods());
    }

    @Produces
    @Singleton
    ClusterScaler clusterScaler(Clock clock, AutoscalerConfig config) {
        return new ClusterScaler(clock, config.scaleInAfter(), config.hostRegistrationTimeout(), HostIds::random);
    }

    @Produces
    @Singleton
    DockerClient dockerClient(AutoscalerConfig config) {
        return DockerHostProvisioner.connect(config.hosts().dockerHost());
    }

    void closeDockerClient(@Disposes DockerClient docker) throws IOException {
        docker.close();
    }

    @Produces
    @Singleton
    HostProvisioners hostProvisioners(AutoscalerConfig config, DockerClient docker,
                                      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        AutoscalerConfig.Hosts hosts = config.hosts();
        Path home = Path.of(hosts.home()).toAbsolutePath().normalize();
        String kafka = hosts.kafkaBootstrapServers().orElse(bootstrapServers);
        return new HostProvisioners(Map.of(
                HostProvisioners.DOCKER, new DockerHostProvisioner(docker, hosts.dockerHost(), hosts.image(),
                        hosts.imageCommand().orElse(List.of()), home.toString(), kafka, hosts.stopTimeout()),
                HostProvisioners.PROCESS, new ProcessHostProvisioner(home,
                        hosts.processCommand().orElseGet(AutoscalerBeans::defaultProcessCommand), kafka,
                        hosts.dockerHost(), hosts.stopTimeout())),
                new BindAddresses(hosts.bindIps()));
    }

    /** The agent's fast-jar of the repository the autoscaler runs from, on the autoscaler's own JVM. */
    static List<String> defaultProcessCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-jar", repositoryRoot().resolve("agent/target/quarkus-app/quarkus-run.jar").toString());
    }

    private static Path repositoryRoot() {
        try {
            Path location = Path.of(AutoscalerBeans.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = location; dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("agent")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                    return dir;
                }
            }
        } catch (Exception e) {
            // no code source to go by: the working directory then
        }
        return Path.of("").toAbsolutePath();
    }
}
