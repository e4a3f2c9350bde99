package io.longshore.scaling.capacity;

/** What one host of an auto scaling group offers (its "instance type"): CPU units and MiB. */
public record HostShape(int cpu, int memory) {
    public HostShape {
        if (cpu <= 0 || memory <= 0) {
            throw new IllegalArgumentException("a host offers positive cpu and memory");
        }
    }

    boolean holds(TaskNeed task) {
        return task.cpu() <= cpu && task.memory() <= memory;
    }
}
