package io.longshore.autoscaler.hosts;

import java.util.Collection;

/**
 * The loopback addresses hosts are given, {@code 127.0.1.1-127.0.1.254}: each host's agent
 * publishes task ports on its own address, so two hosts on one machine never collide on a port.
 */
public final class BindAddresses {
    private final long first;
    private final long last;

    public BindAddresses(String range) {
        String[] ends = range.split("-", -1);
        if (ends.length != 2) {
            throw new IllegalArgumentException("bind-ips: expected <first>-<last>, e.g. 127.0.1.1-127.0.1.254: " + range);
        }
        first = parse(ends[0].trim());
        last = parse(ends[1].trim());
        if (first > last) {
            throw new IllegalArgumentException("bind-ips: the first address is after the last: " + range);
        }
        if ((first >>> 24) != 127 || (last >>> 24) != 127) {
            throw new IllegalArgumentException("bind-ips: hosts bind loopback addresses only (127.x.x.x): " + range);
        }
    }

    /** The first address of the range that no live host uses. */
    public String next(Collection<String> used) {
        for (long a = first; a <= last; a++) {
            String address = format(a);
            if (!used.contains(address)) {
                return address;
            }
        }
        throw new IllegalStateException("every bind address of " + format(first) + "-" + format(last)
                + " is taken by a live host");
    }

    private static long parse(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bind-ips: not an IPv4 address: " + ip);
        }
        long value = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bind-ips: not an IPv4 address: " + ip);
            }
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("bind-ips: not an IPv4 address: " + ip);
            }
            value = value << 8 | octet;
        }
        return value;
    }

    private static String format(long a) {
        return (a >>> 24 & 255) + "." + (a >>> 16 & 255) + "." + (a >>> 8 & 255) + "." + (a & 255);
    }
}
