/** Pure rules of auto scaling: no Quarkus, Kafka or database types; time comes from the caller. */
package io.longshore.scaling;
