package io.longshore.agent.simulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Values drawn by weight: {@code {"m5.large": 3, "c5.xlarge": 1}} gives m5.large three times in
 * four. Iteration order is the order written, so a seed always draws the same values.
 */
public record WeightedChoice<T>(List<T> values, List<Double> weights) {

    public WeightedChoice {
        if (values.isEmpty() || values.size() != weights.size()) {
            throw new IllegalArgumentException("a weighted choice needs at least one value and one weight per value");
        }
        if (weights.stream().anyMatch(w -> w < 0 || w.isNaN() || w.isInfinite())
                || weights.stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("weights must be non-negative numbers, at least one of them positive");
        }
        values = List.copyOf(values);
        weights = List.copyOf(weights);
    }

    public static <T> WeightedChoice<T> of(Map<T, ? extends Number> weighted) {
        Map<T, ? extends Number> ordered = new LinkedHashMap<>(weighted);
        return new WeightedChoice<>(new ArrayList<>(ordered.keySet()),
                ordered.values().stream().map(Number::doubleValue).toList());
    }

    public static <T> WeightedChoice<T> only(T value) {
        return new WeightedChoice<>(List.of(value), List.of(1.0));
    }

    public T draw(SplittableRandom random) {
        double total = weights.stream().mapToDouble(Double::doubleValue).sum();
        double point = random.nextDouble() * total;
        for (int i = 0; i < values.size(); i++) {
            point -= weights.get(i);
            if (point < 0) {
                return values.get(i);
            }
        }
        for (int i = values.size() - 1; ; i--) { // rounding left the point at the very end
            if (weights.get(i) > 0) {
                return values.get(i);
            }
        }
    }
}
