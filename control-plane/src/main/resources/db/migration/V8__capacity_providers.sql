-- Cluster auto scaling: auto scaling groups of hosts (our stand-in for EC2 Auto Scaling groups),
-- ECS capacity providers on them, their association with a cluster, the groups' scaling activities,
-- and the capacity provider each task, service and container instance runs on.
CREATE TABLE auto_scaling_group (
    name               VARCHAR(255)  PRIMARY KEY,
    arn                VARCHAR(1600) NOT NULL,
    min_size           INTEGER       NOT NULL,
    max_size           INTEGER       NOT NULL,
    desired_capacity   INTEGER       NOT NULL,
    instance_cpu       INTEGER       NOT NULL,
    instance_memory    INTEGER       NOT NULL,
    -- JSON object: the custom attributes every host registers with.
    attributes         TEXT          NOT NULL,
    provisioner        VARCHAR(16)   NOT NULL,
    -- JSON array of host ids, and the time of the autoscaler's GroupStatus they came from (null before one),
    -- so that an older status read late changes nothing.
    instances          TEXT          NOT NULL,
    status_at          TIMESTAMPTZ,
    created_at         TIMESTAMPTZ   NOT NULL,
    updated_at         TIMESTAMPTZ   NOT NULL
);

-- An INACTIVE (deleted) provider stays describable; its name may be taken again, which reuses the row.
-- No foreign key to the group: an INACTIVE provider outlives its group.
CREATE TABLE capacity_provider (
    name                            VARCHAR(255)  PRIMARY KEY,
    arn                             VARCHAR(512)  NOT NULL,
    status                          VARCHAR(16)   NOT NULL,
    auto_scaling_group_name         VARCHAR(255)  NOT NULL,
    auto_scaling_group_arn          VARCHAR(1600) NOT NULL,
    -- JSON ManagedScaling, defaults applied.
    managed_scaling                 TEXT          NOT NULL,
    managed_termination_protection  VARCHAR(16)   NOT NULL,
    -- PutClusterCapacityProviders: the one cluster it is associated with (null: none).
    cluster                         VARCHAR(255)  REFERENCES clusters (name),
    update_status                   VARCHAR(32),
    created_at                      TIMESTAMPTZ   NOT NULL,
    updated_at                      TIMESTAMPTZ   NOT NULL
);
-- A group belongs to at most one capacity provider that is not deleted.
CREATE UNIQUE INDEX capacity_provider_group ON capacity_provider (auto_scaling_group_name) WHERE status = 'ACTIVE';
CREATE INDEX capacity_provider_cluster ON capacity_provider (cluster) WHERE cluster IS NOT NULL;

-- Keyed by the autoscaler's activity id, so a GroupStatus read again records its activity once.
CREATE TABLE auto_scaling_activity (
    activity_id              VARCHAR(255)  PRIMARY KEY,
    auto_scaling_group_name  VARCHAR(255)  NOT NULL,
    cluster                  VARCHAR(255)  NOT NULL,
    capacity_provider_name   VARCHAR(255)  NOT NULL,
    description              TEXT          NOT NULL,
    cause                    TEXT          NOT NULL,
    start_time               TIMESTAMPTZ   NOT NULL,
    status_code              VARCHAR(32)   NOT NULL
);
CREATE INDEX auto_scaling_activity_group ON auto_scaling_activity (auto_scaling_group_name, start_time DESC);

-- The cluster's capacity providers in the order PutClusterCapacityProviders named them, and its
-- default strategy (JSON arrays).
ALTER TABLE clusters ADD COLUMN capacity_providers TEXT NOT NULL DEFAULT '[]';
ALTER TABLE clusters ADD COLUMN default_capacity_provider_strategy TEXT NOT NULL DEFAULT '[]';

ALTER TABLE tasks ADD COLUMN capacity_provider_name VARCHAR(255);
CREATE INDEX tasks_capacity_provider ON tasks (cluster, capacity_provider_name) WHERE capacity_provider_name IS NOT NULL;

-- JSON array of CapacityProviderStrategyItem (empty: any instance).
ALTER TABLE services ADD COLUMN capacity_provider_strategy TEXT NOT NULL DEFAULT '[]';

ALTER TABLE container_instances ADD COLUMN capacity_provider_name VARCHAR(255);
