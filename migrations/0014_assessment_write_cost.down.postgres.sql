-- 0014 undone: 0010's one trigger for every change of an assessment, and the indexes as they were.
DROP TRIGGER tr_assessments_client_summary_insert ON assessments;
DROP TRIGGER tr_assessments_client_summary ON assessments;
CREATE CONSTRAINT TRIGGER tr_assessments_client_summary AFTER INSERT OR UPDATE OF client_id, date, overall_score
  OR DELETE ON assessments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION client_summary();
DROP FUNCTION client_assessment_added();

DROP INDEX ix_assessments_organization_listed_score;
CREATE INDEX ix_assessments_organization_listed ON assessments (organization_id, date, created_at, id);
CREATE INDEX ix_assessments_organization_date_score ON assessments (organization_id, date, overall_score);
CREATE INDEX ix_assessments_created_by ON assessments (created_by_id);
CREATE INDEX ix_assessments_client_date ON assessments (client_id, date);

CREATE INDEX ix_audit_log_user_created ON audit_log (user_id, created_at);
CREATE INDEX ix_audit_log_action_created ON audit_log (action, created_at);
