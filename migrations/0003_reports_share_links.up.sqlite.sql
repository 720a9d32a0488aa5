-- compatible: yes
-- 0003 (SQLite; keep in step with the PostgreSQL file): what a stored report was rendered from, so that a report
-- is reused exactly while it is current (service/reports), and the clients' private share links (issue 15).
ALTER TABLE assessment_reports ADD COLUMN source_sha256 TEXT NOT NULL DEFAULT '';

-- A private link a trainer sends to their client: only the SHA-256 of the random token is stored, so the table
-- cannot be turned back into working links. consent_at records the client's agreement, which is required.
CREATE TABLE client_share_links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  created_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  consent_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  view_count BIGINT NOT NULL DEFAULT 0 CHECK (view_count >= 0),
  last_viewed_at TEXT
);
CREATE INDEX ix_client_share_links_client ON client_share_links (client_id, created_at);
CREATE INDEX ix_client_share_links_organization ON client_share_links (organization_id);
CREATE INDEX ix_client_share_links_created_by ON client_share_links (created_by_id);
CREATE INDEX ix_client_share_links_revoked_by ON client_share_links (revoked_by_id);
