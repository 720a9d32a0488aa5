DROP INDEX ix_payments_organization_created;
DROP INDEX ix_sessions_organization_completed;
CREATE INDEX ix_payments_organization_date ON payments (organization_id, payment_date);
DROP INDEX ix_payments_organization_date_amount;
CREATE INDEX ix_sessions_organization_date ON sessions (organization_id, session_date);
DROP INDEX ix_sessions_organization_date_status;
