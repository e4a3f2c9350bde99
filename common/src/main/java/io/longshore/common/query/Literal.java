package io.longshore.common.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A value in a query, with its number and date readings worked out once at parse time (both are
 * derived from the text, so two literals with the same text are equal).
 *
 * @param text    the value as written
 * @param number  the value as a number, or null if it is not one
 * @param instant the value as a date ({@code 2018-02-13}, {@code 2018-02-13T22:28:28},
 *                {@code ...Z} or {@code ...+00:00}; local forms are UTC), or null
 */
public record Literal(String text, BigDecimal number, Instant instant) {

    public Literal {
        Objects.requireNonNull(text, "text");
    }

    public static Literal of(String text) {
        return new Literal(text, number(text), instant(text));
    }

    static BigDecimal number(String text) {
        if (text.isEmpty() || text.length() > 40) {
            return null;
        }
        char c = text.charAt(0);
        if (!(Character.isDigit(c) || c == '-' || c == '+' || c == '.')) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char d = text.charAt(i);
            if (!(Character.isDigit(d) || d == '-' || d == '+' || d == '.')) {
                return null; // no exponents, no hex: plain decimal numbers only
            }
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Instant instant(String text) {
        if (text.length() < 10 || !Character.isDigit(text.charAt(0))) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text.endsWith("Z") ? text.substring(0, text.length() - 1) + "+00:00"
                        : text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The text as it must be written to read back the same: bare if it can be, quoted otherwise. */
    String render() {
        boolean bare = !text.isEmpty() && !Parser.isKeyword(text);
        for (int i = 0; bare && i < text.length(); i++) {
            bare = Lexer.isBare(text.charAt(i));
        }
        return bare ? text : quote(text);
    }

    static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
