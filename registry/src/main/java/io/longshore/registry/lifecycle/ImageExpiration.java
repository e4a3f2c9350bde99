package io.longshore.registry.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * An image a lifecycle policy expires, in the shape of ECR's {@code LifecyclePolicyPreviewResult}:
 * {@code {imageDigest, imageTags, imagePushedAt, action: {type: "EXPIRE"}, appliedRulePriority}}.
 */
public record ImageExpiration(String imageDigest, List<String> imageTags, Instant imagePushedAt, Action action,
                              int appliedRulePriority) {
    public ImageExpiration {
        imageTags = List.copyOf(imageTags);
    }

    /** ECR's {@code LifecyclePolicyRuleAction}; its only type is {@code EXPIRE}. */
    public record Action(String type) {
        public static final Action EXPIRE = new Action("EXPIRE");
    }

    static ImageExpiration of(ImageInfo image, int rulePriority) {
        return new ImageExpiration(image.digest(), image.tags(), image.pushedAt(), Action.EXPIRE, rulePriority);
    }
}
