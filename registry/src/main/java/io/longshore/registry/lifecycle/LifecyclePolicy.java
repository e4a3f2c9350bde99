package io.longshore.registry.lifecycle;

import java.util.Comparator;
import java.util.List;

/**
 * An ECR lifecycle policy: rules that expire images of one repository by tag and by count or age.
 * User text goes through {@link #parse}, which accepts what ECR accepts (the constructor, for code
 * and tests, only orders the rules):
 *
 * <pre>{@code
 * {"rules":[{"rulePriority":1,"description":"...",
 *            "selection":{"tagStatus":"tagged|untagged|any","tagPrefixList":["v"],"tagPatternList":["prod*"],
 *                         "countType":"imageCountMoreThan|sinceImagePushed","countUnit":"days","countNumber":N},
 *            "action":{"type":"expire"}}]}
 * }</pre>
 *
 * Validation (each failure names the rule and the field):
 * <ul>
 *   <li>{@code rules} is a non-empty array; {@code rulePriority} an integer ≥ 1, unique;</li>
 *   <li>{@code tagStatus} tagged needs exactly one of {@code tagPrefixList} / {@code tagPatternList}
 *       (non-empty lists of tag characters, a pattern with at most four {@code *}); untagged and any
 *       take neither;</li>
 *   <li>a rule with tagStatus any has the highest rulePriority (so there is at most one);</li>
 *   <li>at most one rule selects untagged images;</li>
 *   <li>no two rules have the same set of tag prefixes (or of tag patterns);</li>
 *   <li>{@code countUnit} is required with, and only allowed with, sinceImagePushed, and is
 *       {@code days}; {@code countNumber} is an integer ≥ 1;</li>
 *   <li>{@code action.type} is {@code expire};</li>
 *   <li>any other field is refused (ECR's newer storage-class archiving is not supported).</li>
 * </ul>
 *
 * @param rules ordered by rulePriority, lowest first
 */
public record LifecyclePolicy(List<LifecycleRule> rules) {
    /** ECR's limit on {@code lifecyclePolicyText}. */
    public static final int MAX_TEXT_LENGTH = 30_720;

    public LifecyclePolicy {
        rules = rules.stream().sorted(Comparator.comparingInt(LifecycleRule::rulePriority)).toList();
    }

    /**
     * Parses and validates a policy text.
     *
     * @throws InvalidLifecyclePolicyException naming the rule and the field, when ECR would refuse it
     */
    public static LifecyclePolicy parse(String json) {
        return LifecyclePolicyParser.parse(json);
    }
}
