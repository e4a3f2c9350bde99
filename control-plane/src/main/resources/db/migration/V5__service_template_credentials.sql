-- When the registry pull credentials in a service's last published task template expire, so that the
-- control plane publishes the spec again with fresh ones before they do (null: the template has none).
ALTER TABLE services ADD COLUMN template_credentials_expire_at TIMESTAMPTZ;
CREATE INDEX services_template_credentials ON services (template_credentials_expire_at)
    WHERE status = 'ACTIVE' AND template_credentials_expire_at IS NOT NULL;
