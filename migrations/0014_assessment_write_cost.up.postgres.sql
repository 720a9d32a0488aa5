-- compatible: yes
-- 0014 (issue 11; PostgreSQL, keep in step with the SQLite file): the client summary of a new assessment without
-- recomputing it, and fewer indexes to write per assessment. (SQLite's part 1, CHECK constraints restated, has no
-- counterpart: PostgreSQL tests an IN list in place.)
-- The new row is the client's latest when its (date, id) is after the current latest's, so the latest date can only
-- become the new date, and the latest score only the new score. Only a tie on the date looks for a later row of that
-- date. As in 0010 the client's row is locked first, so that the statements after it see every row another writer
-- of this client committed before us, and the trigger is deferred to the commit; the events of one transaction are
-- handled in their order, so a row inserted later in it has its own event after this one, and an update or delete of
-- the new row recomputes after it. latest_assessment_date is NULL exactly when the client has no other assessment.
-- Updates and deletes keep recomputing (a row can stop being the latest).
CREATE FUNCTION client_assessment_added() RETURNS trigger AS $$
BEGIN
  PERFORM 1 FROM clients WHERE id = NEW.client_id FOR NO KEY UPDATE;
  UPDATE clients SET
    assessment_count = assessment_count + 1,
    latest_assessment_date = GREATEST(latest_assessment_date, NEW.date),  -- GREATEST skips NULLs
    latest_overall_score = CASE
      WHEN latest_assessment_date IS NULL OR NEW.date > latest_assessment_date THEN NEW.overall_score
      WHEN NEW.date < latest_assessment_date THEN latest_overall_score
      WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.client_id = NEW.client_id AND a.date = NEW.date
                   AND a.id > NEW.id) THEN latest_overall_score
      ELSE NEW.overall_score END,
    latest_activity_date = GREATEST(latest_assessment_date, NEW.date, latest_session_date)
  WHERE id = NEW.client_id;
  RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER tr_assessments_client_summary ON assessments;
CREATE CONSTRAINT TRIGGER tr_assessments_client_summary AFTER UPDATE OF client_id, date, overall_score OR DELETE
  ON assessments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION client_summary();
CREATE CONSTRAINT TRIGGER tr_assessments_client_summary_insert AFTER INSERT ON assessments DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION client_assessment_added();

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
