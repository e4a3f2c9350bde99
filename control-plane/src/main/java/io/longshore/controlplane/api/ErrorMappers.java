package io.longshore.controlplane.api;

import io.longshore.controlplane.service.ServiceException;
import io.longshore.controlplane.validation.InvalidRequestException;
import io.longshore.scaling.InvalidScalingRequestException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error in ECS's shape: a JSON body with {@code __type} and {@code message}, and the same
 * type in {@code x-amzn-ErrorType}. A user's mistake is a 4xx, never a 5xx (clients retry 5xx).
 */
public class ErrorMappers {
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return error(400, e.type(), e.getMessage());
    }

    /** Application Auto Scaling's rules broken: its error type, the message naming the member. */
    @ServerExceptionMapper
    public Response invalidScalingRequest(InvalidScalingRequestException e) {
        return error(400, "ValidationException", e.getMessage());
    }

    @ServerExceptionMapper
    public Response serviceException(ServiceException e) {
        return error(e.status(), e.type(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return error(status, "ServerException", "internal error");
        }
        String type = status == 404 ? "ResourceNotFoundException"
                : status == 405 ? "MethodNotAllowedException"
                : status == 415 ? "UnsupportedMediaTypeException" : "ClientException";
        return error(status, type, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("request failed", e);
        return error(500, "ServerException", "internal error: " + e.getClass().getSimpleName());
    }

    static Response error(int status, String type, String message) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("x-amzn-ErrorType", type)
                .entity(new ErrorResponse(type, message))
                .build();
    }
}
