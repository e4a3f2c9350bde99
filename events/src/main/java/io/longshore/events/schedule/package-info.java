/**
 * EventBridge schedule expressions ({@code rate}, {@code cron}, {@code at}) as pure functions of
 * the instants a caller passes in: {@link io.longshore.events.schedule.ScheduleExpression#parse}
 * validates with AWS's words, {@code nextAfter} says when to fire next and {@code latestDue} what a
 * firer owes after being down. Daylight-saving and missed-tick choices are on
 * {@link io.longshore.events.schedule.ScheduleExpression}.
 */
package io.longshore.events.schedule;
