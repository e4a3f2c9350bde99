package io.longshore.registry.service;

/** An ECR API error: {@code {"__type": type, "message": message}} with an HTTP status. */
public final class EcrException extends RuntimeException {
    public static final String NOT_FOUND = "RepositoryNotFoundException";
    public static final String ALREADY_EXISTS = "RepositoryAlreadyExistsException";
    public static final String NOT_EMPTY = "RepositoryNotEmptyException";
    public static final String INVALID_PARAMETER = "InvalidParameterException";

    private final int status;
    private final String type;

    public EcrException(int status, String type, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
    }

    public static EcrException notFound(String name) {
        return new EcrException(404, NOT_FOUND, "The repository with name '" + name
                + "' does not exist in the registry with id '" + io.longshore.common.model.Arns.ACCOUNT + "'");
    }

    public static EcrException invalid(String message) {
        return new EcrException(400, INVALID_PARAMETER, message);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
