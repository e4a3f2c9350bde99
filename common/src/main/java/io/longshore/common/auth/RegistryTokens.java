package io.longshore.common.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import io.longshore.common.messaging.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the registry's authorization tokens, like ECR's GetAuthorizationToken: a
 * token names who holds it, which repositories it may pull from or push to, and when it expires.
 * It is signed with a secret the registry and the control plane share (the control plane issues
 * pull tokens for tasks; the registry issues tokens to users and checks every request), so the
 * two never need to call each other.
 *
 * <p>Form: {@code lst1.<base64url(JSON claims)>.<base64url(HMAC-SHA256 of the first two parts)>}.
 * Docker sends it as the password of user {@code AWS}.
 *
 * <p>Only the exact form this class writes is accepted: the signature is compared as text, because
 * Base64 decoders ignore the unused low bits of the last character, so several spellings decode to
 * the same bytes and a token with one character changed would otherwise still verify.
 */
public final class RegistryTokens {
    public static final String USERNAME = "AWS";
    public static final String PULL = "pull";
    public static final String PUSH = "push";
    /** ECR's tokens are valid 12 hours. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(12);
    private static final String PREFIX = "lst1.";

    private final byte[] secret;
    private final Clock clock;

    public RegistryTokens(String secret, Clock clock) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("the registry token secret must have at least 16 characters");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What a token allows on repositories matching {@code repositories}: an exact name, a prefix
     * ending in {@code /*} (everything under it), or {@code *} (every repository).
     */
    public record Grant(String repositories, Set<String> actions) {
        public Grant {
            if (repositories == null || repositories.isBlank()) {
                throw new IllegalArgumentException("a grant names its repositories");
            }
            actions = actions == null ? Set.of() : Set.copyOf(actions);
        }

        public boolean allows(String repository, String action) {
            if (!actions.contains(action)) {
                return false;
            }
            if ("*".equals(repositories)) {
                return true;
            }
            if (repositories.endsWith("/*")) {
                return repository.startsWith(repositories.substring(0, repositories.length() - 1));
            }
            return repositories.equals(repository);
        }
    }

    /** What a valid token says. */
    public record Claims(String subject, List<Grant> grants, Instant issuedAt, Instant expiresAt) {
        public Claims {
            grants = grants == null ? List.of() : List.copyOf(grants);
        }

        public boolean allows(String repository, String action) {
            return grants.stream().anyMatch(g -> g.allows(repository, action));
        }
    }

    /** A token that is malformed, forged or expired; the message says which. */
    public static final class InvalidTokenException extends Exception {
        public InvalidTokenException(String message) {
            super(message);
        }
    }

    /** A token and what it says, for callers that report its expiry (GetAuthorizationToken). */
    public record IssuedToken(String token, Claims claims) {
    }

    public String issue(String subject, List<Grant> grants, Duration validity) {
        return issueToken(subject, grants, validity).token();
    }

    /** Signs a token valid from now (to the second) for {@code validity}. */
    public IssuedToken issueToken(String subject, List<Grant> grants, Duration validity) {
        Objects.requireNonNull(grants, "grants");
        if (validity == null || validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a token's validity must be positive, was " + validity);
        }
        // whole seconds: the expiry users see (and the token) reads as ECR's does
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Claims claims = new Claims(subject, grants, now, now.plus(validity));
        String body = PREFIX + base64(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        return new IssuedToken(body + "." + base64(sign(body)), claims);
    }

    public Claims verify(String token) throws InvalidTokenException {
        if (token == null || !token.startsWith(PREFIX)) {
            throw new InvalidTokenException("not a Longshore registry token");
        }
        int dot = token.lastIndexOf('.');
        if (dot <= PREFIX.length()) {
            throw new InvalidTokenException("malformed token");
        }
        String body = token.substring(0, dot);
        // the signature first: nothing a forger wrote is parsed; compared as text in constant time
        byte[] expected = base64(sign(body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
            throw new InvalidTokenException("the token's signature is not valid");
        }
        Claims claims;
        try {
            byte[] json = Base64.getUrlDecoder().decode(body.substring(PREFIX.length()));
            claims = Json.MAPPER.readValue(json, new TypeReference<Claims>() { });
        } catch (Exception e) {
            throw new InvalidTokenException("malformed token");
        }
        if (claims.expiresAt() == null || !clock.instant().isBefore(claims.expiresAt())) {
            throw new InvalidTokenException("the token expired at " + claims.expiresAt());
        }
        return claims;
    }

    /** ECR's authorizationToken: base64("AWS:" + token), what {@code docker login} is given split at the colon. */
    public static String authorizationToken(String token) {
        return Base64.getEncoder().encodeToString((USERNAME + ":" + token).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
