-- Longshore control plane: the system of record. JSON members are stored as text and mapped with
-- Jackson in the store layer (plain, portable, and what Hibernate Reactive maps without custom types).

CREATE TABLE clusters (
    name        VARCHAR(255) PRIMARY KEY,
    status      VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

-- One row per family: the revision counter, bumped under the row lock INSERT .. ON CONFLICT takes,
-- so concurrent registrations of one family get consecutive revisions.
CREATE TABLE task_definition_families (
    family           VARCHAR(255) PRIMARY KEY,
    latest_revision  INTEGER      NOT NULL
);

CREATE TABLE task_definitions (
    id                     BIGSERIAL PRIMARY KEY,
    family                 VARCHAR(255) NOT NULL,
    revision               INTEGER      NOT NULL,
    status                 VARCHAR(16)  NOT NULL,
    network_mode           VARCHAR(16)  NOT NULL,
    cpu                    INTEGER,
    memory                 INTEGER,
    container_definitions  TEXT         NOT NULL,
    registered_at          TIMESTAMPTZ  NOT NULL,
    deregistered_at        TIMESTAMPTZ,
    CONSTRAINT task_definitions_family_revision UNIQUE (family, revision)
);

CREATE TABLE tasks (
    id                     VARCHAR(32)  PRIMARY KEY,
    cluster                VARCHAR(255) NOT NULL REFERENCES clusters (name),
    task_definition_arn    VARCHAR(512) NOT NULL,
    family                 VARCHAR(255) NOT NULL,
    group_name             VARCHAR(255) NOT NULL,
    started_by             VARCHAR(128),
    request_id             VARCHAR(32)  NOT NULL,
    last_status            VARCHAR(16)  NOT NULL,
    desired_status         VARCHAR(16)  NOT NULL,
    cpu                    INTEGER      NOT NULL,
    memory                 INTEGER      NOT NULL,
    spec                   TEXT         NOT NULL,
    container_instance_id  VARCHAR(255),
    allocation             TEXT,
    containers             TEXT,
    created_at             TIMESTAMPTZ  NOT NULL,
    started_at             TIMESTAMPTZ,
    stopping_at            TIMESTAMPTZ,
    stopped_at             TIMESTAMPTZ,
    stop_code              VARCHAR(32),
    stopped_reason         TEXT,
    version                BIGINT       NOT NULL
);
CREATE INDEX tasks_cluster_status ON tasks (cluster, last_status);
CREATE INDEX tasks_instance ON tasks (container_instance_id) WHERE container_instance_id IS NOT NULL;

CREATE TABLE container_instances (
    id                   VARCHAR(255) PRIMARY KEY,
    cluster              VARCHAR(255) NOT NULL REFERENCES clusters (name),
    status               VARCHAR(16)  NOT NULL,
    agent_connected      BOOLEAN      NOT NULL,
    hostname             VARCHAR(255),
    bind_ip              VARCHAR(64),
    agent_version        VARCHAR(64),
    cpu                  INTEGER      NOT NULL,
    memory               INTEGER      NOT NULL,
    reserved_ports       TEXT         NOT NULL,
    ephemeral_port_from  INTEGER      NOT NULL,
    ephemeral_port_to    INTEGER      NOT NULL,
    attributes           TEXT         NOT NULL,
    registered_at        TIMESTAMPTZ  NOT NULL,
    last_heartbeat_at    TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX container_instances_cluster ON container_instances (cluster);

-- Transactional outbox: written in the same transaction as the state change, published by the
-- relay in id order, deleted once Kafka acknowledged it.
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        VARCHAR(255) NOT NULL,
    message_key  VARCHAR(512) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);

INSERT INTO clusters (name, status, created_at) VALUES ('default', 'ACTIVE', now());
