// Older legacy schema generations (LEGACY.md §2) and the all-or-nothing failure path (§7.1), built as small SQLite
// files here so that every column difference is visible in the test.
#include <gtest/gtest.h>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "config/config.hpp"
#include "store/database.hpp"
#include "support/harness.hpp"

using namespace the5hc;
using namespace the5hc::testing;

namespace {

long long count(const TestDatabase& db, const std::string& sql) {
  store::Database d(parse_database_url(db.url()), 1);
  long long n = -1;
  d.read([&](soci::session& s) { s << sql, soci::into(n); });
  return n;
}

std::string text(const TestDatabase& db, const std::string& sql) {
  store::Database d(parse_database_url(db.url()), 1);
  std::string v;
  soci::indicator ind;
  d.read([&](soci::session& s) { s << sql, soci::into(v, ind); });
  return ind == soci::i_ok ? v : "<null>";
}

void build(const std::string& path, const std::vector<std::string>& statements) {
  soci::session s(soci::sqlite3, "db=" + path);
  for (const auto& st : statements) s << st;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST(LegacyGenerations, G1WithSaltedAndUnsaltedPasswordsAndOldColumnNames) {
  TestDatabase db;
  ASSERT_EQ(run_the5hc({"migrate"}, base_env(db), db.dir()).exit_code, 0);
  auto path = db.dir() + "/g1.db";
  build(path, {
      "CREATE TABLE trainers (id INTEGER PRIMARY KEY AUTOINCREMENT, username TEXT UNIQUE NOT NULL, password TEXT NOT "
      "NULL, salt TEXT, name TEXT NOT NULL, email TEXT NOT NULL)",
      "CREATE TABLE clients (id INTEGER PRIMARY KEY AUTOINCREMENT, trainer_id INTEGER NOT NULL, name TEXT NOT NULL, "
      "age INTEGER NOT NULL, gender TEXT NOT NULL, height REAL NOT NULL, weight REAL NOT NULL, email TEXT, phone "
      "TEXT, registration_date TEXT)",
      "CREATE TABLE assessments (id INTEGER PRIMARY KEY AUTOINCREMENT, client_id INTEGER NOT NULL, trainer_id "
      "INTEGER NOT NULL, date TEXT NOT NULL, overhead_squat_score INTEGER, push_up_score INTEGER, push_up_reps "
      "INTEGER, single_leg_balance_right_open REAL, single_leg_balance_left_open REAL, "
      "single_leg_balance_right_closed REAL, single_leg_balance_left_closed REAL, farmers_carry_weight REAL, "
      "farmers_carry_distance REAL, farmers_carry_time REAL, farmers_carry_score INTEGER, farmers_carry_notes TEXT, "
      "step_test_hr1 INTEGER, step_test_hr2 INTEGER, step_test_hr3 INTEGER, step_test_pfi REAL, step_test_score "
      "INTEGER, overall_score REAL, strength_score REAL, mobility_score REAL, balance_score REAL, cardio_score REAL)",
      "INSERT INTO trainers VALUES (1, 'kim', '" + std::string(64, 'A') + "', '" + std::string(32, 'b') +
          "', '김코치', 'kim@studio.kr')",
      "INSERT INTO trainers VALUES (2, 'lee', '" + std::string(64, 'c') + "', NULL, '이코치', 'KIM@studio.kr')",
      "INSERT INTO clients VALUES (1, 1, '최회원', 45, '여', 160.0, 55.5, '', '010-1234-5678', '2025-05-02')",
      "INSERT INTO clients VALUES (2, 2, '정회원', 52, 'Male', 175.0, 80.0, NULL, NULL, '2025-05-03')",
      "INSERT INTO assessments VALUES (1, 1, 1, '2025-05-10', 2, 3, 20, 30.5, 28.0, 8.0, 7.5, 30.0, 40.0, 45.5, 3, "
      "'', 120, 100, 90, 48.4, 2, 61.25, 75.0, 50.0, 62.5, 50.0)",
  });
  auto r = run_the5hc({"import-legacy", path}, base_env(db), db.dir());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "total                 5         5        0\n")) << r.out;
  EXPECT_EQ(text(db, "SELECT password_hash FROM users WHERE username = 'kim'"),
            "legacy-hmac-sha256$" + std::string(32, 'b') + "$" + std::string(64, 'a'));
  EXPECT_EQ(text(db, "SELECT password_hash FROM users WHERE username = 'lee'"), "legacy-sha256$" + std::string(64, 'c'));
  // Same address in another case: the second trainer gets the +legacy rule and a warning.
  EXPECT_EQ(text(db, "SELECT email FROM users WHERE username = 'lee'"), "KIM+legacy2@studio.kr");
  EXPECT_TRUE(contains(r.out, "warnings: 1")) << r.out;
  EXPECT_EQ(text(db, "SELECT created_at || ' ' || gender || ' ' || phone FROM clients WHERE name = '최회원'"),
            "2025-05-01 15:00:00 female 010-1234-5678");
  EXPECT_EQ(count(db, "SELECT count(*) FROM assessments WHERE single_leg_balance_right_eyes_open = 30.5 AND "
                      "single_leg_balance_left_eyes_closed = 7.5 AND farmer_carry_time = 45.5 AND "
                      "farmer_carry_score = 3 AND harvard_step_test_hr3 = 90 AND harvard_step_test_pfi = 48.4 AND "
                      "harvard_step_test_score = 2 AND harvard_step_test_legacy_hr IS NULL AND overall_score = 61.25 "
                      "AND client_age = 45 AND client_weight = 55.5 AND is_legacy = 1"),
            1);
}

TEST(LegacyGenerations, G3aWithoutTrainerIdsOrFeesAndAssessmentsWithoutTrainer) {
  TestDatabase db;
  ASSERT_EQ(run_the5hc({"migrate"}, base_env(db), db.dir()).exit_code, 0);
  auto path = db.dir() + "/g3a.db";
  build(path, {
      "CREATE TABLE trainers (id INTEGER PRIMARY KEY, username TEXT, password_hash TEXT, name TEXT, email TEXT, "
      "created_at TIMESTAMP, last_login TIMESTAMP, failed_login_attempts INTEGER, locked_until TIMESTAMP)",
      "CREATE TABLE clients (id INTEGER PRIMARY KEY, trainer_id INTEGER, name TEXT, age INTEGER, gender TEXT, "
      "height REAL, weight REAL, email TEXT, phone TEXT, created_at TIMESTAMP)",
      "CREATE TABLE assessments (id INTEGER PRIMARY KEY, client_id INTEGER, date TEXT, push_up_score INTEGER, "
      "harvard_step_test_heart_rate INTEGER, overall_score REAL)",
      "CREATE TABLE session_packages (id INTEGER PRIMARY KEY, client_id INTEGER, trainer_id INTEGER, total_amount "
      "INTEGER, session_price INTEGER, total_sessions INTEGER, remaining_credits INTEGER, remaining_sessions "
      "INTEGER, package_name TEXT, notes TEXT, created_at TIMESTAMP, updated_at TIMESTAMP, is_active BOOLEAN)",
      "CREATE TABLE training_sessions (id INTEGER PRIMARY KEY, client_id INTEGER, trainer_id INTEGER, package_id "
      "INTEGER, session_date TEXT, session_time TEXT, session_duration INTEGER, session_cost INTEGER, status TEXT, "
      "notes TEXT, created_at TIMESTAMP, completed_at TIMESTAMP)",
      "CREATE TABLE sessions (id INTEGER PRIMARY KEY, client_id INTEGER, package_id INTEGER, session_date DATE, "
      "session_time TIME, session_duration INTEGER, session_cost REAL, status TEXT, notes TEXT, created_at "
      "DATETIME, completed_at DATETIME)",
      "CREATE TABLE payment_records (id INTEGER PRIMARY KEY, client_id INTEGER, trainer_id INTEGER, package_id "
      "INTEGER, amount INTEGER, payment_method TEXT, payment_date TEXT, description TEXT, created_at TIMESTAMP)",
      "CREATE TABLE payments (id INTEGER PRIMARY KEY, client_id INTEGER, package_id INTEGER, amount REAL, "
      "payment_method TEXT, description TEXT, payment_date DATE, created_at DATETIME)",
      "INSERT INTO trainers VALUES (1, 'park', '$2b$12$abcdefghijklmnopqrstuv', '박코치', '', "
      "'2025-06-03 10:00:00', NULL, 3, '2999-01-01 00:00:00')",
      "INSERT INTO clients VALUES (1, 1, '한회원', 33, '남성', 172.0, 68.0, '', '', '2025-06-03 11:00:00')",
      "INSERT INTO assessments VALUES (1, 1, '2025-06-03', 2, 95, 55.5)",
      "INSERT INTO session_packages VALUES (1, 1, 1, 500000, 50000, 10, '450000', 9, '10회 PT', '', "
      "'2025-06-03 12:00:00', '2025-06-03 12:00:00', 1)",
      "INSERT INTO training_sessions VALUES (1, 1, 1, 1, '2025-06-04', '09:30:00', 50, 50000, 'completed', '', "
      "'2025-06-04 00:00:00', '2025-06-04 01:00:00')",
      "INSERT INTO sessions VALUES (1, 1, 1, '2025-06-05', NULL, 60, 50000.0, 'scheduled', '', "
      "'2025-06-04 02:00:00', NULL)",
      "INSERT INTO payment_records VALUES (1, 1, 1, 1, 500000, '현금', '2025-06-03', '패키지 구매: 10회 PT', "
      "'2025-06-03 12:00:00')",
      "INSERT INTO payments VALUES (1, 1, NULL, 30000.0, NULL, '음료', '2025-06-05', '2025-06-05 03:00:00')",
  });
  auto r = run_the5hc({"import-legacy", path}, base_env(db), db.dir());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "total                 8         8        0\n")) << r.out;
  EXPECT_EQ(text(db, "SELECT email || ' ' || failed_login_attempts || ' ' || locked_until FROM users"),
            "park@legacy.invalid 3 2999-01-01 00:00:00");
  // No assessments.trainer_id: the client's trainer.
  EXPECT_EQ(count(db, "SELECT count(*) FROM assessments a JOIN clients c ON c.id = a.client_id "
                      "WHERE a.trainer_id = c.trainer_id AND a.harvard_step_test_legacy_hr = 95"),
            1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM session_packages WHERE gross_amount IS NULL AND vat_rate_bp IS NULL "
                      "AND remaining_credits = 450000 AND package_name = '10회 PT' AND is_legacy = 1"),
            1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM sessions s JOIN session_packages p ON p.id = s.package_id "
                      "WHERE s.trainer_id = p.trainer_id"),
            2);
  EXPECT_EQ(text(db, "SELECT session_time || ' ' || session_duration FROM sessions WHERE status = 'completed'"),
            "09:30 50");
  EXPECT_EQ(count(db, "SELECT count(*) FROM sessions WHERE status = 'scheduled' AND credits_used = 0"), 1);
  EXPECT_EQ(text(db, "SELECT payment_method || ' ' || kind FROM payments WHERE amount = 500000"), "cash package_purchase");
  EXPECT_EQ(text(db, "SELECT payment_method || ' ' || kind || ' ' || description || ' ' || coalesce(package_id, 0) "
                     "FROM payments WHERE amount = 30000"),
            "other other 음료 0");
  EXPECT_EQ(count(db, "SELECT count(*) FROM payments WHERE vat_amount IS NULL"), 2);
}

TEST(LegacyGenerations, AnUnexpectedErrorRollsEverythingBackWithExit1) {
  TestDatabase db;
  ASSERT_EQ(run_the5hc({"migrate"}, base_env(db), db.dir()).exit_code, 0);
  auto path = db.dir() + "/bad.db";
  // A package with no sessions violates the new schema (total_sessions ≥ 1): not a documented skip reason.
  build(path, {
      "CREATE TABLE trainers (id INTEGER PRIMARY KEY, username TEXT, password_hash TEXT, name TEXT, email TEXT)",
      "CREATE TABLE clients (id INTEGER PRIMARY KEY, trainer_id INTEGER, name TEXT, age INTEGER, gender TEXT, "
      "height REAL, weight REAL)",
      "CREATE TABLE session_packages (id INTEGER PRIMARY KEY, client_id INTEGER, trainer_id INTEGER, total_amount "
      "INTEGER, session_price INTEGER, total_sessions INTEGER, remaining_credits INTEGER, remaining_sessions INTEGER)",
      "INSERT INTO trainers VALUES (1, 'oh', '$2b$12$x', '오코치', 'oh@studio.kr')",
      "INSERT INTO clients VALUES (1, 1, '오회원', 30, '남성', 170, 70)",
      "INSERT INTO session_packages VALUES (7, 1, 1, 0, 0, 0, 0, 0)",
  });
  auto r = run_the5hc({"import-legacy", path, "--report", db.dir() + "/r.json"}, base_env(db), db.dir());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "실패: session_packages 7: ")) << r.out;
  EXPECT_TRUE(contains(r.out, "가져온 데이터 없음")) << r.out;
  for (const char* table : {"organizations", "users", "trainers", "clients", "legacy_import_rows", "audit_log"})
    EXPECT_EQ(count(db, std::string("SELECT count(*) FROM ") + table), 0) << table;
}
