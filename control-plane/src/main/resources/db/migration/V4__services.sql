-- ECS services. One row per (cluster, name): a service deleted and drained (INACTIVE) may be created
-- again under the same name, which reuses the row. JSON members are text, as elsewhere.
CREATE TABLE services (
    cluster                            VARCHAR(255) NOT NULL REFERENCES clusters (name),
    name                               VARCHAR(255) NOT NULL,
    status                             VARCHAR(16)  NOT NULL,
    scheduling_strategy                VARCHAR(16)  NOT NULL,
    task_definition_arn                VARCHAR(512) NOT NULL,
    desired_count                      INTEGER      NOT NULL,
    running_count                      INTEGER      NOT NULL,
    pending_count                      INTEGER      NOT NULL,
    placement_constraints              TEXT         NOT NULL,
    placement_strategy                 TEXT         NOT NULL,
    deployment_configuration           TEXT         NOT NULL,
    health_check_grace_period_seconds  INTEGER      NOT NULL,
    -- The deployment the last published spec asks for, and when it was asked for.
    deployment_id                      VARCHAR(64)  NOT NULL,
    deployment_created_at              TIMESTAMPTZ  NOT NULL,
    -- From the scheduler's last ServiceStatus (null until one arrives): JSON array of deployments, the
    -- spec deployment it had acted on, and its updatedAt, so that an older status read again changes nothing.
    deployments                        TEXT,
    status_deployment_id               VARCHAR(64),
    status_updated_at                  TIMESTAMPTZ,
    created_at                         TIMESTAMPTZ  NOT NULL,
    updated_at                         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (cluster, name)
);

-- The scheduler's service events, keyed by the event's own id so a redelivered event is stored once.
CREATE TABLE service_events (
    id            VARCHAR(255) PRIMARY KEY,
    cluster       VARCHAR(255) NOT NULL,
    service_name  VARCHAR(255) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    message       TEXT         NOT NULL
);
CREATE INDEX service_events_service ON service_events (cluster, service_name, created_at DESC, id DESC);

-- Tasks a service's scheduler starts have no RunTask request; their group is service:<name>, and a
-- service name alone may be 255 characters.
ALTER TABLE tasks ALTER COLUMN request_id DROP NOT NULL;
ALTER TABLE tasks ALTER COLUMN group_name TYPE VARCHAR(512);
ALTER TABLE tasks ADD COLUMN health_status VARCHAR(16);
CREATE INDEX tasks_cluster_group ON tasks (cluster, group_name);
