package io.longshore.registry.oci;

/** The OCI Distribution Spec's error codes, with the HTTP status each normally comes with. */
public enum ErrorCode {
    BLOB_UNKNOWN(404),
    BLOB_UPLOAD_INVALID(400),
    BLOB_UPLOAD_UNKNOWN(404),
    DIGEST_INVALID(400),
    MANIFEST_BLOB_UNKNOWN(400),
    MANIFEST_INVALID(400),
    MANIFEST_UNKNOWN(404),
    NAME_INVALID(400),
    NAME_UNKNOWN(404),
    SIZE_INVALID(400),
    UNAUTHORIZED(401),
    DENIED(403),
    UNSUPPORTED(405),
    TOO_MANY_REQUESTS(429),
    /** distribution's code for a tag that may not be written (ECR's immutable tags). */
    TAG_INVALID(400),
    /** distribution's code for a bad {@code n} on a paginated list. */
    PAGINATION_NUMBER_INVALID(400),
    /** distribution's code for a failure of the registry itself. */
    UNKNOWN(500);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
