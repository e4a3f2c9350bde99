package io.longshore.events.pattern;

/**
 * What the machine knows a sub-rule by: its rule and its place among the rule's {@code $or}
 * branches. Each branch gets a name of its own because event-ruler 2.1.0 loses matches when
 * branches of one name overlap: {@code {"$or": [{"c": ["blue"]}, {"c": ["blue", "Red"]}]}} does not
 * match "Red". Found by {@code RuleMachinePropertiesTest}.
 */
record Branch(String rule, int index) {
}
