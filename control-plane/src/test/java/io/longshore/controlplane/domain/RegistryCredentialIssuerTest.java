package io.longshore.controlplane.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.model.ContainerDefinition;
import io.longshore.common.model.RegistryCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryCredentialIssuerTest {
    static final String SECRET = "a-test-secret-of-enough-length";
    static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String TD = "arn:aws:ecs:local:000000000000:task-definition/web:3";
    static final String DIGEST = "sha256:" + "b".repeat(64);

    final RegistryTokens tokens = new RegistryTokens(SECRET, CLOCK);
    final RegistryCredentialIssuer issuer = new RegistryCredentialIssuer(tokens,
            List.of("127.0.0.1:5000", "LOCALHOST:5000"), Duration.ofHours(12), CLOCK);

    static ContainerDefinition container(String name, String image) {
        return new ContainerDefinition(name, image, null, 64, null, null, null, null, null, null, null, null, null);
    }

    RegistryTokens.Claims claims(RegistryCredential credential) throws Exception {
        return tokens.verify(credential.password());
    }

    @Test
    void oneCredentialPerRegistryHostGrantingPullOnExactlyTheRepositoriesItsImagesName() throws Exception {
        List<RegistryCredential> credentials = issuer.issue(TD, List.of(
                container("app", "127.0.0.1:5000/team/app:1.0"),
                container("side", "127.0.0.1:5000/team/sidecar"),
                container("again", "127.0.0.1:5000/team/app:2.0"),
                container("pinned", "localhost:5000/app@" + DIGEST)));

        assertThat(credentials).extracting(RegistryCredential::registry)
                .containsExactly("127.0.0.1:5000", "localhost:5000");
        RegistryCredential loopback = credentials.get(0);
        assertThat(loopback.username()).isEqualTo("AWS");
        assertThat(loopback.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));

        RegistryTokens.Claims claims = claims(loopback);
        assertThat(claims.subject()).isEqualTo("task-execution:" + TD);
        assertThat(claims.expiresAt()).isEqualTo(loopback.expiresAt());
        assertThat(claims.grants()).containsExactly(
                new RegistryTokens.Grant("team/app", Set.of("pull")),
                new RegistryTokens.Grant("team/sidecar", Set.of("pull")));
        assertThat(claims.allows("team/app", "push")).isFalse();
        assertThat(claims.allows("team/other", "pull")).isFalse();

        assertThat(claims(credentials.get(1)).grants()).containsExactly(new RegistryTokens.Grant("app", Set.of("pull")));
    }

    @Test
    void imagesOfOtherRegistriesAndOfDockerHubGetNone() {
        assertThat(issuer.issue(TD, List.of(
                container("hub", "busybox"),
                container("ours-by-name-only", "longshore/busybox:latest"),
                container("other", "registry.example.com/team/app:1"),
                container("other-port", "127.0.0.1:5001/team/app:1"),
                container("broken", "app:")))).isEmpty();
    }

    @Test
    void renewalIsDueWithinHalfTheValidity() {
        assertThat(issuer.renewBefore()).isEqualTo(NOW.plus(Duration.ofHours(6)));
        assertThat(RegistryCredentialIssuer.earliestExpiry(List.of())).isEmpty();
        assertThat(RegistryCredentialIssuer.earliestExpiry(List.of(
                new RegistryCredential("a:1", "AWS", "x", NOW.plusSeconds(20)),
                new RegistryCredential("b:1", "AWS", "y", NOW.plusSeconds(10))))).contains(NOW.plusSeconds(10));
    }
}
