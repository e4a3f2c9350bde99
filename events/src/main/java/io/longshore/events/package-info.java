/**
 * EventBridge's rules as pure code: event patterns (AWS's event-ruler), schedule expressions
 * (rate, cron, at) and what a target receives (Input, InputPath, InputTransformer). No IO, no
 * framework; the control plane's event rules use it.
 */
package io.longshore.events;
