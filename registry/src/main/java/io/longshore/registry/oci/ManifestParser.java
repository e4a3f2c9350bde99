package io.longshore.registry.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pushed manifest (OCI image manifest or index, Docker v2 schema 2 manifest or manifest
 * list) and checks its shape. The bytes themselves are stored and served unchanged; this only
 * extracts what the registry indexes. A problem is a MANIFEST_INVALID naming the member.
 */
public final class ManifestParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ManifestParser() {
    }

    /**
     * @param contentType the request's Content-Type, or null; when it names a manifest type, the
     *                    document's own mediaType (if any) must agree
     */
    public static ParsedManifest parse(byte[] content, String contentType) {
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw invalid("the manifest is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw invalid("the manifest is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("the manifest must be a JSON object");
        }
        String declared = text(root, "mediaType");
        String header = MediaTypes.essence(contentType);
        if (MediaTypes.DOCKER_SCHEMA1.equals(header) || MediaTypes.DOCKER_SCHEMA1_SIGNED.equals(header)
                || root.path("schemaVersion").asInt() == 1) {
            throw invalid("Docker image manifest schema 1 is not supported; push schema 2 or OCI");
        }
        if (!root.path("schemaVersion").isIntegralNumber() || root.path("schemaVersion").asInt() != 2) {
            throw invalid("schemaVersion: must be 2");
        }
        String mediaType;
        if (header != null && MediaTypes.isManifest(header)) {
            if (declared != null && !declared.equals(header)) {
                throw invalid("mediaType: " + declared + " differs from the Content-Type " + header);
            }
            mediaType = header;
        } else if (declared != null) {
            mediaType = declared;
        } else if (root.has("manifests")) {
            mediaType = MediaTypes.OCI_INDEX;
        } else {
            mediaType = MediaTypes.OCI_MANIFEST;
        }
        if (!MediaTypes.isManifest(mediaType)) {
            throw invalid("mediaType: unsupported manifest media type " + mediaType);
        }
        Descriptor subject = root.has("subject") ? descriptor(root.get("subject"), "subject") : null;
        String artifactType = text(root, "artifactType");
        String annotations = root.path("annotations").isObject() ? root.get("annotations").toString() : null;

        if (MediaTypes.INDEXES.contains(mediaType)) {
            JsonNode manifests = root.get("manifests");
            if (manifests == null || !manifests.isArray()) {
                throw invalid("manifests: an index must have a manifests array");
            }
            List<Descriptor> children = new ArrayList<>();
            long size = 0;
            for (int i = 0; i < manifests.size(); i++) {
                Descriptor d = descriptor(manifests.get(i), "manifests[" + i + "]");
                children.add(d);
                size += d.size();
            }
            return new ParsedManifest(mediaType, null, List.of(), List.copyOf(children), subject, artifactType,
                    annotations, size);
        }
        JsonNode configNode = root.get("config");
        if (configNode == null) {
            throw invalid("config: an image manifest must have a config descriptor");
        }
        Descriptor config = descriptor(configNode, "config");
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray()) {
            throw invalid("layers: an image manifest must have a layers array");
        }
        List<Descriptor> blobs = new ArrayList<>();
        blobs.add(config);
        long size = config.size();
        for (int i = 0; i < layers.size(); i++) {
            Descriptor layer = descriptor(layers.get(i), "layers[" + i + "]");
            size += layer.size();
            // Foreign (non-distributable) layers live elsewhere: they are not required here.
            if (!(layer.hasUrls() || MediaTypes.DOCKER_FOREIGN_LAYER.equals(layer.mediaType()))) {
                blobs.add(layer);
            }
        }
        return new ParsedManifest(mediaType, config, List.copyOf(blobs), List.of(), subject,
                artifactType != null ? artifactType : config.mediaType(), annotations, size);
    }

    private static Descriptor descriptor(JsonNode node, String field) {
        if (node == null || !node.isObject()) {
            throw invalid(field + ": must be a descriptor object");
        }
        String mediaType = text(node, "mediaType");
        if (mediaType == null) {
            throw invalid(field + ".mediaType: is required");
        }
        String digest = text(node, "digest");
        Digest parsed;
        try {
            parsed = Digest.parse(digest);
        } catch (RegistryException e) {
            throw invalid(field + ".digest: " + e.getMessage());
        }
        JsonNode size = node.get("size");
        if (size == null || !size.isIntegralNumber() || size.asLong() < 0) {
            throw invalid(field + ".size: must be a non-negative integer");
        }
        boolean urls = node.path("urls").isArray() && node.get("urls").size() > 0;
        return new Descriptor(mediaType, parsed, size.asLong(), text(node, "artifactType"), urls);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static RegistryException invalid(String message) {
        return new RegistryException(ErrorCode.MANIFEST_INVALID, message);
    }
}
