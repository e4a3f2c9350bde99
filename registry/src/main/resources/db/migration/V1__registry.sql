-- The registry's metadata, in its own schema "registry" (Flyway runs with it as the default schema).
-- Names and tags sort in byte order (COLLATE "C"): the spec's lexical order for tags and _catalog.

CREATE TABLE repositories (
    name            VARCHAR(255) COLLATE "C" PRIMARY KEY,
    tag_mutability  VARCHAR(16)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);

-- A blob's content is a file under blobs/; a row exists once some repository links it.
CREATE TABLE blobs (
    digest          VARCHAR(200) PRIMARY KEY,
    size            BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    last_linked_at  TIMESTAMPTZ  NOT NULL
);

-- Which repositories may serve a blob (pushed or mounted there).
CREATE TABLE repository_blobs (
    repository  VARCHAR(255) COLLATE "C" NOT NULL REFERENCES repositories (name) ON DELETE CASCADE,
    digest      VARCHAR(200) NOT NULL REFERENCES blobs (digest) ON DELETE CASCADE,
    linked_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (repository, digest)
);
CREATE INDEX repository_blobs_digest ON repository_blobs (digest);

-- Manifests, byte for byte as pushed, with what the registry indexes of them.
CREATE TABLE manifests (
    id                 BIGSERIAL PRIMARY KEY,
    repository         VARCHAR(255) COLLATE "C" NOT NULL REFERENCES repositories (name) ON DELETE CASCADE,
    digest             VARCHAR(200) NOT NULL,
    media_type         VARCHAR(255) NOT NULL,
    size               BIGINT       NOT NULL,
    content            BYTEA        NOT NULL,
    image_size         BIGINT       NOT NULL,
    config_media_type  VARCHAR(255),
    artifact_type      VARCHAR(255),
    subject_digest     VARCHAR(200),
    annotations        TEXT,
    pushed_at          TIMESTAMPTZ  NOT NULL,
    CONSTRAINT manifests_repository_digest UNIQUE (repository, digest)
);
CREATE INDEX manifests_subject ON manifests (repository, subject_digest) WHERE subject_digest IS NOT NULL;

-- What each manifest refers to: blobs (config, layers) and manifests (of an index).
CREATE TABLE manifest_references (
    manifest_id  BIGINT       NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
    digest       VARCHAR(200) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    PRIMARY KEY (manifest_id, digest)
);
CREATE INDEX manifest_references_digest ON manifest_references (digest);

CREATE TABLE tags (
    repository   VARCHAR(255) COLLATE "C" NOT NULL REFERENCES repositories (name) ON DELETE CASCADE,
    tag          VARCHAR(128) COLLATE "C" NOT NULL,
    manifest_id  BIGINT       NOT NULL REFERENCES manifests (id) ON DELETE CASCADE,
    updated_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (repository, tag)
);
CREATE INDEX tags_manifest ON tags (manifest_id);

-- Uploads in progress; the bytes are in uploads/<id>. size = bytes acknowledged so far.
CREATE TABLE uploads (
    id          UUID         PRIMARY KEY,
    repository  VARCHAR(255) COLLATE "C" NOT NULL REFERENCES repositories (name) ON DELETE CASCADE,
    size        BIGINT       NOT NULL,
    started_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX uploads_updated_at ON uploads (updated_at);

-- Transactional outbox for longshore.registry-events (same pattern as the control plane's).
CREATE TABLE outbox (
    id           BIGSERIAL PRIMARY KEY,
    topic        VARCHAR(255) NOT NULL,
    message_key  VARCHAR(512) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL
);
