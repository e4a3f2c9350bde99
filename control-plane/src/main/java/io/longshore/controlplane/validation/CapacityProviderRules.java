package io.longshore.controlplane.validation;

import io.longshore.common.model.CapacityProviderStrategyItem;
import io.longshore.controlplane.domain.AutoScalingGroup;
import io.longshore.controlplane.domain.CapacityProvider;
import io.longshore.controlplane.domain.CapacityProvider.ManagedScaling;
import io.longshore.controlplane.domain.CapacityProviderArns;
import io.longshore.controlplane.domain.CreateAutoScalingGroup;
import io.longshore.controlplane.domain.CreateCapacityProvider;
import io.longshore.controlplane.domain.PutClusterCapacityProviders;
import io.longshore.controlplane.domain.UpdateAutoScalingGroup;
import io.longshore.controlplane.domain.UpdateCapacityProvider;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules of cluster auto scaling's requests, with ECS's and EC2 Auto Scaling's limits: auto
 * scaling groups, capacity providers, PutClusterCapacityProviders, and capacity provider strategies
 * (RunTask, CreateService, UpdateService, a cluster's default). Pure.
 */
public final class CapacityProviderRules {
    /** EC2 Auto Scaling's error type for a request it refuses. */
    public static final String VALIDATION_ERROR = "ValidationError";
    public static final int MAX_GROUP_SIZE = 100;
    public static final int MIN_INSTANCE_CPU = 128;
    public static final int MIN_INSTANCE_MEMORY = 128;
    public static final int MAX_STRATEGY_ITEMS = 6;
    public static final int MAX_BASE = 100_000;
    public static final int MAX_WEIGHT = 1_000;
    /** The attribute the provisioner gives each host; the autoscaler finds its hosts by it. */
    public static final String HOST_ID_ATTRIBUTE = "longshore.host-id";
    static final Pattern GROUP_NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    static final List<String> RESERVED_PROVIDER_PREFIXES = List.of("aws", "ecs", "fargate");

    private CapacityProviderRules() {
    }

    /** CreateAutoScalingGroup's rules; returns the request with its defaults applied. */
    public static CreateAutoScalingGroup validate(CreateAutoScalingGroup r) {
        Violations v = new Violations();
        if (r == null) {
            v.add("autoScalingGroupName", "is required");
            v.throwIfAny(VALIDATION_ERROR);
        }
        if (r.autoScalingGroupName() == null || r.autoScalingGroupName().isEmpty()) {
            v.add("autoScalingGroupName", "is required");
        } else if (!GROUP_NAME.matcher(r.autoScalingGroupName()).matches()) {
            v.add("autoScalingGroupName", "must be 1 to 255 letters, digits, hyphens, underscores or periods");
        }
        if (r.minSize() == null) {
            v.add("minSize", "is required");
        }
        if (r.maxSize() == null) {
            v.add("maxSize", "is required");
        }
        Integer desired = r.desiredCapacity() != null ? r.desiredCapacity() : r.minSize();
        if (r.minSize() != null && r.maxSize() != null) {
            sizes(v, r.minSize(), r.maxSize(), desired);
        }
        CreateAutoScalingGroup.InstanceType type = r.instanceType();
        if (type == null) {
            v.add("instanceType", "is required ({\"cpu\": <units>, \"memory\": <MiB>})");
        } else {
            if (type.cpu() == null || type.cpu() < MIN_INSTANCE_CPU) {
                v.add("instanceType.cpu", "must be at least " + MIN_INSTANCE_CPU + " CPU units");
            }
            if (type.memory() == null || type.memory() < MIN_INSTANCE_MEMORY) {
                v.add("instanceType.memory", "must be at least " + MIN_INSTANCE_MEMORY + " MiB");
            }
        }
        attributes(v, r.attributes());
        String provisioner = r.provisioner() == null ? AutoScalingGroup.DOCKER : r.provisioner();
        if (!AutoScalingGroup.DOCKER.equals(provisioner) && !AutoScalingGroup.PROCESS.equals(provisioner)) {
            v.add("provisioner", "must be docker or process");
        }
        v.throwIfAny(VALIDATION_ERROR);
        return new CreateAutoScalingGroup(r.autoScalingGroupName(), r.minSize(), r.maxSize(), desired, type,
                r.attributes() == null ? Map.of() : new TreeMap<>(r.attributes()), provisioner);
    }

    /** The sizes after an update. */
    public record Sizes(int minSize, int maxSize, int desiredCapacity) {
    }

    /**
     * UpdateAutoScalingGroup's rules against the group. As EC2 Auto Scaling, a new minSize above (or
     * maxSize below) the desired capacity, with no desired capacity given, moves it to that bound.
     */
    public static Sizes validate(AutoScalingGroup current, UpdateAutoScalingGroup r) {
        Violations v = new Violations();
        int min = r == null || r.minSize() == null ? current.minSize() : r.minSize();
        int max = r == null || r.maxSize() == null ? current.maxSize() : r.maxSize();
        int desired;
        if (r != null && r.desiredCapacity() != null) {
            desired = r.desiredCapacity();
        } else {
            desired = Math.max(min, Math.min(max, current.desiredCapacity()));
        }
        sizes(v, min, max, desired);
        v.throwIfAny(VALIDATION_ERROR);
        return new Sizes(min, max, desired);
    }

    /** 0 ≤ min ≤ desired ≤ max ≤ {@link #MAX_GROUP_SIZE}. */
    private static void sizes(Violations v, int min, int max, int desired) {
        int before = v.size();
        if (min < 0 || min > MAX_GROUP_SIZE) {
            v.add("minSize", "must be between 0 and " + MAX_GROUP_SIZE);
        }
        if (max < 0 || max > MAX_GROUP_SIZE) {
            v.add("maxSize", "must be between 0 and " + MAX_GROUP_SIZE);
        } else if (max < min) {
            v.add("maxSize", "must be at least minSize (" + min + ")");
        }
        // Between bounds that are themselves wrong, the desired capacity has nothing to be checked against.
        if (v.size() == before && (desired < min || desired > max)) {
            v.add("desiredCapacity", "must be between minSize (" + min + ") and maxSize (" + max + ")");
        }
    }

    /** Custom attributes' rules (PutAttributes'), and the host id attribute is the provisioner's. */
    private static void attributes(Violations v, Map<String, String> attributes) {
        if (attributes == null) {
            return;
        }
        if (attributes.size() > AttributeRules.MAX_ATTRIBUTES) {
            v.add("attributes", "at most " + AttributeRules.MAX_ATTRIBUTES + " attributes are allowed");
            return;
        }
        new TreeMap<>(attributes).forEach((name, value) -> {
            String p = "attributes." + name;
            if (!AttributeRules.NAME.matcher(name).matches()) {
                v.add(p, "the name must be 1 to 128 letters, digits, hyphens, underscores, slashes or periods");
            } else if (name.startsWith(AttributeRules.RESERVED_PREFIX)) {
                v.add(p, "built-in attributes (" + AttributeRules.RESERVED_PREFIX + "*) are the agent's");
            } else if (name.equals(HOST_ID_ATTRIBUTE)) {
                v.add(p, "is set by the provisioner on each host");
            }
            if (value == null || value.isEmpty() || value.length() > 128) {
                v.add(p, "the value must be 1 to 128 characters");
            }
        });
    }

    /** A checked CreateCapacityProvider: the group's name (from its ARN or name) and the settings with defaults. */
    public record ValidCapacityProvider(String name, String groupReference, String groupName,
                                        ManagedScaling managedScaling, String managedTerminationProtection) {
    }

    public static ValidCapacityProvider validate(CreateCapacityProvider r) {
        Violations v = new Violations();
        if (r == null) {
            v.add("name", "is required");
            v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        }
        v.name("name", r.name());
        if (r.name() != null) {
            String lower = r.name().toLowerCase(Locale.ROOT);
            if (RESERVED_PROVIDER_PREFIXES.stream().anyMatch(lower::startsWith)) {
                v.add("name", "must not start with aws, ecs or fargate");
            }
        }
        CreateCapacityProvider.AutoScalingGroupProvider provider = r.autoScalingGroupProvider();
        String groupName = null;
        ManagedScaling scaling = ManagedScaling.DEFAULTS;
        String protection = CapacityProvider.ENABLED;
        if (provider == null) {
            v.add("autoScalingGroupProvider", "is required");
        } else {
            String reference = provider.autoScalingGroupArn();
            if (Violations.isBlank(reference)) {
                v.add("autoScalingGroupProvider.autoScalingGroupArn", "is required (the group's ARN or name)");
            } else {
                groupName = CapacityProviderArns.groupName(reference);
                if (groupName == null || !GROUP_NAME.matcher(groupName).matches()) {
                    v.add("autoScalingGroupProvider.autoScalingGroupArn",
                            "must be an auto scaling group's ARN or name");
                }
            }
            scaling = managedScaling(v, provider.managedScaling(), ManagedScaling.DEFAULTS);
            protection = enabledOrDisabled(v, "autoScalingGroupProvider.managedTerminationProtection",
                    provider.managedTerminationProtection(), CapacityProvider.ENABLED);
        }
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return new ValidCapacityProvider(r.name(), provider.autoScalingGroupArn(), groupName, scaling, protection);
    }

    /** UpdateCapacityProvider's settings over the provider's: what the request leaves out stays. */
    public static CapacityProvider validate(CapacityProvider current, UpdateCapacityProvider r, Instant now) {
        Violations v = new Violations();
        CreateCapacityProvider.AutoScalingGroupProvider provider = r == null ? null : r.autoScalingGroupProvider();
        if (provider == null) {
            v.add("autoScalingGroupProvider", "is required");
            v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        }
        if (provider.autoScalingGroupArn() != null
                && !provider.autoScalingGroupArn().equals(current.autoScalingGroupArn())
                && !provider.autoScalingGroupArn().equals(current.autoScalingGroupName())) {
            v.add("autoScalingGroupProvider.autoScalingGroupArn", "the group of a capacity provider cannot change");
        }
        ManagedScaling scaling = managedScaling(v, provider.managedScaling(), current.managedScaling());
        String protection = enabledOrDisabled(v, "autoScalingGroupProvider.managedTerminationProtection",
                provider.managedTerminationProtection(), current.managedTerminationProtection());
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return current.updated(scaling, protection, now);
    }

    private static ManagedScaling managedScaling(Violations v, CreateCapacityProvider.ManagedScaling r,
                                                 ManagedScaling base) {
        if (r == null) {
            return base;
        }
        String p = "autoScalingGroupProvider.managedScaling.";
        String status = enabledOrDisabled(v, p + "status", r.status(), base.status());
        int target = range(v, p + "targetCapacity", r.targetCapacity(), base.targetCapacity(), 1, 100);
        int min = range(v, p + "minimumScalingStepSize", r.minimumScalingStepSize(), base.minimumScalingStepSize(),
                1, 10_000);
        int max = range(v, p + "maximumScalingStepSize", r.maximumScalingStepSize(), base.maximumScalingStepSize(),
                1, 10_000);
        int warmup = range(v, p + "instanceWarmupPeriod", r.instanceWarmupPeriod(), base.instanceWarmupPeriod(),
                0, 10_000);
        if (max < min) {
            v.add(p + "maximumScalingStepSize", "must be at least minimumScalingStepSize (" + min + ")");
        }
        return new ManagedScaling(status, target, min, max, warmup);
    }

    private static int range(Violations v, String field, Integer value, int fallback, int from, int to) {
        if (value == null) {
            return fallback;
        }
        if (value < from || value > to) {
            v.add(field, "must be between " + from + " and " + to);
            return fallback;
        }
        return value;
    }

    private static String enabledOrDisabled(Violations v, String field, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!CapacityProvider.ENABLED.equals(value) && !CapacityProvider.DISABLED.equals(value)) {
            v.add(field, "must be ENABLED or DISABLED");
            return fallback;
        }
        return value;
    }

    /** PutClusterCapacityProviders' rules that need nothing but the request; returns it with no nulls. */
    public static PutClusterCapacityProviders validate(PutClusterCapacityProviders r) {
        Violations v = new Violations();
        if (r == null || r.capacityProviders() == null) {
            v.add("capacityProviders", "is required (an empty list removes them all)");
            v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < r.capacityProviders().size(); i++) {
            String name = r.capacityProviders().get(i);
            if (Violations.isBlank(name)) {
                v.add("capacityProviders[" + i + "]", "is required");
            } else if (!names.add(name)) {
                v.add("capacityProviders[" + i + "]", "names " + name + " more than once");
            }
        }
        List<CapacityProviderStrategyItem> strategy = r.defaultCapacityProviderStrategy() == null
                ? List.of() : r.defaultCapacityProviderStrategy();
        strategy(v, "defaultCapacityProviderStrategy", strategy);
        for (int i = 0; i < strategy.size(); i++) {
            CapacityProviderStrategyItem item = strategy.get(i);
            if (item != null && !Violations.isBlank(item.capacityProvider()) && !names.contains(item.capacityProvider())) {
                v.add("defaultCapacityProviderStrategy[" + i + "].capacityProvider", "capacity provider "
                        + item.capacityProvider() + " is not in capacityProviders");
            }
        }
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
        return new PutClusterCapacityProviders(List.copyOf(r.capacityProviders()), List.copyOf(strategy));
    }

    /**
     * A capacity provider strategy's own rules: at most {@link #MAX_STRATEGY_ITEMS} entries, each
     * naming a provider once, base 0 to {@link #MAX_BASE} (at most one entry with a base), weight 0 to
     * {@link #MAX_WEIGHT}, and some weight above 0.
     */
    static void strategy(Violations v, String field, List<CapacityProviderStrategyItem> items) {
        if (items.isEmpty()) {
            return;
        }
        if (items.size() > MAX_STRATEGY_ITEMS) {
            v.add(field, "at most " + MAX_STRATEGY_ITEMS + " capacity providers are allowed in a strategy");
            return;
        }
        Set<String> seen = new HashSet<>();
        int withBase = 0;
        boolean weighted = false;
        for (int i = 0; i < items.size(); i++) {
            String p = field + "[" + i + "]";
            CapacityProviderStrategyItem item = items.get(i);
            if (item == null) {
                v.add(p, "is required");
                continue;
            }
            if (Violations.isBlank(item.capacityProvider())) {
                v.add(p + ".capacityProvider", "is required");
            } else if (!seen.add(item.capacityProvider())) {
                v.add(p + ".capacityProvider", "names " + item.capacityProvider() + " more than once");
            }
            if (item.base() < 0 || item.base() > MAX_BASE) {
                v.add(p + ".base", "must be between 0 and " + MAX_BASE);
            } else if (item.base() > 0 && ++withBase > 1) {
                v.add(p + ".base", "only one capacity provider in a strategy may have a base");
            }
            if (item.weight() < 0 || item.weight() > MAX_WEIGHT) {
                v.add(p + ".weight", "must be between 0 and " + MAX_WEIGHT);
            } else if (item.weight() > 0) {
                weighted = true;
            }
        }
        if (!weighted) {
            v.add(field, "at least one capacity provider must have a weight greater than 0");
        }
    }

    /**
     * RunTask's and CreateService's rules for a strategy and a launch type: they exclude each other,
     * and the launch type is EC2 (container instances). Returns the strategy (empty when absent).
     */
    static List<CapacityProviderStrategyItem> strategyOrLaunchType(Violations v,
                                                                   List<CapacityProviderStrategyItem> strategy,
                                                                   String launchType) {
        List<CapacityProviderStrategyItem> items = strategy == null ? List.of() : strategy;
        if (launchType != null && !items.isEmpty()) {
            v.add("capacityProviderStrategy", "and launchType cannot both be given");
        } else if (launchType != null && !"EC2".equals(launchType)) {
            v.add("launchType", "must be EC2 (tasks run on container instances)");
        }
        strategy(v, "capacityProviderStrategy", items);
        // Not copied: it may hold a null entry, which the rules above have refused already.
        return items;
    }

    /**
     * The strategy a RunTask or CreateService runs its tasks by: the one it gave (its providers must be
     * the cluster's); else, when it named no launch type either, the cluster's default; else none.
     */
    public static List<CapacityProviderStrategyItem> resolveStrategy(String cluster, List<String> clusterProviders,
                                                                     List<CapacityProviderStrategyItem> clusterDefault,
                                                                     List<CapacityProviderStrategyItem> given,
                                                                     String launchType) {
        if (!given.isEmpty()) {
            checkAssociated("capacityProviderStrategy", given, cluster, clusterProviders);
            return List.copyOf(given);
        }
        return launchType == null ? clusterDefault : List.of();
    }

    /**
     * The strategy's providers must be the cluster's ({@code field} names where the strategy came from).
     * Nothing to check for an empty strategy.
     */
    public static void checkAssociated(String field, List<CapacityProviderStrategyItem> strategy, String cluster,
                                       List<String> clusterProviders) {
        Violations v = new Violations();
        for (int i = 0; i < strategy.size(); i++) {
            String provider = strategy.get(i).capacityProvider();
            if (!clusterProviders.contains(provider)) {
                v.add(field + "[" + i + "].capacityProvider", "capacity provider " + provider
                        + " is not associated with cluster " + cluster);
            }
        }
        v.throwIfAny(InvalidRequestException.INVALID_PARAMETER);
    }
}
