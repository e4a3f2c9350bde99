package io.longshore.registry.lifecycle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads a policy text field by field, so that every refusal can say where and why. */
final class LifecyclePolicyParser {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Set<String> POLICY_FIELDS = Set.of("rules");
    private static final Set<String> RULE_FIELDS = Set.of("rulePriority", "description", "selection", "action");
    private static final Set<String> SELECTION_FIELDS = Set.of("tagStatus", "tagPrefixList", "tagPatternList",
            "countType", "countUnit", "countNumber");
    private static final Set<String> ACTION_FIELDS = Set.of("type");
    /** The characters of an OCI tag; a pattern may also hold '*'. */
    private static final Pattern TAG_PREFIX = Pattern.compile("[A-Za-z0-9_.-]{1,128}");
    private static final Pattern TAG_PATTERN = Pattern.compile("[A-Za-z0-9_.*-]{1,128}");
    private static final int MAX_WILDCARDS = 4;

    private LifecyclePolicyParser() {
    }

    static LifecyclePolicy parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidLifecyclePolicyException("lifecyclePolicyText", "the lifecycle policy text is empty");
        }
        if (json.length() > LifecyclePolicy.MAX_TEXT_LENGTH) {
            throw new InvalidLifecyclePolicyException("lifecyclePolicyText", "the lifecycle policy text has "
                    + json.length() + " characters, more than the " + LifecyclePolicy.MAX_TEXT_LENGTH + " allowed");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidLifecyclePolicyException("lifecyclePolicyText",
                    "the lifecycle policy text is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidLifecyclePolicyException("lifecyclePolicyText", "the lifecycle policy must be a JSON object");
        }
        rejectUnknownFields(root, POLICY_FIELDS, "", "the policy");
        JsonNode rulesNode = root.get("rules");
        if (rulesNode == null || rulesNode.isNull()) {
            throw new InvalidLifecyclePolicyException("rules", "rules is required");
        }
        if (!rulesNode.isArray() || rulesNode.isEmpty()) {
            throw new InvalidLifecyclePolicyException("rules", "rules must be a non-empty array of rules");
        }
        List<LifecycleRule> rules = new ArrayList<>();
        for (int i = 0; i < rulesNode.size(); i++) {
            rules.add(parseRule(rulesNode.get(i), i));
        }
        checkAcrossRules(rules);
        return new LifecyclePolicy(rules);
    }

    private static LifecycleRule parseRule(JsonNode node, int index) {
        String where = "rules[" + index + "]";
        if (!node.isObject()) {
            throw new InvalidLifecyclePolicyException(where, where + " must be a JSON object");
        }
        JsonNode priorityNode = node.get("rulePriority");
        if (priorityNode == null || priorityNode.isNull()) {
            throw new InvalidLifecyclePolicyException(where + ".rulePriority", where + ": rulePriority is required");
        }
        if (!priorityNode.canConvertToInt() || !priorityNode.isIntegralNumber() || priorityNode.intValue() < 1) {
            throw new InvalidLifecyclePolicyException(where + ".rulePriority",
                    where + ": rulePriority must be an integer of at least 1, was " + priorityNode);
        }
        int priority = priorityNode.intValue();
        Rule rule = new Rule(where, priority);
        rejectUnknownFields(node, RULE_FIELDS, where + ".", rule.name());

        String description = null;
        JsonNode descriptionNode = node.get("description");
        if (descriptionNode != null && !descriptionNode.isNull()) {
            if (!descriptionNode.isTextual()) {
                throw rule.invalid("description", "must be a string");
            }
            description = descriptionNode.textValue();
        }

        JsonNode action = node.get("action");
        if (action == null || action.isNull()) {
            throw rule.invalid("action", "is required: {\"type\": \"expire\"}");
        }
        if (!action.isObject()) {
            throw rule.invalid("action", "must be an object: {\"type\": \"expire\"}");
        }
        rejectUnknownFields(action, ACTION_FIELDS, where + ".action.", rule.name());
        String actionType = text(action, "type", "action.type", rule);
        if (actionType == null) {
            throw rule.invalid("action.type", "is required; the only action is expire");
        }
        if (!"expire".equals(actionType)) {
            throw rule.invalid("action.type", "must be expire, was " + actionType);
        }

        JsonNode selection = node.get("selection");
        if (selection == null || selection.isNull()) {
            throw rule.invalid("selection", "is required");
        }
        if (!selection.isObject()) {
            throw rule.invalid("selection", "must be an object");
        }
        return new LifecycleRule(priority, description, parseSelection(selection, rule));
    }

    private static RuleSelection parseSelection(JsonNode node, Rule rule) {
        rejectUnknownFields(node, SELECTION_FIELDS, rule.where() + ".selection.", rule.name());

        String statusText = text(node, "tagStatus", "selection.tagStatus", rule);
        if (statusText == null) {
            throw rule.invalid("selection.tagStatus", "is required: tagged, untagged or any");
        }
        TagStatus status = TagStatus.fromJson(statusText);
        if (status == null) {
            throw rule.invalid("selection.tagStatus", "must be tagged, untagged or any, was " + statusText);
        }
        List<String> prefixes = stringList(node, "tagPrefixList", rule);
        List<String> patterns = stringList(node, "tagPatternList", rule);
        if (status == TagStatus.TAGGED) {
            if (prefixes == null && patterns == null) {
                throw rule.invalid("selection.tagPrefixList",
                        "or selection.tagPatternList is required when tagStatus is tagged");
            }
            if (prefixes != null && patterns != null) {
                throw rule.invalid("selection.tagPatternList",
                        "cannot be used together with selection.tagPrefixList in one rule; use two rules");
            }
            if (prefixes != null) {
                checkEntries(prefixes, "selection.tagPrefixList", TAG_PREFIX, "a tag prefix", rule);
            } else {
                checkEntries(patterns, "selection.tagPatternList", TAG_PATTERN, "a tag pattern", rule);
                for (int i = 0; i < patterns.size(); i++) {
                    long wildcards = patterns.get(i).chars().filter(c -> c == '*').count();
                    if (wildcards > MAX_WILDCARDS) {
                        throw rule.invalid("selection.tagPatternList[" + i + "]", "has " + wildcards
                                + " wildcards (*), more than the " + MAX_WILDCARDS + " allowed: " + patterns.get(i));
                    }
                }
            }
        } else {
            if (prefixes != null) {
                throw rule.invalid("selection.tagPrefixList", "is only allowed when tagStatus is tagged, not "
                        + statusText);
            }
            if (patterns != null) {
                throw rule.invalid("selection.tagPatternList", "is only allowed when tagStatus is tagged, not "
                        + statusText);
            }
        }

        String typeText = text(node, "countType", "selection.countType", rule);
        if (typeText == null) {
            throw rule.invalid("selection.countType", "is required: imageCountMoreThan or sinceImagePushed");
        }
        CountType type = CountType.fromJson(typeText);
        if (type == null) {
            throw rule.invalid("selection.countType", "must be imageCountMoreThan or sinceImagePushed, was " + typeText);
        }
        String unit = text(node, "countUnit", "selection.countUnit", rule);
        if (type == CountType.SINCE_IMAGE_PUSHED) {
            if (unit == null) {
                throw rule.invalid("selection.countUnit", "is required when countType is sinceImagePushed: days");
            }
            if (!"days".equals(unit)) {
                throw rule.invalid("selection.countUnit", "must be days, was " + unit);
            }
        } else if (unit != null) {
            throw rule.invalid("selection.countUnit", "is only allowed when countType is sinceImagePushed");
        }
        JsonNode numberNode = node.get("countNumber");
        if (numberNode == null || numberNode.isNull()) {
            throw rule.invalid("selection.countNumber", "is required");
        }
        if (!numberNode.isIntegralNumber() || !numberNode.canConvertToInt() || numberNode.intValue() < 1) {
            throw rule.invalid("selection.countNumber", "must be an integer of at least 1, was " + numberNode);
        }
        return new RuleSelection(status, prefixes, patterns, type, unit, numberNode.intValue());
    }

    private static void checkAcrossRules(List<LifecycleRule> rules) {
        Map<Integer, Integer> indexByPriority = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Integer previous = indexByPriority.putIfAbsent(rules.get(i).rulePriority(), i);
            if (previous != null) {
                throw new Rule("rules[" + i + "]", rules.get(i).rulePriority()).invalid("rulePriority",
                        "is also the rulePriority of rules[" + previous + "]; each rule needs its own");
            }
        }
        int highest = rules.stream().mapToInt(LifecycleRule::rulePriority).max().orElseThrow();
        Integer untaggedRule = null;
        Map<Set<String>, Integer> prefixSets = new HashMap<>();
        Map<Set<String>, Integer> patternSets = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            LifecycleRule rule = rules.get(i);
            Rule where = new Rule("rules[" + i + "]", rule.rulePriority());
            RuleSelection selection = rule.selection();
            if (selection.tagStatus() == TagStatus.ANY && rule.rulePriority() != highest) {
                throw where.invalid("rulePriority", "must be the highest of the policy (" + highest
                        + " is higher) because tagStatus any is evaluated last");
            }
            if (selection.tagStatus() == TagStatus.UNTAGGED) {
                if (untaggedRule != null) {
                    throw where.invalid("selection.tagStatus", "untagged is already selected by rules["
                            + untaggedRule + "]; only one rule may select untagged images");
                }
                untaggedRule = i;
            }
            if (!selection.tagPrefixList().isEmpty()) {
                Integer same = prefixSets.putIfAbsent(new HashSet<>(selection.tagPrefixList()), i);
                if (same != null) {
                    throw where.invalid("selection.tagPrefixList", "is the same set of tag prefixes as rules["
                            + same + "]'s; each rule needs its own set");
                }
            }
            if (!selection.tagPatternList().isEmpty()) {
                Integer same = patternSets.putIfAbsent(new HashSet<>(selection.tagPatternList()), i);
                if (same != null) {
                    throw where.invalid("selection.tagPatternList", "is the same set of tag patterns as rules["
                            + same + "]'s; each rule needs its own set");
                }
            }
        }
    }

    private static String text(JsonNode node, String field, String path, Rule rule) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw rule.invalid(path, "must be a string, was " + value);
        }
        return value.textValue();
    }

    private static List<String> stringList(JsonNode node, String field, Rule rule) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        String path = "selection." + field;
        if (!value.isArray()) {
            throw rule.invalid(path, "must be an array of strings, was " + value);
        }
        if (value.isEmpty()) {
            throw rule.invalid(path, "must not be empty");
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual()) {
                throw rule.invalid(path + "[" + i + "]", "must be a string, was " + value.get(i));
            }
            entries.add(value.get(i).textValue());
        }
        return entries;
    }

    private static void checkEntries(List<String> entries, String path, Pattern allowed, String what, Rule rule) {
        for (int i = 0; i < entries.size(); i++) {
            if (!allowed.matcher(entries.get(i)).matches()) {
                throw rule.invalid(path + "[" + i + "]", "\"" + entries.get(i) + "\" is not " + what
                        + " (1 to 128 of A-Z a-z 0-9 _ . -" + (allowed == TAG_PATTERN ? " and *" : "") + ")");
            }
        }
    }

    private static void rejectUnknownFields(JsonNode node, Set<String> known, String pathPrefix, String owner) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidLifecyclePolicyException(pathPrefix + name, owner + ": " + pathPrefix + name
                        + " is not a lifecycle policy field (known here: " + String.join(", ", known.stream().sorted().toList())
                        + ")");
            }
        }
    }

    /** Where a rule is, for messages: "rules[2] (rulePriority 30)". */
    private record Rule(String where, int priority) {
        String name() {
            return where + " (rulePriority " + priority + ")";
        }

        InvalidLifecyclePolicyException invalid(String field, String problem) {
            return new InvalidLifecyclePolicyException(where + "." + field, name() + ": " + field + " " + problem);
        }
    }
}
