-- Reverts 0003_reports_share_links (same SQL on both engines; SQLite ≥ 3.35 drops columns).
DROP TABLE client_share_links;
ALTER TABLE assessment_reports DROP COLUMN source_sha256
