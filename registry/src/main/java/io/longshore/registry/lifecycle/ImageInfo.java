package io.longshore.registry.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a lifecycle policy looks at in one image of a repository: its manifest digest, its tags
 * (empty when untagged) and when it was pushed.
 */
public record ImageInfo(String digest, List<String> tags, Instant pushedAt) {
    public ImageInfo {
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(pushedAt, "pushedAt");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean tagged() {
        return !tags.isEmpty();
    }
}
