-- compatible: yes
-- 0013 (issue 11, same SQL on both engines): what the dashboard reads, from indexes alone.
-- Its session counts (this month, the completed ones, each of seven weeks) test each session's status, and its
-- revenue per month sums each payment's amount: with the status (amount) in the index neither reads a table row —
-- on SQLite with 40,000 sessions and 20,000 payments the figures took 79 M instructions, 30 M with these; on
-- PostgreSQL 10.7 ms, 3.2 ms (index-only scans). Each replaces its prefix, which every other query of an
-- organisation's sessions (payments) by date still finds in it.
CREATE INDEX ix_sessions_organization_date_status ON sessions (organization_id, session_date, status);
DROP INDEX ix_sessions_organization_date;
CREATE INDEX ix_payments_organization_date_amount ON payments (organization_id, payment_date, amount);
DROP INDEX ix_payments_organization_date;
-- Its active packages (count and sessions) read every package the organisation ever sold, row by row; this index
-- holds only the running ones. Its own terms are columns too: SQLite tests them again and would read each row.
CREATE INDEX ix_session_packages_organization_running
  ON session_packages (organization_id, is_active, remaining_sessions, total_sessions)
  WHERE is_active = 1 AND remaining_sessions > 0;
-- Its "최근 활동" reads the ten latest completed sessions and the ten latest payments of an organisation, which
-- read every session (payment) of the organisation and sorted them; with these it walks ten entries down from the
-- newest, ordered as the query orders (then id, as every list breaks ties). Only completed sessions carry a
-- completion time, and PostgreSQL puts NULLs first in a descending walk: the partial index holds no NULL of the
-- other sessions to step over.
CREATE INDEX ix_sessions_organization_completed ON sessions (organization_id, completed_at, id) WHERE status = 'completed';
CREATE INDEX ix_payments_organization_created ON payments (organization_id, created_at, id);
