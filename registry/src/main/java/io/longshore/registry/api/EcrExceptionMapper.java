package io.longshore.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.longshore.registry.service.EcrException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps /v1 failures to ECR's error shape. */
public class EcrExceptionMapper {

    @ServerExceptionMapper
    public Response ecr(EcrException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(e.type(), e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(EcrException.INVALID_PARAMETER,
                        "the request body is not valid JSON: " + e.getOriginalMessage())).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorResponse(status == 404 ? "NotFoundException" : "InvalidParameterException",
                        e.getMessage())).build();
    }
}
