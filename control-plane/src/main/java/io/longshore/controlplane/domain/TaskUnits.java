package io.longshore.controlplane.domain;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level CPU and memory as ECS accepts them: plain numbers (CPU units, MiB) or with a unit
 * ({@code "0.5 vCPU"}, {@code "2 GB"}). 1 vCPU = 1024 units; 1 GB = 1024 MiB.
 */
public final class TaskUnits {
    private static final Pattern VALUE = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*$");

    private TaskUnits() {
    }

    public static OptionalInt cpu(String value) {
        return parse(value, "vcpu", 1024);
    }

    public static OptionalInt memory(String value) {
        return parse(value, "gb", 1024);
    }

    private static OptionalInt parse(String value, String unit, int unitSize) {
        if (value == null) {
            return OptionalInt.empty();
        }
        Matcher m = VALUE.matcher(value);
        if (!m.matches()) {
            return OptionalInt.empty();
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2).toLowerCase(Locale.ROOT);
        if (suffix.equals(unit)) {
            number = number.multiply(BigDecimal.valueOf(unitSize));
        } else if (!suffix.isEmpty() && !(unit.equals("gb") && suffix.equals("mib"))) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(number.intValueExact());
        } catch (ArithmeticException e) {
            return OptionalInt.empty(); // fractional units or out of range
        }
    }
}
