-- 0014 undone: the IN lists, 0010's insert trigger and the indexes as they were.
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(replace(sql,
    'CHECK (push_up_type = ''standard'' OR push_up_type = ''modified'' OR push_up_type = ''wall'')',
    'CHECK (push_up_type IN (''standard'', ''modified'', ''wall''))'),
    'CHECK (injury_risk_level = ''low'' OR injury_risk_level = ''low_moderate'' OR injury_risk_level = ''moderate'' OR injury_risk_level = ''high'')',
    'CHECK (injury_risk_level IN (''low'', ''low_moderate'', ''moderate'', ''high''))')
WHERE type = 'table' AND name = 'assessments';
UPDATE sqlite_master SET sql = replace(sql,
    'CHECK (type = ''client_added'' OR type = ''assessment_completed'' OR type = ''payment_received'' OR type = ''trainer_joined'')',
    'CHECK (type IN (''client_added'', ''assessment_completed'', ''payment_received'', ''trainer_joined''))')
WHERE type = 'table' AND name = 'notifications';
UPDATE sqlite_master SET sql = replace(sql,
    'CHECK (status = ''scheduled'' OR status = ''completed'' OR status = ''cancelled'' OR status = ''no_show'')',
    'CHECK (status IN (''scheduled'', ''completed'', ''cancelled'', ''no_show''))')
WHERE type = 'table' AND name = 'sessions';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'CHECK (payment_method = ''card'' OR payment_method = ''cash'' OR payment_method = ''transfer'' OR payment_method = ''other'')',
    'CHECK (payment_method IN (''card'', ''cash'', ''transfer'', ''other''))'),
    'CHECK (kind = ''package_purchase'' OR kind = ''top_up'' OR kind = ''other'')',
    'CHECK (kind IN (''package_purchase'', ''top_up'', ''other''))')
WHERE type = 'table' AND name = 'payments';
UPDATE sqlite_master SET sql = replace(replace(sql,
    'CHECK (calculation_type = ''package_purchase'' OR calculation_type = ''top_up'' OR calculation_type = ''payment'' OR calculation_type = ''legacy'')',
    'CHECK (calculation_type IN (''package_purchase'', ''top_up'', ''payment'', ''legacy''))'),
    'CHECK (payment_method = ''card'' OR payment_method = ''cash'' OR payment_method = ''transfer'' OR payment_method = ''other'')',
    'CHECK (payment_method IN (''card'', ''cash'', ''transfer'', ''other''))')
WHERE type = 'table' AND name = 'fee_audit_log';
PRAGMA writable_schema = RESET;

DROP TRIGGER tr_assessments_client_summary_insert;
CREATE TRIGGER tr_assessments_client_summary_insert AFTER INSERT ON assessments BEGIN
  UPDATE clients SET
    assessment_count = assessment_count + 1,
    latest_assessment_date = (SELECT max(a.date) FROM assessments a WHERE a.client_id = NEW.client_id),
    latest_overall_score = (SELECT a.overall_score FROM assessments a WHERE a.client_id = NEW.client_id
                            ORDER BY a.date DESC, a.id DESC LIMIT 1),
    latest_activity_date = nullif(max(coalesce((SELECT max(a.date) FROM assessments a WHERE a.client_id = NEW.client_id), ''),
                                      coalesce(latest_session_date, '')), '')
  WHERE id = NEW.client_id;
END;

DROP INDEX ix_assessments_organization_listed_score;
CREATE INDEX ix_assessments_organization_listed ON assessments (organization_id, date, created_at, id);
CREATE INDEX ix_assessments_organization_date_score ON assessments (organization_id, date, overall_score);
CREATE INDEX ix_assessments_created_by ON assessments (created_by_id);

CREATE INDEX ix_audit_log_user_created ON audit_log (user_id, created_at);
CREATE INDEX ix_audit_log_action_created ON audit_log (action, created_at);
