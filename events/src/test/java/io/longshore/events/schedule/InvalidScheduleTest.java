package io.longshore.events.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal says which member is wrong (ScheduleExpression or ScheduleExpressionTimezone) and why. */
class InvalidScheduleTest {

    private static void assertRefused(String expression, String timezone, String message) {
        assertThatThrownBy(() -> ScheduleExpression.parse(expression, timezone, Instant.EPOCH))
                .isInstanceOf(InvalidScheduleException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    static Stream<Arguments> expressions() {
        return Stream.of(
                // any kind
                Arguments.of("", "must not be empty"),
                Arguments.of(null, "must not be empty"),
                Arguments.of("every 5 minutes",
                        "must be rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss), got 'every 5 minutes'"),
                Arguments.of("rate(5 minutes",
                        "must be rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss), got 'rate(5 minutes'"),
                Arguments.of("Rate(5 minutes)",
                        "must be rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss), got 'Rate(5 minutes)'"),
                Arguments.of(" cron(0 12 * * ? *)",
                        "must be rate(value unit), cron(fields) or at(yyyy-mm-ddThh:mm:ss), got ' cron(0 12 * * ? *)'"),
                Arguments.of("rate(" + "1".repeat(300) + " minutes)", "must be at most 256 characters"),
                // rate
                Arguments.of("rate(1 minutes)", "rate unit must be singular when the value is 1 (rate(1 minute))"),
                Arguments.of("rate(1 hours)", "rate unit must be singular when the value is 1 (rate(1 hour))"),
                Arguments.of("rate(1 days)", "rate unit must be singular when the value is 1 (rate(1 day))"),
                Arguments.of("rate(5 minute)", "rate unit must be plural when the value is greater than 1 (rate(5 minutes))"),
                Arguments.of("rate(2 day)", "rate unit must be plural when the value is greater than 1 (rate(2 days))"),
                Arguments.of("rate(5 seconds)", "rate unit must be minute, minutes, hour, hours, day or days, got 'seconds'"),
                Arguments.of("rate(5 Minutes)", "rate unit must be minute, minutes, hour, hours, day or days, got 'Minutes'"),
                Arguments.of("rate(1 week)", "rate unit must be minute, minutes, hour, hours, day or days, got 'week'"),
                Arguments.of("rate(0 minutes)", "rate value must be a positive integer (at most 2147483647), got '0'"),
                Arguments.of("rate(-5 minutes)", "rate value must be a positive integer (at most 2147483647), got '-5'"),
                Arguments.of("rate(05 minutes)", "rate value must be a positive integer (at most 2147483647), got '05'"),
                Arguments.of("rate(1.5 hours)", "rate value must be a positive integer (at most 2147483647), got '1.5'"),
                Arguments.of("rate(2147483648 minutes)",
                        "rate value must be a positive integer (at most 2147483647), got '2147483648'"),
                Arguments.of("rate(five minutes)", "rate value must be a positive integer (at most 2147483647), got 'five'"),
                Arguments.of("rate(5  minutes)",
                        "rate must be rate(value unit), a value and a unit separated by one space, got 'rate(5  minutes)'"),
                Arguments.of("rate( 5 minutes)",
                        "rate must be rate(value unit), a value and a unit separated by one space, got 'rate( 5 minutes)'"),
                Arguments.of("rate(5 minutes )",
                        "rate must be rate(value unit), a value and a unit separated by one space, got 'rate(5 minutes )'"),
                Arguments.of("rate(5minutes)",
                        "rate must be rate(value unit), a value and a unit separated by one space, got 'rate(5minutes)'"),
                Arguments.of("rate()", "rate must be rate(value unit), a value and a unit separated by one space, got 'rate()'"),
                // cron: shape
                Arguments.of("cron(0 12 * * ?)",
                        "cron must have 6 fields (minutes hours day-of-month month day-of-week year), got 5"),
                Arguments.of("cron(0 0 12 * * ? *)",
                        "cron must have 6 fields (minutes hours day-of-month month day-of-week year), got 7"),
                Arguments.of("cron()", "cron must have 6 fields (minutes hours day-of-month month day-of-week year), got 0"),
                Arguments.of("cron(0  12 * * ? *)", "cron fields must be separated by single spaces, got 'cron(0  12 * * ? *)'"),
                Arguments.of("cron( 0 12 * * ? *)", "cron fields must be separated by single spaces, got 'cron( 0 12 * * ? *)'"),
                Arguments.of("cron(0\t12 * * ? *)", "cron fields must be separated by single spaces, got 'cron(0\t12 * * ? *)'"),
                // cron: day-of-month versus day-of-week
                Arguments.of("cron(0 12 * * MON *)", "cron day-of-month and day-of-week cannot both be specified; one must be ?"),
                Arguments.of("cron(0 12 * * * *)", "cron day-of-month and day-of-week cannot both be specified; one must be ?"),
                Arguments.of("cron(0 12 ? * ? *)", "cron day-of-month and day-of-week cannot both be ?; specify one of them"),
                // cron: values
                Arguments.of("cron(60 12 * * ? *)", "cron minutes value 60 is out of range 0-59"),
                Arguments.of("cron(0 24 * * ? *)", "cron hours value 24 is out of range 0-23"),
                Arguments.of("cron(0 0 0 * ? *)", "cron day-of-month value 0 is out of range 1-31"),
                Arguments.of("cron(0 0 32 * ? *)", "cron day-of-month value 32 is out of range 1-31"),
                Arguments.of("cron(0 0 1 13 ? *)", "cron month value 13 is out of range 1-12"),
                Arguments.of("cron(0 0 1 FOO ? *)", "cron month value 'FOO' is not a number or one of JAN-DEC"),
                Arguments.of("cron(0 0 ? * 0 *)", "cron day-of-week value 0 is out of range 1-7"),
                Arguments.of("cron(0 0 ? * 8 *)", "cron day-of-week value 8 is out of range 1-7"),
                Arguments.of("cron(0 0 ? * SUNDAY *)", "cron day-of-week value 'SUNDAY' is not a number or one of SUN-SAT"),
                Arguments.of("cron(0 0 1 * ? 1969)", "cron year value 1969 is out of range 1970-2199"),
                Arguments.of("cron(0 0 1 * ? 2200)", "cron year value 2200 is out of range 1970-2199"),
                Arguments.of("cron(x 0 1 * ? *)", "cron minutes value 'X' is not a number"),
                Arguments.of("cron(0 0 1-5-7 * ? *)", "cron day-of-month value '5-7' is not a number"),
                // cron: wildcards
                Arguments.of("cron(0 22-2 * * ? *)", "cron hours range 22-2 must go from low to high"),
                Arguments.of("cron(0 0 ? * FRI-MON *)", "cron day-of-week range FRI-MON must go from low to high"),
                Arguments.of("cron(*/0 * * * ? *)", "cron minutes increment must be a number from 1 to 59, got '0'"),
                Arguments.of("cron(*/60 * * * ? *)", "cron minutes increment must be a number from 1 to 59, got '60'"),
                Arguments.of("cron(0 0/ * * ? *)", "cron hours increment must be a number from 1 to 23, got ''"),
                Arguments.of("cron(0 0 1 1 ? 2024/300)", "cron year increment must be a number from 1 to 229, got '300'"),
                Arguments.of("cron(0 0 *,5 * ? *)", "cron day-of-month field '*,5': * cannot be combined with other values"),
                Arguments.of("cron(0 0 1,,5 * ? *)", "cron day-of-month field '1,,5' has an empty list item"),
                Arguments.of("cron(? 0 1 * ? *)", "cron minutes field '?': ? is only allowed in day-of-month and day-of-week"),
                Arguments.of("cron(0 0 1,? * ? *)", "cron day-of-month field '1,?': ? must stand alone"),
                Arguments.of("cron(0 L * * ? *)", "cron hours field 'L': L, W and # are only allowed in day-of-month and day-of-week"),
                Arguments.of("cron(0 0 1 * ? 2024#2)",
                        "cron year field '2024#2': L, W and # are only allowed in day-of-month and day-of-week"),
                Arguments.of("cron(0 0 ? * MON/2 *)", "cron day-of-week does not allow increments (/), got 'MON/2'"),
                Arguments.of("cron(0 0 ? * 6#6 *)", "cron day-of-week 6#6: the week after # must be 1 to 5"),
                Arguments.of("cron(0 0 ? * 6#0 *)", "cron day-of-week 6#0: the week after # must be 1 to 5"),
                Arguments.of("cron(0 0 ? * 9#2 *)", "cron day-of-week value 9 is out of range 1-7"),
                Arguments.of("cron(0 0 ? * 6L,2 *)", "cron day-of-week '6L,2': L and # must stand alone (L, 6L or 6#3)"),
                Arguments.of("cron(0 0 ? * 6#3,6#1 *)", "cron day-of-week '6#3,6#1': L and # must stand alone (L, 6L or 6#3)"),
                Arguments.of("cron(0 0 1,L * ? *)",
                        "cron day-of-month '1,L': L and W must stand alone (L, LW or a day such as 15W)"),
                Arguments.of("cron(0 0 1W,15 * ? *)",
                        "cron day-of-month '1W,15': L and W must stand alone (L, LW or a day such as 15W)"),
                Arguments.of("cron(0 0 L-3 * ? *)",
                        "cron day-of-month 'L-3': L and W must stand alone (L, LW or a day such as 15W)"),
                Arguments.of("cron(0 0 32W * ? *)", "cron day-of-month value 32 is out of range 1-31"),
                Arguments.of("cron(0 0 29W * ? *)", "cron day-of-month 29W is not supported: W takes a day from 1 to 28"
                        + " (use LW for the last weekday of the month)"),
                Arguments.of("cron(0 0 31W * ? *)", "cron day-of-month 31W is not supported: W takes a day from 1 to 28"
                        + " (use LW for the last weekday of the month)"),
                // at
                Arguments.of("at(2024-01-01 00:00:00)", "at must be at(yyyy-mm-ddThh:mm:ss), got 'at(2024-01-01 00:00:00)'"),
                Arguments.of("at(2024-01-01T00:00)", "at must be at(yyyy-mm-ddThh:mm:ss), got 'at(2024-01-01T00:00)'"),
                Arguments.of("at(2024-01-01T00:00:00Z)", "at must be at(yyyy-mm-ddThh:mm:ss), got 'at(2024-01-01T00:00:00Z)'"),
                Arguments.of("at(2024-02-30T00:00:00)", "at date-time '2024-02-30T00:00:00' does not exist"),
                Arguments.of("at(2023-02-29T00:00:00)", "at date-time '2023-02-29T00:00:00' does not exist"),
                Arguments.of("at(2024-13-01T00:00:00)", "at date-time '2024-13-01T00:00:00' does not exist"),
                Arguments.of("at(2024-01-01T24:00:00)", "at date-time '2024-01-01T24:00:00' does not exist"));
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void refusesExpression(String expression, String reason) {
        assertRefused(expression, null, "ScheduleExpression: " + reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Base", "+02:00", "GMT+2", "utc", " Europe/Berlin", "Europe/berlin"})
    void refusesUnknownTimezones(String timezone) {
        assertRefused("cron(0 12 * * ? *)", timezone, "ScheduleExpressionTimezone: unknown time zone '" + timezone + "'");
        assertRefused("at(2025-01-01T00:00:00)", timezone, "ScheduleExpressionTimezone: unknown time zone '" + timezone + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "Etc/UTC", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe"})
    void acceptsIanaZones(String timezone) {
        assertThat(ScheduleExpression.parse("cron(0 12 * * ? *)", timezone, null)).isInstanceOf(CronSchedule.class);
    }

    @Test
    void acceptsWhatAwsDocumentsAsExamples() {
        for (String expression : new String[] {
                "cron(0 10 * * ? *)", "cron(15 12 * * ? *)", "cron(0 18 ? * MON-FRI *)", "cron(0 8 1 * ? *)",
                "cron(0/15 * * * ? *)", "cron(0/10 * ? * MON-FRI *)", "cron(0/5 8-17 ? * MON-FRI *)",
                "cron(0 9 ? * 2#1 *)", "cron(15 10 ? * 6L 2019-2022)", "cron(0 12 L * ? *)", "cron(0 12 LW * ? *)",
                "cron(0 12 15W * ? *)", "cron(0 0 ? * L *)", "cron(0 9 ? * mon-fri *)",
                "rate(1 minute)", "rate(10 minutes)", "rate(1 hour)", "rate(1 day)", "at(2022-11-20T13:00:00)"}) {
            assertThat(ScheduleExpression.parse(expression, null, Instant.EPOCH).expression()).isEqualTo(expression);
        }
    }
}
