-- compatible: yes
-- 0014 (issue 11; SQLite, keep in step with the PostgreSQL file): what SQLite does on every new assessment, made
-- cheaper without changing any figure it keeps (callgrind of POST /api/v1/assessments/: the single group-commit writer
-- spent ~650k instructions per create, half of them inside this INSERT).

-- 1. CHECK (x IN ('a', 'b', 'c')): SQLite tests an IN list of three or more values by building a temporary B-tree of
-- the values on every row written — two of them cost ~60k instructions per assessment, a third of the INSERT. The
-- same constraints written as comparisons are tested in place. A CHECK that every row already satisfies can be
-- restated by editing the stored schema (https://sqlite.org/lang_altertable.html#otheralter: the table's content is
-- untouched); rebuilding the table instead would need foreign keys off, which a migration's transaction cannot do.
-- RESET turns the editing off and reloads the schema of this connection; the triggers below then bump the schema
-- version, so every other connection reloads it too. The same for notifications (a trainer's assessment notifies the
-- owners), and for the rows of a booking or a payment: sessions, payments, fee_audit_log.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(replace(sql,
    'CHECK (push_up_type IN (''standard'', ''modified'', ''wall''))',
    'CHECK (push_up_type = ''standard'' OR push_up_type = ''modified'' OR push_up_type = ''wall'')'),
    'CHECK (injury_risk_level IN (''low'', ''low_moderate'', ''moderate'', ''high''))',
    'CHECK (injury_risk_level = ''low'' OR injury_risk_level = ''low_moderate'' OR injury_risk_level = ''moderate'' OR injury_risk_level = ''high'')')
WHERE type = 'table' AND name = 'assessments';
UPDATE sqlite_master SET sql = replace(sql,
    'CHECK (type IN (''client_added'', ''assessment_completed'', ''payment_received'', ''trainer_joined''))',
    'CHECK (type = ''client_added'' OR type = ''assessment_completed'' OR type = ''payment_received'' OR type = ''trainer_joined'')')
WHERE type = 'table' AND name = 'notifications';
UPDATE sqlite_master SET sql = replace(sql,
    'CHECK (status IN (''scheduled'', ''completed'', ''cancelled'', ''no_show''))',
    'CHECK (status = ''scheduled'' OR status = ''completed'' OR status = ''cancelled'' OR status = ''no_show'')')
WHERE type = 'table' AND name = 'sessions';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'CHECK (payment_method IN (''card'', ''cash'', ''transfer'', ''other''))',
    'CHECK (payment_method = ''card'' OR payment_method = ''cash'' OR payment_method = ''transfer'' OR payment_method = ''other'')'),
    'CHECK (kind IN (''package_purchase'', ''top_up'', ''other''))',
    'CHECK (kind = ''package_purchase'' OR kind = ''top_up'' OR kind = ''other'')')
WHERE type = 'table' AND name = 'payments';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'CHECK (calculation_type IN (''package_purchase'', ''top_up'', ''payment'', ''legacy''))',
    'CHECK (calculation_type = ''package_purchase'' OR calculation_type = ''top_up'' OR calculation_type = ''payment'' OR calculation_type = ''legacy'')'),
    'CHECK (payment_method IN (''card'', ''cash'', ''transfer'', ''other''))',
    'CHECK (payment_method = ''card'' OR payment_method = ''cash'' OR payment_method = ''transfer'' OR payment_method = ''other'')')
WHERE type = 'table' AND name = 'fee_audit_log';
PRAGMA writable_schema = RESET;

-- 2. The client summary of a new assessment (0010 recomputed it with three subqueries): the new row is the client's
-- latest when its (date, id) is after the current latest's, so the latest date can only become the new date, and
-- the latest score only the new score. Only a tie on the date looks for a later row of that date (one seek in
-- ix_assessments_client_date, whose entries end with the row id); the AUTOINCREMENT id makes the new row the last,
-- but a row inserted with an explicit id is still placed right. latest_assessment_date is NULL exactly when the
-- client has no other assessment. Updates and deletes keep recomputing (a row can stop being the latest).
DROP TRIGGER tr_assessments_client_summary_insert;
CREATE TRIGGER tr_assessments_client_summary_insert AFTER INSERT ON assessments BEGIN
  UPDATE clients SET
    assessment_count = assessment_count + 1,
    latest_assessment_date = max(coalesce(latest_assessment_date, ''), NEW.date),
    latest_overall_score = CASE
      WHEN latest_assessment_date IS NULL OR NEW.date > latest_assessment_date THEN NEW.overall_score
      WHEN NEW.date < latest_assessment_date THEN latest_overall_score
      WHEN EXISTS (SELECT 1 FROM assessments a WHERE a.client_id = NEW.client_id AND a.date = NEW.date
                   AND a.id > NEW.id) THEN latest_overall_score
      ELSE NEW.overall_score END,
    latest_activity_date = nullif(max(coalesce(latest_assessment_date, ''), NEW.date, coalesce(latest_session_date, '')), '')
  WHERE id = NEW.client_id;
END;

-- 3. Fewer indexes to write per assessment (each is an insert and a page written at commit). The assessment list's
-- order (0004) and the dashboard's month (0009) are read from one index: (organization_id, date, created_at, id)
-- with the overall score after them, which serves both as they were served (the same plans, covering where they
-- were). created_by_id is read by no query: its index served only the foreign key's ON DELETE SET NULL of a user,
-- and users are never deleted by the application (they are deactivated); an operator's DELETE FROM users then reads
-- the assessments once per deleted user.
DROP INDEX ix_assessments_organization_listed;
DROP INDEX ix_assessments_organization_date_score;
DROP INDEX ix_assessments_created_by;
CREATE INDEX ix_assessments_organization_listed_score ON assessments (organization_id, date, created_at, id, overall_score);

-- 4. The audit row every write adds: five indexes cost ~70k instructions of ~95k per row. A studio's audit log (every
-- view but a superuser's) is read through ix_audit_log_organization_created, which already served the action filter
-- and now also serves the user filter, testing each row of the organisation's; a superuser's filter across
-- organisations by action or user walks ix_audit_log_created, newest first. The user index also served the
-- foreign key's ON DELETE SET NULL of a user, which the application never deletes.
DROP INDEX ix_audit_log_action_created;
DROP INDEX ix_audit_log_user_created;
