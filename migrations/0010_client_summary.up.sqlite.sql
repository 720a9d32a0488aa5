-- compatible: yes
-- 0010 (issue 11; SQLite, keep in step with the PostgreSQL file): each client's summary — what the client list,
-- search, detail, the activity and score-band filters and the dashboard show — kept on the client's row instead of
-- six correlated subqueries per listed client. Triggers on assessments, sessions and session_packages recompute the
-- affected client's figures in the same transaction, so every writer (services, legacy import, demo data,
-- recalculation, cascaded deletes, an older binary) keeps them true without remembering to.
-- What depends on today stays a comparison at read time: "a future scheduled session" is
-- latest_scheduled_session_date > today, "active" is latest_activity_date >= today − 30 days.
ALTER TABLE clients ADD COLUMN assessment_count INTEGER NOT NULL DEFAULT 0;
-- The latest assessment: the latest date, then the highest id.
ALTER TABLE clients ADD COLUMN latest_assessment_date TEXT;
ALTER TABLE clients ADD COLUMN latest_overall_score REAL;
-- Packages with is_active = 1 AND remaining_sessions > 0.
ALTER TABLE clients ADD COLUMN active_package_count INTEGER NOT NULL DEFAULT 0;
-- The latest session that is not cancelled, and the latest scheduled one.
ALTER TABLE clients ADD COLUMN latest_session_date TEXT;
ALTER TABLE clients ADD COLUMN latest_scheduled_session_date TEXT;
-- The later of latest_assessment_date and latest_session_date (DOMAIN.md §1.5 activity).
ALTER TABLE clients ADD COLUMN latest_activity_date TEXT;

-- The dashboard counts an organisation's active clients from this index alone.
CREATE INDEX ix_clients_organization_activity ON clients (organization_id, latest_activity_date);

-- One UPDATE per change; SQLite's multi-argument max() is NULL when an argument is, hence the coalesce. Each
-- "latest" is one seek in an index on (client_id, date) — whose entries end with the row id — and the assessment
-- count moves by one: counting would read every assessment of the client on every insert.
-- The assessment part (written out once per trigger: SQLite triggers cannot call a routine).
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
CREATE TRIGGER tr_assessments_client_summary_update AFTER UPDATE OF client_id, date, overall_score ON assessments BEGIN
  UPDATE clients SET
    assessment_count = assessment_count + CASE WHEN OLD.client_id = NEW.client_id THEN 0
                                               WHEN id = NEW.client_id THEN 1 ELSE -1 END,
    latest_assessment_date = (SELECT max(a.date) FROM assessments a WHERE a.client_id = clients.id),
    latest_overall_score = (SELECT a.overall_score FROM assessments a WHERE a.client_id = clients.id
                            ORDER BY a.date DESC, a.id DESC LIMIT 1),
    latest_activity_date = nullif(max(coalesce((SELECT max(a.date) FROM assessments a WHERE a.client_id = clients.id), ''),
                                      coalesce(latest_session_date, '')), '')
  WHERE id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER tr_assessments_client_summary_delete AFTER DELETE ON assessments BEGIN
  UPDATE clients SET
    assessment_count = assessment_count - 1,
    latest_assessment_date = (SELECT max(a.date) FROM assessments a WHERE a.client_id = OLD.client_id),
    latest_overall_score = (SELECT a.overall_score FROM assessments a WHERE a.client_id = OLD.client_id
                            ORDER BY a.date DESC, a.id DESC LIMIT 1),
    latest_activity_date = nullif(max(coalesce((SELECT max(a.date) FROM assessments a WHERE a.client_id = OLD.client_id), ''),
                                      coalesce(latest_session_date, '')), '')
  WHERE id = OLD.client_id;
END;

-- The session part.
CREATE TRIGGER tr_sessions_client_summary_insert AFTER INSERT ON sessions BEGIN
  UPDATE clients SET
    latest_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = NEW.client_id AND s.status <> 'cancelled'),
    latest_scheduled_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = NEW.client_id AND s.status = 'scheduled'),
    latest_activity_date = nullif(max(coalesce(latest_assessment_date, ''),
      coalesce((SELECT max(s.session_date) FROM sessions s WHERE s.client_id = NEW.client_id AND s.status <> 'cancelled'), '')), '')
  WHERE id = NEW.client_id;
END;
CREATE TRIGGER tr_sessions_client_summary_update AFTER UPDATE OF client_id, session_date, status ON sessions BEGIN
  UPDATE clients SET
    latest_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = clients.id AND s.status <> 'cancelled'),
    latest_scheduled_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = clients.id AND s.status = 'scheduled'),
    latest_activity_date = nullif(max(coalesce(latest_assessment_date, ''),
      coalesce((SELECT max(s.session_date) FROM sessions s WHERE s.client_id = clients.id AND s.status <> 'cancelled'), '')), '')
  WHERE id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER tr_sessions_client_summary_delete AFTER DELETE ON sessions BEGIN
  UPDATE clients SET
    latest_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = OLD.client_id AND s.status <> 'cancelled'),
    latest_scheduled_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = OLD.client_id AND s.status = 'scheduled'),
    latest_activity_date = nullif(max(coalesce(latest_assessment_date, ''),
      coalesce((SELECT max(s.session_date) FROM sessions s WHERE s.client_id = OLD.client_id AND s.status <> 'cancelled'), '')), '')
  WHERE id = OLD.client_id;
END;

-- The package part.
CREATE TRIGGER tr_session_packages_client_summary_insert AFTER INSERT ON session_packages BEGIN
  UPDATE clients SET active_package_count = (SELECT count(*) FROM session_packages p WHERE p.client_id = NEW.client_id
                                             AND p.is_active = 1 AND p.remaining_sessions > 0)
  WHERE id = NEW.client_id;
END;
CREATE TRIGGER tr_session_packages_client_summary_update AFTER UPDATE OF client_id, is_active, remaining_sessions
ON session_packages BEGIN
  UPDATE clients SET active_package_count = (SELECT count(*) FROM session_packages p WHERE p.client_id = clients.id
                                             AND p.is_active = 1 AND p.remaining_sessions > 0)
  WHERE id IN (OLD.client_id, NEW.client_id);
END;
CREATE TRIGGER tr_session_packages_client_summary_delete AFTER DELETE ON session_packages BEGIN
  UPDATE clients SET active_package_count = (SELECT count(*) FROM session_packages p WHERE p.client_id = OLD.client_id
                                             AND p.is_active = 1 AND p.remaining_sessions > 0)
  WHERE id = OLD.client_id;
END;

-- Backfill from the rows as they are.
UPDATE clients SET
  assessment_count = (SELECT count(*) FROM assessments a WHERE a.client_id = clients.id),
  latest_assessment_date = (SELECT max(a.date) FROM assessments a WHERE a.client_id = clients.id),
  latest_overall_score = (SELECT a.overall_score FROM assessments a WHERE a.client_id = clients.id
                          ORDER BY a.date DESC, a.id DESC LIMIT 1),
  active_package_count = (SELECT count(*) FROM session_packages p WHERE p.client_id = clients.id
                          AND p.is_active = 1 AND p.remaining_sessions > 0),
  latest_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = clients.id AND s.status <> 'cancelled'),
  latest_scheduled_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = clients.id AND s.status = 'scheduled');
UPDATE clients SET latest_activity_date = nullif(max(coalesce(latest_assessment_date, ''), coalesce(latest_session_date, '')), '');
