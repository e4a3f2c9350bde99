-- ECR lifecycle policies: one per repository, the text exactly as PUT (validated before storing).
-- Versioned far above the data plane's migrations so the two series never collide.
CREATE TABLE lifecycle_policies (
    repository_name    VARCHAR(255) COLLATE "C" PRIMARY KEY REFERENCES repositories (name) ON DELETE CASCADE,
    policy_text        TEXT         NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    -- when a scheduled run last applied this policy (null until the first run after a PUT)
    last_evaluated_at  TIMESTAMPTZ
);
