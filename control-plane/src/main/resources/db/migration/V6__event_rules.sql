-- EventBridge-style event buses, rules and targets, and the deliveries of events to targets.
CREATE TABLE event_buses (
    name        VARCHAR(256) PRIMARY KEY,
    created_at  TIMESTAMPTZ  NOT NULL
);
INSERT INTO event_buses (name, created_at) VALUES ('default', now());

CREATE TABLE event_rules (
    bus                  VARCHAR(256) NOT NULL REFERENCES event_buses (name),
    name                 VARCHAR(64)  NOT NULL,
    description          VARCHAR(512),
    event_pattern        TEXT,
    schedule_expression  VARCHAR(256),
    schedule_timezone    VARCHAR(64),
    state                VARCHAR(16)  NOT NULL,
    -- When the schedule started (rate ticks count from it) and the last scheduled time that fired:
    -- a tick fires when a conditional update moves last_fired_at to it, which only one process wins.
    schedule_anchor      TIMESTAMPTZ,
    last_fired_at        TIMESTAMPTZ,
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (bus, name)
);

-- JSON members are text, as elsewhere.
CREATE TABLE event_targets (
    bus                VARCHAR(256) NOT NULL,
    rule               VARCHAR(64)  NOT NULL,
    id                 VARCHAR(64)  NOT NULL,
    arn                VARCHAR(1600) NOT NULL,
    input              TEXT,
    input_path         VARCHAR(256),
    input_transformer  TEXT,
    ecs_parameters     TEXT         NOT NULL,
    retry_policy       TEXT,
    created_at         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (bus, rule, id),
    FOREIGN KEY (bus, rule) REFERENCES event_rules (bus, name) ON DELETE CASCADE
);

-- Bumped by every change to rules and targets: each control plane reloads its compiled rules when it moves.
CREATE TABLE event_rules_revision (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    revision  BIGINT  NOT NULL
);
INSERT INTO event_rules_revision (id, revision) VALUES (1, 0);

-- One row per (rule, target, event): its primary key is what makes a redelivered event start nothing.
CREATE TABLE event_deliveries (
    bus              VARCHAR(256) NOT NULL,
    rule             VARCHAR(64)  NOT NULL,
    target_id        VARCHAR(64)  NOT NULL,
    event_id         VARCHAR(64)  NOT NULL,
    event            TEXT         NOT NULL,
    ingested_at      TIMESTAMPTZ  NOT NULL,
    -- RUNNING (tasks of the current attempt not all stopped), RETRYING (waiting for next_attempt_at),
    -- SUCCEEDED, FAILED
    state            VARCHAR(16)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  TIMESTAMPTZ,
    error_code       VARCHAR(128),
    error_message    TEXT,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (bus, rule, target_id, event_id)
);
CREATE INDEX event_deliveries_due ON event_deliveries (next_attempt_at) WHERE state = 'RETRYING';
CREATE INDEX event_deliveries_rule ON event_deliveries (bus, rule, created_at DESC);

-- The tasks each attempt started.
CREATE TABLE event_runs (
    task_id    VARCHAR(64)  PRIMARY KEY,
    bus        VARCHAR(256) NOT NULL,
    rule       VARCHAR(64)  NOT NULL,
    target_id  VARCHAR(64)  NOT NULL,
    event_id   VARCHAR(64)  NOT NULL,
    attempt    INTEGER      NOT NULL,
    FOREIGN KEY (bus, rule, target_id, event_id) REFERENCES event_deliveries (bus, rule, target_id, event_id)
        ON DELETE CASCADE
);
CREATE INDEX event_runs_delivery ON event_runs (bus, rule, target_id, event_id, attempt);
