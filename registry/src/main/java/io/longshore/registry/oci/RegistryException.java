package io.longshore.registry.oci;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the registry refuses: answered as {@code {"errors":[{"code","message","detail"}]}} with
 * {@link #status()} and any extra response headers (a 416 on an upload says where the upload is).
 */
public final class RegistryException extends RuntimeException {
    private final ErrorCode code;
    private final int status;
    private final transient Object detail;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public RegistryException(ErrorCode code, String message) {
        this(code, code.status(), message, null);
    }

    public RegistryException(ErrorCode code, String message, Object detail) {
        this(code, code.status(), message, detail);
    }

    public RegistryException(ErrorCode code, int status, String message, Object detail) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.detail = detail;
    }

    public RegistryException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
