-- compatible: yes
-- 0010 (issue 11; PostgreSQL, keep in step with the SQLite file): each client's summary — what the client list,
-- search, detail, the activity and score-band filters and the dashboard show — kept on the client's row instead of
-- six correlated subqueries per listed client. Triggers on assessments, sessions and session_packages recompute the
-- affected client's figures in the same transaction, so every writer (services, legacy import, demo data,
-- recalculation, cascaded deletes, an older binary) keeps them true without remembering to.
-- What depends on today stays a comparison at read time: "a future scheduled session" is
-- latest_scheduled_session_date > today, "active" is latest_activity_date >= today − 30 days.
ALTER TABLE clients ADD COLUMN assessment_count INTEGER NOT NULL DEFAULT 0;
-- The latest assessment: the latest date, then the highest id.
ALTER TABLE clients ADD COLUMN latest_assessment_date TEXT;
ALTER TABLE clients ADD COLUMN latest_overall_score DOUBLE PRECISION;
-- Packages with is_active = 1 AND remaining_sessions > 0.
ALTER TABLE clients ADD COLUMN active_package_count INTEGER NOT NULL DEFAULT 0;
-- The latest session that is not cancelled, and the latest scheduled one.
ALTER TABLE clients ADD COLUMN latest_session_date TEXT;
ALTER TABLE clients ADD COLUMN latest_scheduled_session_date TEXT;
-- The later of latest_assessment_date and latest_session_date (DOMAIN.md §1.5 activity).
ALTER TABLE clients ADD COLUMN latest_activity_date TEXT;

-- The dashboard counts an organisation's active clients from this index alone.
CREATE INDEX ix_clients_organization_activity ON clients (organization_id, latest_activity_date);
-- The client list's default order (created_at DESC, id DESC) read from an index, stopping after one page: PostgreSQL
-- indexes hold no row id, so without the id the planner sorted every client of the organisation (SQLite's
-- ix_clients_organization_created ends with the row id and serves as it is).
CREATE INDEX ix_clients_organization_listed ON clients (organization_id, created_at, id);

-- One routine recomputes what a change to one table can move, for one client; `added` is how many rows of that table
-- the client gained (1, 0 or -1): the assessment count moves by it, as counting would read every assessment of the
-- client on every insert. Each "latest" is one seek in an index on (client_id, date[, id]).
-- It first locks the client's row, then recomputes in statements of their own: under READ COMMITTED their snapshots
-- then hold every change a concurrent writer committed to the same client before us (an UPDATE with the subqueries
-- inline would re-check a concurrently updated row but keep its older snapshot for the subqueries, and lose the
-- other writer's row). FOR NO KEY UPDATE, as the UPDATE itself takes: it does not wait for the foreign-key checks'
-- KEY SHARE locks, so two writers inserting rows of one client cannot deadlock.
CREATE FUNCTION refresh_client_summary(source TEXT, client BIGINT, added INTEGER) RETURNS void AS $$
DECLARE
  latest_date TEXT;
  latest_score DOUBLE PRECISION;
  latest_scheduled TEXT;
BEGIN
  PERFORM 1 FROM clients WHERE id = client FOR NO KEY UPDATE;
  IF source = 'assessments' THEN
    SELECT a.date, a.overall_score INTO latest_date, latest_score FROM assessments a WHERE a.client_id = client
    ORDER BY a.date DESC, a.id DESC LIMIT 1;
    UPDATE clients SET
      assessment_count = assessment_count + added,
      latest_assessment_date = latest_date,
      latest_overall_score = latest_score,
      latest_activity_date = GREATEST(latest_date, latest_session_date)  -- GREATEST skips NULLs
    WHERE id = client;
  ELSIF source = 'sessions' THEN
    SELECT max(session_date) FILTER (WHERE status <> 'cancelled'), max(session_date) FILTER (WHERE status = 'scheduled')
    INTO latest_date, latest_scheduled FROM sessions WHERE client_id = client;
    UPDATE clients SET
      latest_session_date = latest_date,
      latest_scheduled_session_date = latest_scheduled,
      latest_activity_date = GREATEST(latest_assessment_date, latest_date)
    WHERE id = client;
  ELSE  -- session_packages
    UPDATE clients SET active_package_count = (SELECT count(*) FROM session_packages p WHERE p.client_id = client
                                               AND p.is_active = 1 AND p.remaining_sessions > 0)
    WHERE id = client;
  END IF;
END $$ LANGUAGE plpgsql;

-- The new row's client, and the old row's when the row left it (delete, move to another client).
CREATE FUNCTION client_summary() RETURNS trigger AS $$
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
-- Constraint triggers deferred to the commit: the client's row stays locked only from there to the end of the
-- commit, not through the rest of the request's transaction, so writers of one client (the bench puts every new
-- assessment on one) queue for microseconds instead of a whole transaction each. Still in the same transaction;
-- the one difference from SQLite's immediate triggers: a read later in the writing transaction sees the summary as
-- it was before the write (no service reads it there).
CREATE CONSTRAINT TRIGGER tr_assessments_client_summary AFTER INSERT OR UPDATE OF client_id, date, overall_score
  OR DELETE ON assessments DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION client_summary();
CREATE CONSTRAINT TRIGGER tr_sessions_client_summary AFTER INSERT OR UPDATE OF client_id, session_date, status
  OR DELETE ON sessions DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION client_summary();
CREATE CONSTRAINT TRIGGER tr_session_packages_client_summary AFTER INSERT OR UPDATE OF client_id, is_active,
  remaining_sessions OR DELETE ON session_packages DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION client_summary();

-- Backfill from the rows as they are.
UPDATE clients c SET
  assessment_count = (SELECT count(*) FROM assessments a WHERE a.client_id = c.id),
  latest_assessment_date = (SELECT max(a.date) FROM assessments a WHERE a.client_id = c.id),
  latest_overall_score = (SELECT a.overall_score FROM assessments a WHERE a.client_id = c.id
                          ORDER BY a.date DESC, a.id DESC LIMIT 1),
  active_package_count = (SELECT count(*) FROM session_packages p WHERE p.client_id = c.id
                          AND p.is_active = 1 AND p.remaining_sessions > 0),
  latest_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = c.id AND s.status <> 'cancelled'),
  latest_scheduled_session_date = (SELECT max(s.session_date) FROM sessions s WHERE s.client_id = c.id AND s.status = 'scheduled');
UPDATE clients SET latest_activity_date = GREATEST(latest_assessment_date, latest_session_date);
