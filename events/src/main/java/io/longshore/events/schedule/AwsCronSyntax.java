package io.longshore.events.schedule;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's cron grammar, checked field by field before cron-utils sees the expression: cron-utils is
 * lenient where AWS is not ('/' in day-of-week, 'L' or 'W' inside a list, '#' beyond the fifth week)
 * and its messages do not say which field is wrong. Names are case-insensitive, as in Quartz.
 *
 * <pre>
 * field         values            wildcards
 * minutes       0-59              , - * /
 * hours         0-23              , - * /
 * day-of-month  1-31              , - * ? / L W   (L, LW and nW stand alone)
 * month         1-12 or JAN-DEC   , - * /
 * day-of-week   1-7 or SUN-SAT    , - * ? L #     (1 = SUN; L, nL and n#k stand alone)
 * year          1970-2199         , - * /
 * </pre>
 * Ranges go from low to high (no wrap-around such as 22-2). {@code nW} is limited to days 1-28:
 * cron-utils 9.2.1 throws instead of skipping a month that lacks the day; {@code LW} covers month ends.
 */
final class AwsCronSyntax {
    static final String FIELD_LIST = "minutes hours day-of-month month day-of-week year";

    private record Field(String name, int min, int max, List<String> names, boolean increments) {
        /** Names map to min, min+1, ... (JAN = 1, SUN = 1). */
        int valueOf(String token) {
            int value;
            if (token.matches("[0-9]{1,4}")) {
                value = Integer.parseInt(token);
            } else if (names.contains(token)) {
                return min + names.indexOf(token);
            } else {
                throw fail("cron " + name + " value '" + token + "' is not " + (names.isEmpty()
                        ? "a number" : "a number or one of " + names.get(0) + "-" + names.get(names.size() - 1)));
            }
            if (value < min || value > max) {
                throw fail("cron " + name + " value " + value + " is out of range " + min + "-" + max);
            }
            return value;
        }
    }

    private static final Field MINUTES = new Field("minutes", 0, 59, List.of(), true);
    private static final Field HOURS = new Field("hours", 0, 23, List.of(), true);
    private static final Field DAY_OF_MONTH = new Field("day-of-month", 1, 31, List.of(), true);
    private static final Field MONTH = new Field("month", 1, 12,
            List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), true);
    private static final Field DAY_OF_WEEK = new Field("day-of-week", 1, 7,
            List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"), false);
    private static final Field YEAR = new Field("year", 1970, 2199, List.of(), true);

    private static final Pattern NEAREST_WEEKDAY = Pattern.compile("([0-9]+)W");
    private static final Pattern LAST_WEEKDAY_OF_MONTH = Pattern.compile("([0-9A-Z]+)L");
    private static final Pattern NTH_WEEKDAY_OF_MONTH = Pattern.compile("([0-9A-Z]+)#([0-9]+)");
    private static final int LAST_SAFE_NEAREST_WEEKDAY = 28;

    private AwsCronSyntax() {
    }

    /**
     * Checks the body of {@code cron(...)} and returns it ready for cron-utils (names upper-cased).
     *
     * @throws InvalidScheduleException naming the field and what is wrong with it
     */
    static String check(String body) {
        if (!body.isEmpty() && !body.matches("\\S+( \\S+)*")) {
            throw fail("cron fields must be separated by single spaces, got 'cron(" + body + ")'");
        }
        String[] fields = body.isEmpty() ? new String[0] : body.toUpperCase(Locale.ROOT).split(" ");
        if (fields.length != 6) {
            throw fail("cron must have 6 fields (" + FIELD_LIST + "), got " + fields.length);
        }
        boolean anyDayOfMonth = fields[2].equals("?");
        boolean anyDayOfWeek = fields[4].equals("?");
        if (!anyDayOfMonth && !anyDayOfWeek) {
            throw fail("cron day-of-month and day-of-week cannot both be specified; one must be ?");
        }
        if (anyDayOfMonth && anyDayOfWeek) {
            throw fail("cron day-of-month and day-of-week cannot both be ?; specify one of them");
        }
        checkList(MINUTES, fields[0]);
        checkList(HOURS, fields[1]);
        checkDayOfMonth(fields[2]);
        checkList(MONTH, fields[3]);
        checkDayOfWeek(fields[4]);
        checkList(YEAR, fields[5]);
        return String.join(" ", fields);
    }

    private static void checkDayOfMonth(String text) {
        if (text.equals("?") || text.equals("L") || text.equals("LW")) {
            return;
        }
        Matcher nearest = NEAREST_WEEKDAY.matcher(text);
        if (nearest.matches()) {
            int day = DAY_OF_MONTH.valueOf(nearest.group(1));
            if (day > LAST_SAFE_NEAREST_WEEKDAY) {
                throw fail("cron day-of-month " + text + " is not supported: W takes a day from 1 to "
                        + LAST_SAFE_NEAREST_WEEKDAY + " (use LW for the last weekday of the month)");
            }
            return;
        }
        if (text.contains("L") || text.contains("W")) {
            throw fail("cron day-of-month '" + text + "': L and W must stand alone (L, LW or a day such as 15W)");
        }
        checkList(DAY_OF_MONTH, text);
    }

    private static void checkDayOfWeek(String text) {
        if (text.equals("?") || text.equals("L")) {
            return;
        }
        Matcher last = LAST_WEEKDAY_OF_MONTH.matcher(text);
        if (last.matches()) {
            DAY_OF_WEEK.valueOf(last.group(1));
            return;
        }
        Matcher nth = NTH_WEEKDAY_OF_MONTH.matcher(text);
        if (nth.matches()) {
            DAY_OF_WEEK.valueOf(nth.group(1));
            String week = nth.group(2);
            if (week.length() > 1 || week.charAt(0) < '1' || week.charAt(0) > '5') {
                throw fail("cron day-of-week " + text + ": the week after # must be 1 to 5");
            }
            return;
        }
        if (text.contains("#") || text.contains("L")) { // no day name contains an L
            throw fail("cron day-of-week '" + text + "': L and # must stand alone (L, 6L or 6#3)");
        }
        checkList(DAY_OF_WEEK, text);
    }

    /** A comma-separated list of *, values and ranges, each optionally followed by /increment. */
    private static void checkList(Field field, String text) {
        if (text.contains("?")) {
            throw fail("cron " + field.name() + " field '" + text + "': ? "
                    + (field == DAY_OF_MONTH || field == DAY_OF_WEEK ? "must stand alone" : "is only allowed in day-of-month and day-of-week"));
        }
        if (field.names().isEmpty() && (text.contains("L") || text.contains("W") || text.contains("#"))) {
            throw fail("cron " + field.name() + " field '" + text + "': L, W and # are only allowed in day-of-month and day-of-week");
        }
        String[] items = text.split(",", -1);
        for (String item : items) {
            if (item.isEmpty()) {
                throw fail("cron " + field.name() + " field '" + text + "' has an empty list item");
            }
            String base = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                if (!field.increments()) {
                    throw fail("cron " + field.name() + " does not allow increments (/), got '" + text + "'");
                }
                base = item.substring(0, slash);
                checkIncrement(field, item.substring(slash + 1));
            }
            if (base.equals("*")) {
                if (items.length > 1) {
                    throw fail("cron " + field.name() + " field '" + text + "': * cannot be combined with other values");
                }
                continue;
            }
            int dash = base.indexOf('-');
            if (dash < 0) {
                field.valueOf(base);
                continue;
            }
            int low = field.valueOf(base.substring(0, dash));
            int high = field.valueOf(base.substring(dash + 1));
            if (low > high) {
                throw fail("cron " + field.name() + " range " + base + " must go from low to high");
            }
        }
    }

    private static void checkIncrement(Field field, String text) {
        int largest = field.max() - field.min();
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > largest) {
            throw fail("cron " + field.name() + " increment must be a number from 1 to " + largest + ", got '" + text + "'");
        }
    }

    private static InvalidScheduleException fail(String message) {
        return InvalidScheduleException.expression(message);
    }
}
