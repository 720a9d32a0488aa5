CREATE INDEX ix_assessments_organization_date ON assessments (organization_id, date);
DROP INDEX ix_assessments_organization_date_score;
DROP INDEX ix_clients_organization_search;
