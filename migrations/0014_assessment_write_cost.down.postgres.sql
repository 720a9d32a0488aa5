-- 0014 undone: 0010's client_summary() as it was.

-- The new row's client, and the old row's when the row left it (delete, move to another client).
CREATE OR REPLACE FUNCTION client_summary() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.client_id <> NEW.client_id) THEN
    PERFORM refresh_client_summary(TG_TABLE_NAME, NEW.client_id, 1);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM refresh_client_summary(TG_TABLE_NAME, NEW.client_id, 0);
  END IF;
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.client_id <> NEW.client_id) THEN
    PERFORM refresh_client_summary(TG_TABLE_NAME, OLD.client_id, -1);
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP FUNCTION client_assessment_added(BIGINT, BIGINT, TEXT, DOUBLE PRECISION);

DROP INDEX ix_assessments_organization_listed_score;
CREATE INDEX ix_assessments_organization_listed ON assessments (organization_id, date, created_at, id);
CREATE INDEX ix_assessments_organization_date_score ON assessments (organization_id, date, overall_score);
CREATE INDEX ix_assessments_created_by ON assessments (created_by_id);
CREATE INDEX ix_assessments_client_date ON assessments (client_id, date);

CREATE INDEX ix_audit_log_user_created ON audit_log (user_id, created_at);
CREATE INDEX ix_audit_log_action_created ON audit_log (action, created_at);
