-- Reverts 0008_share_link_language (same SQL on both engines; SQLite ≥ 3.35 drops columns).
ALTER TABLE client_share_links DROP COLUMN language;
