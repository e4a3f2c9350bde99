package io.longshore.registry.auth;

import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.auth.RegistryTokens.Claims;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Who may do what on /v2/: every request carries {@code Authorization: Basic base64("AWS:" + token)}
 * (what {@code docker login -u AWS} stores) or {@code Bearer <token>}; the token must be valid and
 * grant the action on the repository.
 */
@ApplicationScoped
public class RegistryAccess {
    /** The challenge of a 401, as ECR sends it: Docker then retries with the stored login. */
    public static final String CHALLENGE = "Basic realm=\"Longshore Registry\",service=\"longshore-registry\"";

    private final RegistryTokens tokens;

    public RegistryAccess(RegistryTokens tokens) {
        this.tokens = tokens;
    }

    /** Missing or invalid credentials: a 401 with {@link #CHALLENGE} and the spec's UNAUTHORIZED code. */
    public static final class Unauthenticated extends Exception {
        public Unauthenticated(String message) {
            super(message);
        }
    }

    /** A valid token without the permission: a 403 with the spec's DENIED code. */
    public static final class Denied extends Exception {
        public Denied(String message) {
            super(message);
        }
    }

    /** The claims of the request's token. */
    public Claims authenticate(String authorization) throws Unauthenticated {
        if (authorization == null || authorization.isBlank()) {
            throw new Unauthenticated("authentication required: docker login -u AWS with a token from "
                    + "POST /v1/authorization-token");
        }
        String token;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Unauthenticated("malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0 || !RegistryTokens.USERNAME.equals(decoded.substring(0, colon))) {
                throw new Unauthenticated("the user name must be " + RegistryTokens.USERNAME);
            }
            token = decoded.substring(colon + 1);
        } else {
            throw new Unauthenticated("unsupported authorization scheme; use Basic or Bearer");
        }
        try {
            return tokens.verify(token);
        } catch (RegistryTokens.InvalidTokenException e) {
            throw new Unauthenticated(e.getMessage());
        }
    }

    /** Checks that the request may do {@code action} ({@link RegistryTokens#PULL} or PUSH) on the repository. */
    public Claims authorize(String authorization, String repository, String action)
            throws Unauthenticated, Denied {
        Claims claims = authenticate(authorization);
        if (!claims.allows(repository, action)) {
            throw new Denied("the token of " + claims.subject() + " does not grant " + action + " on repository "
                    + repository);
        }
        return claims;
    }
}
