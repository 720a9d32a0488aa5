-- Reverts 0006_job_runs (same SQL on both engines).
DROP TABLE job_runs;
