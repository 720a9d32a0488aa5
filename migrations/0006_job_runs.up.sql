-- compatible: yes
-- 0006 (same SQL on both engines): the last slot each scheduled job of `serve` ran for (OPERATIONS.md §6, §7).
-- With several nodes the node that claims a slot first (under a PostgreSQL advisory lock) runs the job; the others
-- see the slot taken and skip it, so the daily backup and the hourly housekeeping run once, not once per node.
CREATE TABLE job_runs (
  job TEXT PRIMARY KEY,
  slot TEXT NOT NULL,
  claimed_at TEXT NOT NULL
);
