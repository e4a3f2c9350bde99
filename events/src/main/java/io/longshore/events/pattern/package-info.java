/**
 * EventBridge event patterns, matched by AWS's own matcher (event-ruler): validating a pattern,
 * matching one pattern, and matching all the rules of an event bus in one compiled machine.
 */
package io.longshore.events.pattern;
