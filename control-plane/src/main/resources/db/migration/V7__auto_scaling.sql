-- Service auto scaling in Application Auto Scaling's terms: a service's scalable target, its scaling
-- policies and scheduled actions, the scaling activities that changed its desired count, and the
-- autoscaler's recent metric datapoints. JSON members are text, as elsewhere.
CREATE TABLE scalable_target (
    cluster          VARCHAR(255)  NOT NULL,
    service_name     VARCHAR(255)  NOT NULL,
    min_capacity     INTEGER       NOT NULL,
    max_capacity     INTEGER       NOT NULL,
    suspended_state  TEXT          NOT NULL,
    arn              VARCHAR(512)  NOT NULL,
    created_at       TIMESTAMPTZ   NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (cluster, service_name),
    FOREIGN KEY (cluster, service_name) REFERENCES services (cluster, name)
);

CREATE TABLE scaling_policy (
    cluster        VARCHAR(255)   NOT NULL,
    service_name   VARCHAR(255)   NOT NULL,
    name           VARCHAR(256)   NOT NULL,
    type           VARCHAR(32)    NOT NULL,
    -- The configuration of the policy's type (TargetTracking... or StepScalingPolicyConfiguration).
    configuration  TEXT           NOT NULL,
    -- Step scaling: the alarm that triggers it (ScalingAlarm); null for target tracking.
    alarm          TEXT,
    -- The alarms PutScalingPolicy answered with: [{AlarmName, AlarmARN}].
    alarms         TEXT           NOT NULL,
    arn            VARCHAR(1600)  NOT NULL,
    creation_time  TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (cluster, service_name, name),
    FOREIGN KEY (cluster, service_name) REFERENCES scalable_target (cluster, service_name) ON DELETE CASCADE
);

CREATE TABLE scheduled_action (
    cluster        VARCHAR(255)   NOT NULL,
    service_name   VARCHAR(255)   NOT NULL,
    name           VARCHAR(256)   NOT NULL,
    schedule       VARCHAR(256)   NOT NULL,
    timezone       VARCHAR(64),
    start_time     TIMESTAMPTZ,
    end_time       TIMESTAMPTZ,
    min_capacity   INTEGER,
    max_capacity   INTEGER,
    arn            VARCHAR(1600)  NOT NULL,
    creation_time  TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (cluster, service_name, name),
    FOREIGN KEY (cluster, service_name) REFERENCES scalable_target (cluster, service_name) ON DELETE CASCADE
);

-- Keyed by the decision's activity id, so a redelivered decision is carried out once. Activities
-- outlive their target (DescribeScalingActivities shows them after a deregistration).
CREATE TABLE scaling_activity (
    activity_id     VARCHAR(64)   PRIMARY KEY,
    cluster         VARCHAR(255)  NOT NULL,
    service_name    VARCHAR(255)  NOT NULL,
    description     TEXT          NOT NULL,
    cause           TEXT          NOT NULL,
    start_time      TIMESTAMPTZ   NOT NULL,
    end_time        TIMESTAMPTZ,
    status_code     VARCHAR(32)   NOT NULL,
    status_message  TEXT,
    details         TEXT
);
CREATE INDEX scaling_activity_service ON scaling_activity (cluster, service_name, start_time DESC);

-- One closed period of a service's metric; a datapoint published again replaces the earlier one.
-- dimensions: the metric's dimensions besides ClusterName and ServiceName, as JSON with sorted keys.
CREATE TABLE metric_datapoint (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    cluster         VARCHAR(255)      NOT NULL,
    service_name    VARCHAR(255)      NOT NULL,
    namespace       VARCHAR(255)      NOT NULL,
    metric_name     VARCHAR(255)      NOT NULL,
    dimensions      TEXT              NOT NULL,
    period_start    TIMESTAMPTZ       NOT NULL,
    period_seconds  INTEGER           NOT NULL,
    average         DOUBLE PRECISION  NOT NULL,
    minimum         DOUBLE PRECISION  NOT NULL,
    maximum         DOUBLE PRECISION  NOT NULL,
    sum             DOUBLE PRECISION  NOT NULL,
    sample_count    BIGINT            NOT NULL,
    unit            VARCHAR(32)
);
-- md5 of the dimensions rather than the text itself: up to 30 dimensions of 255 + 255 characters
-- would not fit in a B-tree entry.
CREATE UNIQUE INDEX metric_datapoint_key
    ON metric_datapoint (cluster, service_name, namespace, metric_name, md5(dimensions), period_start);
CREATE INDEX metric_datapoint_period_start ON metric_datapoint (period_start);
