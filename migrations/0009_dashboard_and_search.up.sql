-- compatible: yes
-- 0009 (issue 11, same SQL on both engines).
-- The dashboard's average score of the month reads one index and no table row (SELECT avg(overall_score) …
-- WHERE organization_id = ? AND date BETWEEN …): with 50,000 assessments the row lookups were most of its time. It replaces (organization_id, date), its prefix.
CREATE INDEX ix_assessments_organization_date_score ON assessments (organization_id, date, overall_score);
DROP INDEX ix_assessments_organization_date;
-- Client search counts its matches (SELECT COUNT(*) … WHERE organization_id = ? AND search_text LIKE '%…%'): the
-- LIKE is tested on this index instead of on every client row of the organisation.
CREATE INDEX ix_clients_organization_search ON clients (organization_id, search_text);
