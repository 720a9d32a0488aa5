-- compatible: yes
-- 0013 (issue 11, same SQL on both engines): the dashboard's "최근 활동" reads the ten latest completed sessions and
-- the ten latest payments of an organisation. Without these indexes each read every session (payment) of the
-- organisation and sorted them; with them it walks ten entries down from the newest. Ordered as the query orders
-- (then id, as every list breaks ties). Only completed sessions carry a completion time, and PostgreSQL puts NULLs
-- first in a descending walk: the partial index holds no NULL of the other sessions to step over.
CREATE INDEX ix_sessions_organization_completed ON sessions (organization_id, completed_at, id) WHERE status = 'completed';
CREATE INDEX ix_payments_organization_created ON payments (organization_id, created_at, id);
