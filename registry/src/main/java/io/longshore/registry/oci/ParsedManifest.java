package io.longshore.registry.oci;

import java.util.List;

/**
 * What the registry needs to know of a manifest: its type, the blobs and manifests it refers to,
 * its subject (referrers API) and artifact type, and its image size (config plus layers, as ECR
 * reports it).
 *
 * @param blobs        config and layers that must be present in the repository
 * @param manifests    manifests of an index that must be present in the repository
 * @param artifactType the manifest's artifactType, else (image manifests) its config's media type
 * @param annotationsJson the manifest's annotations as a JSON object, or null
 */
public record ParsedManifest(String mediaType, Descriptor config, List<Descriptor> blobs,
                             List<Descriptor> manifests, Descriptor subject, String artifactType,
                             String annotationsJson, long imageSize) {

    public boolean isIndex() {
        return MediaTypes.INDEXES.contains(mediaType);
    }

    public String configMediaType() {
        return config == null ? null : config.mediaType();
    }
}
