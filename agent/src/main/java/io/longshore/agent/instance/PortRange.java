package io.longshore.agent.instance;

/** An inclusive range of host ports, parsed from {@code from-to}. */
public record PortRange(int from, int to) {

    public PortRange {
        if (from < 1 || to > 65535 || from > to) {
            throw new IllegalArgumentException("longshore.agent.ephemeral-ports must be from-to within 1-65535 with from <= to, got "
                    + from + "-" + to);
        }
    }

    public static PortRange parse(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("longshore.agent.ephemeral-ports must look like 49153-65535, got '" + text + "'");
        }
        try {
            return new PortRange(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("longshore.agent.ephemeral-ports must look like 49153-65535, got '" + text + "'");
        }
    }
}
