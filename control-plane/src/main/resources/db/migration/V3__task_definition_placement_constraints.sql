-- Task definition placement constraints (memberOf only, as ECS), a JSON array of {type, expression}.
-- Existing revisions have none.
ALTER TABLE task_definitions ADD COLUMN placement_constraints TEXT NOT NULL DEFAULT '[]';
