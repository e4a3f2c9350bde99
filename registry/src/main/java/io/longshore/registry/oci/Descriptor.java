package io.longshore.registry.oci;

/** A content descriptor of a manifest: what it points at, its type and size. */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType, boolean hasUrls) {
}
