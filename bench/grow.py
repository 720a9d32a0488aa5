#!/usr/bin/env python3
"""Grows a seeded SQLite bench database FACTOR-fold (bench/run.sh LARGE=1): every client, with its assessments, is
copied FACTOR-1 times under a new id, name suffix and e-mail. Only copies of rows the application itself wrote
through its API (bench/seed.py), so the large-data timing reads realistic rows; seeding 10,000 clients through the
API would take longer than the whole benchmark. Run while the server is stopped.

usage: grow.py DB_FILE FACTOR
"""
import sqlite3
import sys


def columns(db, table):
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def main():
    path, factor = sys.argv[1], int(sys.argv[2])
    db = sqlite3.connect(path)
    offset = db.execute("SELECT max(id) FROM clients").fetchone()[0]
    a_offset = db.execute("SELECT max(id) FROM assessments").fetchone()[0]
    # Columns that triggers keep (search text, migration 0010's summary) start empty and fill as the copies' rows come.
    derived = ("search_text", "assessment_count", "latest_assessment_date", "latest_overall_score",
               "active_package_count", "latest_session_date", "latest_scheduled_session_date", "latest_activity_date")
    client_cols = [c for c in columns(db, "clients") if c not in ("id", "name", "email") + derived]
    a_cols = [c for c in columns(db, "assessments") if c not in ("id", "client_id")]
    with db:
        for k in range(1, factor):
            cc = ", ".join(client_cols)
            db.execute(
                f"INSERT INTO clients (id, name, email, {cc}) "
                f"SELECT id + {k * offset}, name || '-{k}', CASE WHEN email IS NULL THEN NULL "
                f"ELSE '{k}.' || email END, {cc} FROM clients WHERE id <= {offset}")
            ac = ", ".join(a_cols)
            db.execute(
                f"INSERT INTO assessments (id, client_id, {ac}) "
                f"SELECT id + {k * a_offset}, client_id + {k * offset}, {ac} FROM assessments WHERE id <= {a_offset}")
    n = db.execute("SELECT count(*) FROM clients").fetchone()[0]
    m = db.execute("SELECT count(*) FROM assessments").fetchone()[0]
    print(f"# grown to {n} clients and {m} assessments")


if __name__ == "__main__":
    main()
