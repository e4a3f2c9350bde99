package io.longshore.loadtest.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;

/** Sends one API call; the seam between the load generator and the network. */
public interface HttpTransport {

    /** An answer: its status and its JSON body (a missing node when it had none or it was not JSON). */
    record ApiResponse(int status, JsonNode body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The error's message as the API words it, for logs and the report. */
        public String error() {
            String message = body == null ? "" : body.path("message").asText(body.path("Message").asText(""));
            return "HTTP " + status + (message.isEmpty() ? "" : ": " + message);
        }
    }

    /** @param body null for none */
    CompletableFuture<ApiResponse> send(String method, String path, JsonNode body);
}
