#!/usr/bin/env python3
"""Builds a synthetic legacy Streamlit database (generation G3c, LEGACY.md §2-3) for import benchmarks.

usage: make-legacy-db.py N OUT.db   — N assessments, N/10 clients, 20 trainers, N/20 packages with sessions and
payments in both parallel tables. Deterministic (fixed seed) so runs are comparable.
"""
import os
import random
import sqlite3
import sys

SCHEMA = """
CREATE TABLE trainers (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL,
  password_hash TEXT NOT NULL, name TEXT NOT NULL, email TEXT NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  last_login TIMESTAMP, failed_login_attempts INTEGER DEFAULT 0, locked_until TIMESTAMP);
CREATE TABLE clients (id INTEGER PRIMARY KEY AUTOINCREMENT, trainer_id INTEGER NOT NULL, name TEXT NOT NULL,
  age INTEGER NOT NULL, gender TEXT NOT NULL, height REAL NOT NULL, weight REAL NOT NULL, email TEXT, phone TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE assessments (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL, trainer_id INTEGER NOT NULL,
  date TEXT NOT NULL, overhead_squat_score INTEGER, overhead_squat_notes TEXT, overhead_squat_compensations TEXT,
  push_up_score INTEGER, push_up_reps INTEGER, push_up_notes TEXT, push_up_compensations TEXT,
  single_leg_balance_left_eyes_open REAL, single_leg_balance_right_eyes_open REAL,
  single_leg_balance_left_eyes_closed REAL, single_leg_balance_right_eyes_closed REAL, single_leg_balance_notes TEXT,
  toe_touch_score INTEGER, toe_touch_distance REAL, toe_touch_notes TEXT, toe_touch_compensations TEXT,
  shoulder_mobility_left REAL, shoulder_mobility_right REAL, shoulder_mobility_notes TEXT,
  shoulder_mobility_compensations TEXT, farmer_carry_weight REAL, farmer_carry_distance REAL, farmer_carry_notes TEXT,
  farmer_carry_compensations TEXT, harvard_step_test_heart_rate INTEGER, harvard_step_test_duration REAL,
  harvard_step_test_notes TEXT, overall_score REAL, strength_score REAL, mobility_score REAL, balance_score REAL,
  cardio_score REAL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, shoulder_mobility_score INTEGER,
  farmer_carry_score INTEGER);
CREATE TABLE session_packages (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL,
  trainer_id INTEGER NOT NULL, total_amount INTEGER NOT NULL, session_price INTEGER NOT NULL,
  total_sessions INTEGER NOT NULL, remaining_credits INTEGER NOT NULL, remaining_sessions INTEGER NOT NULL,
  package_name TEXT, notes TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, is_active BOOLEAN DEFAULT 1, gross_amount INTEGER,
  vat_amount INTEGER, card_fee_amount INTEGER, net_amount INTEGER, vat_rate DECIMAL(5,2) DEFAULT 0.10,
  card_fee_rate DECIMAL(5,2) DEFAULT 0.035, fee_calculation_method TEXT DEFAULT 'inclusive');
CREATE TABLE training_sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL,
  trainer_id INTEGER NOT NULL, package_id INTEGER NOT NULL, session_date TEXT NOT NULL, session_time TEXT,
  session_duration INTEGER DEFAULT 60, session_cost INTEGER NOT NULL, status TEXT DEFAULT 'scheduled', notes TEXT,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, completed_at TIMESTAMP);
CREATE TABLE payment_records (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL,
  trainer_id INTEGER NOT NULL, package_id INTEGER, amount INTEGER NOT NULL, payment_method TEXT,
  payment_date TEXT NOT NULL, description TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE sessions (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL, package_id INTEGER NOT NULL,
  session_date DATE NOT NULL, session_time TIME, session_duration INTEGER NOT NULL, session_cost REAL NOT NULL,
  status TEXT DEFAULT 'scheduled', notes TEXT, created_at DATETIME DEFAULT CURRENT_TIMESTAMP, completed_at DATETIME,
  trainer_id INTEGER);
CREATE TABLE payments (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL, package_id INTEGER,
  amount REAL NOT NULL, payment_method TEXT, description TEXT, payment_date DATE NOT NULL,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP, trainer_id INTEGER, gross_amount INTEGER, vat_amount INTEGER,
  card_fee_amount INTEGER, net_amount INTEGER, vat_rate DECIMAL(5,2), card_fee_rate DECIMAL(5,2));
CREATE TABLE fee_audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, package_id INTEGER, payment_id INTEGER,
  calculation_type TEXT NOT NULL, gross_amount INTEGER NOT NULL, vat_amount INTEGER NOT NULL,
  card_fee_amount INTEGER NOT NULL, net_amount INTEGER NOT NULL, vat_rate DECIMAL(5,2) NOT NULL,
  card_fee_rate DECIMAL(5,2) NOT NULL, calculation_details TEXT, created_by INTEGER,
  created_at DATETIME DEFAULT CURRENT_TIMESTAMP);
"""

BCRYPT = "$2b$12$ajYJ4uAVD3Q7P9m.A3cW5uAj3Y3/PfAzwaBJ0l1nFQG1VXQRagMua"
GENDERS = ["남성", "여성", "남성", "여성", "M", "female"]
SURNAMES = ["김", "이", "박", "최", "정", "강", "조", "윤"]
GIVEN = ["민수", "지영", "서준", "하은", "도윤", "수아", "예준", "지우"]


def fees(gross):
    vat = (2 * gross * 1000 + 11000) // 22000  # round0(G × 1000 / 11000), DOMAIN.md §4
    fee = (2 * gross * 350 + 10000) // 20000
    return vat, fee, gross - vat - fee


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    n, out = int(sys.argv[1]), sys.argv[2]
    if os.path.exists(out):
        os.remove(out)
    rnd = random.Random(42)
    db = sqlite3.connect(out)
    db.executescript(SCHEMA)
    trainers = 20
    clients = max(1, n // 10)
    packages = max(1, n // 20)
    db.executemany(
        "INSERT INTO trainers (id, username, password_hash, name, email, created_at, last_login) VALUES (?,?,?,?,?,?,?)",
        [(t, f"bench{t}", BCRYPT, f"트레이너{t}", f"bench{t}@example.com", "2025-06-01 09:00:00",
          "2025-06-08 10:00:00.123456") for t in range(1, trainers + 1)])
    db.executemany(
        "INSERT INTO clients (id, trainer_id, name, age, gender, height, weight, email, phone, created_at, updated_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        [(c, 1 + c % trainers, rnd.choice(SURNAMES) + rnd.choice(GIVEN), rnd.randint(20, 69), rnd.choice(GENDERS),
          round(rnd.uniform(150, 190), 1), round(rnd.uniform(45, 100), 1), "", "",
          "2025-06-02 10:00:00", "2025-06-02 10:00:00") for c in range(1, clients + 1)])

    def assessment(a):
        c = 1 + a % clients
        s, m, b, cardio = (rnd.choice([25.0, 50.0, 75.0]) for _ in range(4))
        return (a, c, 1 + c % trainers, f"2025-06-{1 + a % 8:02d}", rnd.randint(0, 3), "관찰된 보상 패턴: 무릎 내반", "",
                rnd.randint(1, 4), rnd.randint(0, 40), "", "", 10.0, 12.5, 3.0, 4.5, "", rnd.randint(1, 4),
                round(rnd.uniform(-10, 10), 1), "", "", 1.5, 2.0, "", "", 40.0, 20.0, "수행 시간: 30초", "",
                rnd.randint(70, 130), 180.0, "HR1: 90, HR2: 80, HR3: 70", 0.3 * s + 0.25 * m + 0.25 * b + 0.2 * cardio,
                s, m, b, cardio, "2025-06-03 05:47:02", rnd.randint(0, 3), rnd.randint(1, 4))

    db.executemany("INSERT INTO assessments VALUES (" + ",".join("?" * 39) + ")", (assessment(a) for a in range(1, n + 1)))

    pk, ts, ss, pr, pm = [], [], [], [], []
    for p in range(1, packages + 1):
        c = 1 + p % clients
        t = 1 + c % trainers
        vat, fee, net = fees(300000)
        pk.append((p, c, t, 300000, 60000, 5, net - 60000, 4, "", "", "2025-06-03 07:23:20", "2025-06-03 07:25:54", 1,
                   300000, vat, fee, net, 0.1, 0.035, "inclusive"))
        # One completed session and one payment per package, alternating between the two parallel tables.
        if p % 2:
            ts.append((len(ts) + 1, c, t, p, "2025-06-03", "10:00:44.064956", 60, 60000, "completed", "",
                       "2025-06-03 07:23:44", "2025-06-03 07:23:45"))
            pr.append((len(pr) + 1, c, t, p, 300000, "Package Purchase", "2025-06-03", "", "2025-06-03 07:23:20"))
        else:
            ss.append((len(ss) + 1, c, p, "2025-06-04", None, 60, 60000.0, "completed", "", "2025-06-04 05:50:25",
                       "2025-06-04 05:50:28", t))
            pm.append((len(pm) + 1, c, p, 300000.0, "카드", "패키지 구매: 기본 패키지", "2025-06-04", "2025-06-04 05:50:00",
                       t, 300000, vat, fee, net, 0.1, 0.035))
    db.executemany("INSERT INTO session_packages VALUES (" + ",".join("?" * 20) + ")", pk)
    db.executemany("INSERT INTO training_sessions VALUES (" + ",".join("?" * 12) + ")", ts)
    db.executemany("INSERT INTO sessions VALUES (" + ",".join("?" * 12) + ")", ss)
    db.executemany("INSERT INTO payment_records VALUES (" + ",".join("?" * 9) + ")", pr)
    db.executemany("INSERT INTO payments VALUES (" + ",".join("?" * 15) + ")", pm)
    db.commit()
    db.close()
    total = trainers + clients + n + packages + len(ts) + len(ss) + len(pr) + len(pm)
    print(f"{out}: {total} rows ({n} assessments, {clients} clients, {packages} packages)")


if __name__ == "__main__":
    main()
