/**
 * What an EventBridge target receives for an event: the whole event, constant {@code Input}, an
 * {@code InputPath} into the event, or an {@code InputTransformer} (paths and a template) — with
 * the rules PutTargets enforces on each.
 */
package io.longshore.events.input;
