package io.longshore.registry.oci;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An inclusive byte range {@code [start, end]}, and the parsing of the headers that carry one. */
public record ByteRange(long start, long end) {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/(?:\\d+|\\*))?");

    public long length() {
        return end - start + 1;
    }

    /** A Range header asked for bytes the blob does not have (a 416 with {@code Content-Range: bytes *}). */
    public static final class Unsatisfiable extends Exception {
        public Unsatisfiable() {
            super("range not satisfiable", null, false, false);
        }
    }

    /**
     * The single range a GET's {@code Range} header asks for, within a blob of {@code size} bytes.
     * Empty when there is no header or one this server ignores (several ranges, another unit,
     * malformed), as RFC 9110 allows: the whole blob is sent then.
     */
    public static Optional<ByteRange> ofRangeHeader(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) { // suffix: the last N bytes
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(m.group(1));
            long end = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
            if (end < start) {
                return Optional.empty();
            }
            if (start >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(start, Math.min(end, size - 1)));
        } catch (NumberFormatException e) { // more digits than a long holds
            return Optional.empty();
        }
    }

    /**
     * The range of a chunk's {@code Content-Range} ({@code <start>-<end>}, the spec's form; a
     * {@code bytes } prefix and a {@code /total} suffix are tolerated). Empty when malformed.
     */
    public static Optional<ByteRange> ofContentRange(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = CONTENT_RANGE.matcher(header.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            long start = Long.parseLong(m.group(1));
            long end = Long.parseLong(m.group(2));
            return end < start ? Optional.empty() : Optional.of(new ByteRange(start, end));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The value of an upload's {@code Range} header: the bytes received so far as {@code 0-<last>}.
     * An empty upload is {@code 0-0}, as distribution answers (clients read it so).
     */
    public static String uploadRange(long size) {
        return "0-" + Math.max(0, size - 1);
    }
}
