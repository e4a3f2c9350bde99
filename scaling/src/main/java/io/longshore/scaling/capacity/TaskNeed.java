package io.longshore.scaling.capacity;

/** What a task waiting in PROVISIONING reserves: CPU units and MiB. */
public record TaskNeed(int cpu, int memory) {
}
