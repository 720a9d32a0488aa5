-- compatible: yes
-- 0014 (issue 11; PostgreSQL, keep in step with the SQLite file): the client summary of a new assessment without
-- recomputing it, and fewer indexes to write per assessment. (SQLite's part 1, CHECK constraints restated, has no
-- counterpart: PostgreSQL tests an IN list in place.)
-- The new row is the client's latest when its (date, id) is after the current latest's, so the latest date can only
-- become the new date, and the latest score only the new score. Only a tie on the date looks for a later row of that
-- date. As in 0010 the client's row is locked first, so that the statements after it see every row another writer
-- of this client committed before us; a row inserted later in the same transaction has its own event after this one.
-- latest_assessment_date is NULL exactly when the client has no other assessment. Updates and deletes keep
-- recomputing (a row can stop being the latest).
CREATE FUNCTION client_assessment_added(client BIGINT, new_id BIGINT, new_date TEXT, new_score DOUBLE PRECISION)
RETURNS void AS $$
BEGIN
  PERFORM 1 FROM clients WHERE id = client FOR NO KEY UPDATE;
  UPDATE clients SET
    assessment_count = assessment_count + 1,
    latest_assessment_date = GREATEST(latest_assessment_date, new_date),  -- GREATEST skips NULLs
    latest_overall_score = CASE
      WHEN latest_assessment_date IS NULL OR new_date > latest_assessment_date THEN new_score
      WHEN new_date < latest_assessment_date THEN latest_overall_score
      WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.client_id = client AND a.date = new_date AND a.id > new_id)
        THEN latest_overall_score
      ELSE new_score END,
    latest_activity_date = GREATEST(latest_assessment_date, new_date, latest_session_date)
  WHERE id = client;
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION client_summary() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'assessments' THEN
    PERFORM client_assessment_added(NEW.client_id, NEW.id, NEW.date, NEW.overall_score);
    RETURN NULL;
  END IF;
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

-- Fewer indexes to write per assessment (each is an insert and a page written at commit). The assessment list's
-- order (0004) and the dashboard's month (0009) are read from one index: (organization_id, date, created_at, id)
-- with the overall score after them, which serves both as they were served (the same plans, covering where they
-- were). created_by_id is read by no query: its index served only the foreign key's ON DELETE SET NULL of a user,
-- and users are never deleted by the application (they are deactivated); an operator's DELETE FROM users then reads
-- the assessments once per deleted user.
DROP INDEX ix_assessments_organization_listed;
DROP INDEX ix_assessments_organization_date_score;
DROP INDEX ix_assessments_created_by;
CREATE INDEX ix_assessments_organization_listed_score ON assessments (organization_id, date, created_at, id, overall_score);
-- ix_assessments_client_date (client_id, date) is a prefix of ix_assessments_client_latest (client_id, date, id),
-- which serves every query it served.
DROP INDEX ix_assessments_client_date;

-- The audit row every write adds: five indexes cost ~70k instructions of ~95k per row. A studio's audit log (every
-- view but a superuser's) is read through ix_audit_log_organization_created, which already served the action filter
-- and now also serves the user filter, testing each row of the organisation's; a superuser's filter across
-- organisations by action or user walks ix_audit_log_created, newest first. The user index also served the
-- foreign key's ON DELETE SET NULL of a user, which the application never deletes.
DROP INDEX ix_audit_log_action_created;
DROP INDEX ix_audit_log_user_created;
