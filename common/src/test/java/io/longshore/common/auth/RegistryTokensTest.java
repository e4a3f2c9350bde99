package io.longshore.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.longshore.common.auth.RegistryTokens.Claims;
import io.longshore.common.auth.RegistryTokens.Grant;
import io.longshore.common.auth.RegistryTokens.InvalidTokenException;
import io.longshore.common.auth.RegistryTokens.IssuedToken;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RegistryTokensTest {
    private static final String SECRET = "a-secret-of-sufficient-length";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Set<String> PULL_PUSH = Set.of(RegistryTokens.PULL, RegistryTokens.PUSH);

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovableClock clock = new MovableClock(T0);
    private final RegistryTokens tokens = new RegistryTokens(SECRET, clock);

    private static Grant grant(String repositories, String... actions) {
        return new Grant(repositories, Set.of(actions));
    }

    @Test
    void anIssuedTokenVerifiesAndSaysWhatItWasIssuedWith() throws Exception {
        String token = tokens.issue("alice", List.of(grant("team/*", "pull"), grant("web", "pull", "push")),
                Duration.ofHours(12));

        Claims claims = tokens.verify(token);

        assertThat(token).startsWith("lst1.");
        assertThat(claims.subject()).isEqualTo("alice");
        assertThat(claims.issuedAt()).isEqualTo(T0);
        assertThat(claims.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
        assertThat(claims.grants()).containsExactly(grant("team/*", "pull"), grant("web", "pull", "push"));
    }

    @Test
    void issueTokenReportsTheClaimsItSigned() throws Exception {
        IssuedToken issued = tokens.issueToken("bob", List.of(grant("*", "pull")), RegistryTokens.DEFAULT_VALIDITY);

        assertThat(tokens.verify(issued.token())).isEqualTo(issued.claims());
        assertThat(issued.claims().expiresAt()).isEqualTo(Instant.parse("2025-03-01T22:00:00Z"));
    }

    @Test
    void issuedAtIsTruncatedToTheSecond() throws Exception {
        MovableClock fractional = new MovableClock(T0.plusMillis(789));
        RegistryTokens fractionalTokens = new RegistryTokens(SECRET, fractional);

        Claims claims = fractionalTokens.verify(fractionalTokens.issue("a", List.of(), Duration.ofMinutes(1)));

        assertThat(claims.issuedAt()).isEqualTo(T0);
        assertThat(claims.expiresAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aTokenWithoutGrantsVerifiesButAllowsNothing() throws Exception {
        Claims claims = tokens.verify(tokens.issue("nobody", List.of(), Duration.ofMinutes(5)));

        assertThat(claims.grants()).isEmpty();
        assertThat(claims.allows("web", "pull")).isFalse();
    }

    @Test
    void theSubjectMayBeAnyText() throws Exception {
        String subject = "task/arn:aws:ecs:local:000000000000:task/default/ü \"quoted\"";
        assertThat(tokens.verify(tokens.issue(subject, List.of(), Duration.ofMinutes(1))).subject())
                .isEqualTo(subject);
    }

    @Test
    void aNonPositiveValidityIsRefused() {
        assertThatThrownBy(() -> tokens.issue("a", List.of(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validity");
        assertThatThrownBy(() -> tokens.issue("a", List.of(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new RegistryTokens("too-short", clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 characters");
        assertThatThrownBy(() -> new RegistryTokens(null, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    class Expiry {
        private final String token = tokens.issue("alice", List.of(grant("*", "pull")), Duration.ofHours(1));

        @Test
        void validJustBeforeItExpires() throws Exception {
            clock.advance(Duration.ofHours(1).minusMillis(1));
            assertThat(tokens.verify(token).subject()).isEqualTo("alice");
        }

        @Test
        void expiredAtItsExpiry() {
            clock.advance(Duration.ofHours(1));
            assertThatThrownBy(() -> tokens.verify(token))
                    .isInstanceOf(InvalidTokenException.class)
                    .hasMessageContaining("expired at 2025-03-01T11:00:00Z");
        }

        @Test
        void expiredLongAfter() {
            clock.advance(Duration.ofDays(30));
            assertThatThrownBy(() -> tokens.verify(token)).isInstanceOf(InvalidTokenException.class);
        }

        @Test
        void anotherRegistryWithTheSameSecretButALaterClockRefusesIt() {
            RegistryTokens later = new RegistryTokens(SECRET, Clock.fixed(T0.plus(Duration.ofHours(2)), ZoneOffset.UTC));
            assertThatThrownBy(() -> later.verify(token)).isInstanceOf(InvalidTokenException.class)
                    .hasMessageContaining("expired");
        }
    }

    @Nested
    class Forgery {
        private final String token = tokens.issue("alice", List.of(grant("web", "pull")), Duration.ofHours(1));
        private final int dot = token.lastIndexOf('.');

        @Test
        void aTokenSignedWithAnotherSecretIsRefused() {
            RegistryTokens other = new RegistryTokens("another-secret-of-some-length", clock);
            String foreign = other.issue("alice", List.of(grant("*", "pull", "push")), Duration.ofHours(1));

            assertThatThrownBy(() -> tokens.verify(foreign))
                    .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
        }

        @Test
        void aRewrittenPayloadIsRefused() {
            String json = new String(Base64.getUrlDecoder().decode(token.substring(5, dot)), StandardCharsets.UTF_8);
            String widened = json.replace("\"web\"", "\"*\"").replace("[\"pull\"]", "[\"pull\",\"push\"]");
            assertThat(widened).isNotEqualTo(json);
            String forged = "lst1." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(widened.getBytes(StandardCharsets.UTF_8)) + token.substring(dot);

            assertThatThrownBy(() -> tokens.verify(forged))
                    .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
        }

        @Test
        void anExtendedExpiryIsRefused() {
            String json = new String(Base64.getUrlDecoder().decode(token.substring(5, dot)), StandardCharsets.UTF_8);
            String extended = json.replace("2025-03-01T11:00:00Z", "2035-03-01T11:00:00Z");
            assertThat(extended).isNotEqualTo(json);
            String forged = "lst1." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(extended.getBytes(StandardCharsets.UTF_8)) + token.substring(dot);

            assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(InvalidTokenException.class);
        }

        @Test
        void aChangedSignatureIsRefused() {
            char last = token.charAt(token.length() - 1);
            String forged = token.substring(0, token.length() - 1) + (last == 'A' ? 'Q' : 'A');
            assertThatThrownBy(() -> tokens.verify(forged)).isInstanceOf(InvalidTokenException.class);
        }

        /**
         * The last of the 43 characters of an HMAC-SHA256 in Base64 carries two unused bits: a
         * lenient decoder maps its "siblings" to the same bytes. Such a token is not the one issued.
         */
        @Test
        void aSignatureSpelledDifferentlyButDecodingToTheSameBytesIsRefused() {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char last = token.charAt(token.length() - 1);
            char sibling = alphabet.charAt(alphabet.indexOf(last) ^ 1);
            String respelled = token.substring(0, token.length() - 1) + sibling;
            assertThat(Base64.getUrlDecoder().decode(respelled.substring(dot + 1)))
                    .isEqualTo(Base64.getUrlDecoder().decode(token.substring(dot + 1)));

            assertThatThrownBy(() -> tokens.verify(respelled))
                    .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
        }

        @Test
        void aPaddedSignatureIsRefused() {
            assertThatThrownBy(() -> tokens.verify(token + "=")).isInstanceOf(InvalidTokenException.class);
        }

        @Test
        void aMissingSignatureIsRefused() {
            assertThatThrownBy(() -> tokens.verify(token.substring(0, dot))).isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> tokens.verify(token.substring(0, dot + 1))).isInstanceOf(InvalidTokenException.class);
        }

        @Test
        void garbageIsRefused() {
            assertThatThrownBy(() -> tokens.verify(null)).isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> tokens.verify("")).isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> tokens.verify("lst1.")).isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> tokens.verify("lst1..")).isInstanceOf(InvalidTokenException.class);
            assertThatThrownBy(() -> tokens.verify("Bearer " + token)).isInstanceOf(InvalidTokenException.class)
                    .hasMessageContaining("not a Longshore registry token");
        }

        @Test
        void aValidlySignedBodyThatIsNotJsonIsMalformed() throws Exception {
            // only the issuer could produce this; it must still fail cleanly
            String body = "lst1." + Base64.getUrlEncoder().withoutPadding().encodeToString("not json".getBytes());
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = body + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));

            assertThatThrownBy(() -> tokens.verify(signed))
                    .isInstanceOf(InvalidTokenException.class).hasMessage("malformed token");
        }
    }

    @Nested
    class Grants {
        @Test
        void anExactNameAllowsOnlyThatRepository() {
            Grant grant = grant("team/web", "pull");
            assertThat(grant.allows("team/web", "pull")).isTrue();
            assertThat(grant.allows("team/web2", "pull")).isFalse();
            assertThat(grant.allows("team/web/sub", "pull")).isFalse();
            assertThat(grant.allows("team", "pull")).isFalse();
            assertThat(grant.allows("web", "pull")).isFalse();
        }

        @Test
        void aPrefixAllowsEverythingUnderItButNotItself() {
            Grant grant = grant("team/*", "pull");
            assertThat(grant.allows("team/web", "pull")).isTrue();
            assertThat(grant.allows("team/a/b", "pull")).isTrue();
            assertThat(grant.allows("team", "pull")).isFalse();
            assertThat(grant.allows("teamwork/web", "pull")).isFalse();
            assertThat(grant.allows("other/team/web", "pull")).isFalse();
        }

        @Test
        void aStarAllowsEveryRepository() {
            Grant grant = grant("*", "pull");
            assertThat(grant.allows("web", "pull")).isTrue();
            assertThat(grant.allows("team/a/b", "pull")).isTrue();
        }

        @Test
        void pullDoesNotImplyPush() {
            Grant pullOnly = grant("*", "pull");
            assertThat(pullOnly.allows("web", "push")).isFalse();
            Grant pushOnly = grant("*", "push");
            assertThat(pushOnly.allows("web", "push")).isTrue();
            assertThat(pushOnly.allows("web", "pull")).isFalse();
            assertThat(grant("*").allows("web", "pull")).isFalse();
        }

        @Test
        void unknownActionsAreNeverAllowed() {
            assertThat(new Grant("*", PULL_PUSH).allows("web", "delete")).isFalse();
        }

        @Test
        void claimsAllowWhatAnyOfTheirGrantsAllows() throws Exception {
            Claims claims = tokens.verify(tokens.issue("ci",
                    List.of(grant("team/*", "pull"), grant("team/web", "push")), Duration.ofHours(1)));

            assertThat(claims.allows("team/web", "push")).isTrue();
            assertThat(claims.allows("team/web", "pull")).isTrue();
            assertThat(claims.allows("team/api", "pull")).isTrue();
            assertThat(claims.allows("team/api", "push")).isFalse();
            assertThat(claims.allows("web", "pull")).isFalse();
        }

        @Test
        void aGrantMustNameItsRepositories() {
            assertThatThrownBy(() -> new Grant(" ", PULL_PUSH)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Grant(null, PULL_PUSH)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void grantsAreImmutableCopies() {
            java.util.HashSet<String> actions = new java.util.HashSet<>(Set.of("pull"));
            Grant grant = new Grant("web", actions);
            actions.add("push");
            assertThat(grant.allows("web", "push")).isFalse();
        }
    }

    // --- properties ------------------------------------------------------------------------------

    /** Changing any one character of a token, to any other character, makes it invalid. */
    @Property(tries = 1500)
    void anySingleCharacterChangeIsRejected(@ForAll("tokensWithAChange") Change change) {
        String token = change.token();
        StringBuilder changed = new StringBuilder(token);
        changed.setCharAt(change.position() % token.length(), change.replacement());
        if (changed.toString().equals(token)) {
            return; // the same character: not a change
        }
        assertThatThrownBy(() -> tokens.verify(changed.toString())).isInstanceOf(InvalidTokenException.class);
    }

    /** Whatever was issued verifies to the same claims before expiry. */
    @Property(tries = 300)
    void issuedTokensRoundTrip(@ForAll("subjects") String subject, @ForAll("repositories") String repositories,
                               @ForAll("validities") Duration validity) throws Exception {
        Claims claims = tokens.verify(tokens.issue(subject, List.of(new Grant(repositories, PULL_PUSH)), validity));
        assertThat(claims.subject()).isEqualTo(subject);
        assertThat(claims.grants()).containsExactly(new Grant(repositories, PULL_PUSH));
        assertThat(claims.expiresAt()).isEqualTo(T0.plus(validity));
    }

    record Change(String token, int position, char replacement) {
    }

    @Provide
    Arbitrary<Change> tokensWithAChange() {
        Arbitrary<String> issued = Combinators.combine(subjects(), repositories(), validities())
                .as((subject, repositories, validity) ->
                        tokens.issue(subject, List.of(new Grant(repositories, PULL_PUSH)), validity));
        // mostly characters a token is made of (the likely forgeries), sometimes anything
        Arbitrary<Character> replacement = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.chars().with(
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/".toCharArray())),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
        return Combinators.combine(issued, Arbitraries.integers().between(0, 10_000), replacement).as(Change::new);
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.strings().alpha().numeric().withChars(" /:-_\"\\üé→").ofMinLength(0).ofMaxLength(40);
    }

    @Provide
    Arbitrary<String> repositories() {
        return Arbitraries.of("*", "web", "team/*", "team/web", "a.b/c_d/e-f");
    }

    @Provide
    Arbitrary<Duration> validities() {
        return Arbitraries.longs().between(1, 43_200).map(Duration::ofSeconds);
    }
}
