-- Custom container instance attributes (PutAttributes / DeleteAttributes), kept apart from what the
-- agent reports so that a re-registration, which rewrites `attributes`, leaves them in place.
ALTER TABLE container_instances ADD COLUMN custom_attributes TEXT NOT NULL DEFAULT '{}';
