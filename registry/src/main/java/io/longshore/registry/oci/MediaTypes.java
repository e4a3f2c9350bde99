package io.longshore.registry.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Manifest media types, and whether a request's {@code Accept} headers allow one. */
public final class MediaTypes {
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";
    public static final String DOCKER_FOREIGN_LAYER = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    public static final Set<String> IMAGES = Set.of(OCI_MANIFEST, DOCKER_MANIFEST);
    public static final Set<String> INDEXES = Set.of(OCI_INDEX, DOCKER_MANIFEST_LIST);

    private MediaTypes() {
    }

    public static boolean isManifest(String mediaType) {
        return IMAGES.contains(mediaType) || INDEXES.contains(mediaType);
    }

    /** The type without parameters, lower case; null for null or blank. */
    public static String essence(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a response of {@code mediaType} is acceptable under the given {@code Accept} header
     * values: yes when there are none, when one names it, or names {@code *}{@code /*} or
     * {@code type/*}, unless that range carries {@code q=0}.
     */
    public static boolean accepts(List<String> acceptHeaders, String mediaType) {
        List<String> ranges = new ArrayList<>();
        for (String header : acceptHeaders) {
            for (String part : header.split(",")) {
                if (!part.isBlank()) {
                    ranges.add(part.trim());
                }
            }
        }
        if (ranges.isEmpty()) {
            return true;
        }
        String type = mediaType.toLowerCase(Locale.ROOT);
        String major = type.substring(0, Math.max(0, type.indexOf('/')));
        for (String range : ranges) {
            String essence = essence(range);
            if (essence == null || range.replace(" ", "").matches(".*;q=0(\\.0*)?(;.*)?$")) {
                continue;
            }
            if (essence.equals(type) || "*/*".equals(essence) || essence.equals(major + "/*")) {
                return true;
            }
        }
        return false;
    }
}
