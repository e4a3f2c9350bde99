package io.longshore.registry.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.longshore.common.auth.RegistryTokens;
import io.longshore.common.auth.RegistryTokens.Grant;
import io.longshore.common.auth.RegistryTokens.IssuedToken;
import io.longshore.registry.oci.Names;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ECR's GetAuthorizationToken: a token for {@code docker login -u AWS -p <token> <proxyEndpoint>},
 * valid 12 hours unless asked otherwise, optionally narrowed to some repositories and actions.
 *
 * <pre>{@code
 * POST /v1/authorization-token
 * {"repositories": ["web", "team/*"], "actions": ["pull"], "durationSeconds": 3600}   (all optional)
 * → {"authorizationData": [{"authorizationToken": base64("AWS:<token>"),
 *                           "expiresAt": "2025-03-01T22:00:00Z", "proxyEndpoint": "http://<Host>"}]}
 * }</pre>
 *
 * A request ECR would refuse gets a 400 {@code {"__type": "InvalidParameterException", "message"}}
 * naming the field; the response is built here so it does not depend on other error mappers.
 */
@Path("/v1/authorization-token")
public class AuthorizationTokenResource {
    static final int MIN_DURATION_SECONDS = 60;
    static final int MAX_DURATION_SECONDS = 43_200;
    /** Who the token says holds it: this endpoint does not authenticate its callers. */
    static final String SUBJECT = "anonymous";
    private static final Set<String> KNOWN_FIELDS = Set.of("repositories", "actions", "durationSeconds",
            "registryIds"); // registryIds: what AWS clients send; there is one registry, so it is ignored
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryTokens tokens;

    public AuthorizationTokenResource(RegistryTokens tokens) {
        this.tokens = tokens;
    }

    /** ECR's {@code AuthorizationData}. */
    public record AuthorizationData(String authorizationToken, String expiresAt, String proxyEndpoint) {
    }

    /** ECR's {@code GetAuthorizationTokenResponse}. */
    public record AuthorizationTokenResponse(List<AuthorizationData> authorizationData) {
    }

    /** ECR's error body. */
    public record ErrorBody(@JsonProperty("__type") String type, String message) {
    }

    /** A request parameter ECR would refuse. */
    static final class InvalidParameter extends Exception {
        InvalidParameter(String message) {
            super(message);
        }
    }

    /** What a valid request asks for. */
    record TokenRequest(List<String> repositories, Set<String> actions, Duration duration) {
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response getAuthorizationToken(String body, @HeaderParam("Host") String host, @Context UriInfo uri) {
        TokenRequest request;
        try {
            request = parse(body);
        } catch (InvalidParameter e) {
            return Response.status(400).type(MediaType.APPLICATION_JSON_TYPE)
                    .header("x-amzn-ErrorType", "InvalidParameterException")
                    .entity(new ErrorBody("InvalidParameterException", e.getMessage()))
                    .build();
        }
        List<Grant> grants = request.repositories().stream().map(r -> new Grant(r, request.actions())).toList();
        IssuedToken issued = tokens.issueToken(SUBJECT, grants, request.duration());
        String endpoint = "http://" + (host == null || host.isBlank() ? uri.getBaseUri().getAuthority() : host);
        AuthorizationData data = new AuthorizationData(RegistryTokens.authorizationToken(issued.token()),
                DateTimeFormatter.ISO_INSTANT.format(issued.claims().expiresAt()), endpoint);
        return Response.ok(new AuthorizationTokenResponse(List.of(data))).build();
    }

    /** Reads the optional body; everything it leaves out takes ECR's default. */
    static TokenRequest parse(String body) throws InvalidParameter {
        List<String> repositories = List.of("*");
        Set<String> actions = Set.of(RegistryTokens.PULL, RegistryTokens.PUSH);
        Duration duration = RegistryTokens.DEFAULT_VALIDITY;
        if (body == null || body.isBlank()) {
            return new TokenRequest(repositories, actions, duration);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidParameter("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidParameter("the request body must be a JSON object");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN_FIELDS.contains(name)) {
                throw new InvalidParameter(name + " is not a parameter of GetAuthorizationToken "
                        + "(known: repositories, actions, durationSeconds)");
            }
        }
        JsonNode repositoriesNode = root.get("repositories");
        if (repositoriesNode != null && !repositoriesNode.isNull()) {
            repositories = strings(repositoriesNode, "repositories");
            for (String repository : repositories) {
                String name = repository.endsWith("/*") ? repository.substring(0, repository.length() - 2) : repository;
                if (!"*".equals(repository) && !Names.isRepository(name)) {
                    throw new InvalidParameter("repositories: \"" + repository + "\" is not a repository name "
                            + "([a-z0-9] components separated by . _ __ or -, joined by /), a name followed by /*, "
                            + "or *");
                }
            }
        }
        JsonNode actionsNode = root.get("actions");
        if (actionsNode != null && !actionsNode.isNull()) {
            List<String> requested = strings(actionsNode, "actions");
            for (String action : requested) {
                if (!RegistryTokens.PULL.equals(action) && !RegistryTokens.PUSH.equals(action)) {
                    throw new InvalidParameter("actions: \"" + action + "\" is not an action; use pull or push");
                }
            }
            actions = Set.copyOf(requested);
        }
        JsonNode durationNode = root.get("durationSeconds");
        if (durationNode != null && !durationNode.isNull()) {
            if (!durationNode.isIntegralNumber() || !durationNode.canConvertToInt()
                    || durationNode.intValue() < MIN_DURATION_SECONDS || durationNode.intValue() > MAX_DURATION_SECONDS) {
                throw new InvalidParameter("durationSeconds must be an integer from " + MIN_DURATION_SECONDS + " to "
                        + MAX_DURATION_SECONDS + " (12 hours), was " + durationNode);
            }
            duration = Duration.ofSeconds(durationNode.intValue());
        }
        return new TokenRequest(repositories, actions, duration);
    }

    private static List<String> strings(JsonNode node, String field) throws InvalidParameter {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidParameter(field + " must be a non-empty array of strings, was " + node);
        }
        Set<String> values = new LinkedHashSet<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw new InvalidParameter(field + " must be an array of strings, holds " + element);
            }
            values.add(element.textValue());
        }
        return new ArrayList<>(values);
    }
}
