package io.longshore.registry.oci;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a path under {@code /v2/} addresses. Repository names contain slashes, so the endpoint is
 * found from the end of the path (the last {@code /manifests/}, {@code /blobs/} ...); the name is
 * returned as it came and checked by the caller.
 */
public record V2Path(Kind kind, String name, String reference) {
    public enum Kind { BASE, CATALOG, MANIFEST, BLOB, UPLOADS, UPLOAD, TAGS, REFERRERS, UNKNOWN }

    private static final Pattern TAGS = Pattern.compile("(.+)/tags/list");
    private static final Pattern MANIFEST = Pattern.compile("(.+)/manifests/([^/]+)");
    private static final Pattern REFERRERS = Pattern.compile("(.+)/referrers/([^/]+)");
    private static final Pattern UPLOADS = Pattern.compile("(.+)/blobs/uploads/?");
    private static final Pattern UPLOAD = Pattern.compile("(.+)/blobs/uploads/([^/]+)");
    private static final Pattern BLOB = Pattern.compile("(.+)/blobs/([^/]+)");

    /** Parses the raw (not decoded) request path, which starts with {@code /v2}. */
    public static V2Path parse(String path) {
        if (path == null || !path.startsWith("/v2")) {
            return unknown();
        }
        String rest = path.substring(3);
        if (rest.isEmpty() || "/".equals(rest)) {
            return new V2Path(Kind.BASE, null, null);
        }
        if (!rest.startsWith("/")) {
            return unknown();
        }
        rest = rest.substring(1);
        if ("_catalog".equals(rest)) {
            return new V2Path(Kind.CATALOG, null, null);
        }
        Matcher m;
        if ((m = TAGS.matcher(rest)).matches()) {
            return new V2Path(Kind.TAGS, m.group(1), null);
        }
        if ((m = UPLOADS.matcher(rest)).matches()) {
            return new V2Path(Kind.UPLOADS, m.group(1), null);
        }
        if ((m = UPLOAD.matcher(rest)).matches()) {
            return new V2Path(Kind.UPLOAD, m.group(1), m.group(2));
        }
        if ((m = MANIFEST.matcher(rest)).matches()) {
            return new V2Path(Kind.MANIFEST, m.group(1), m.group(2));
        }
        if ((m = REFERRERS.matcher(rest)).matches()) {
            return new V2Path(Kind.REFERRERS, m.group(1), m.group(2));
        }
        if ((m = BLOB.matcher(rest)).matches()) {
            return new V2Path(Kind.BLOB, m.group(1), m.group(2));
        }
        return unknown();
    }

    private static V2Path unknown() {
        return new V2Path(Kind.UNKNOWN, null, null);
    }
}
