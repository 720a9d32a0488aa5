// Imports large enough to fill the PostgreSQL write batches (250 rows): everything arrives, and a row the new
// schema refuses in the middle of a full batch is still named in the failure report.
#include <gtest/gtest.h>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>

#include "config/config.hpp"
#include "store/database.hpp"
#include "support/harness.hpp"

using namespace the5hc;
using namespace the5hc::testing;

namespace {

const std::string kFixture = std::string(THE5HC_SOURCE_DIR) + "/tests/fixtures/legacy-streamlit.db";

long long count(const TestDatabase& db, const std::string& sql) {
  store::Database d(parse_database_url(db.url()), 1);
  long long n = -1;
  d.read([&](soci::session& s) { s << sql, soci::into(n); });
  return n;
}

// The sample plus `n` copies of assessment 1 (ids 1001…) spread over its clients, and `packages` packages of
// client 3 (ids 1001…), the one with id `bad_package` (if any) without sessions.
std::string grown_sample(const TestDatabase& db, int n, int packages, int bad_package = 0) {
  auto path = db.dir() + "/grown.db";
  std::filesystem::copy_file(kFixture, path, std::filesystem::copy_options::overwrite_existing);
  soci::session s(soci::sqlite3, "db=" + path);
  s << "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " + std::to_string(n) + ") "
       "INSERT INTO assessments (id, client_id, trainer_id, date, push_up_score, harvard_step_test_heart_rate, "
       "overall_score, created_at) SELECT 1000 + i, 3 + i % 10, 1, '2025-06-05', 2, 70 + i % 50, 24.0, "
       "'2025-06-05 10:00:00' FROM k";
  s << "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " + std::to_string(packages) + ") "
       "INSERT INTO session_packages (id, client_id, trainer_id, total_amount, session_price, total_sessions, "
       "remaining_credits, remaining_sessions, package_name) SELECT 1000 + i, 3, 1, 100000, 10000, "
       "CASE WHEN 1000 + i = " + std::to_string(bad_package) + " THEN 0 ELSE 10 END, 90000, 9, 'p' || i FROM k";
  return path;
}

}  // namespace

TEST(LegacyBatches, FullBatchesAndTheirRemaindersAllArrive) {
  TestDatabase db;
  ASSERT_EQ(run_the5hc({"migrate"}, base_env(db), db.dir()).exit_code, 0);
  auto legacy = grown_sample(db, 1203, 260);
  auto r = run_the5hc({"import-legacy", legacy}, base_env(db), db.dir());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("total              1505      1505        0\n"), std::string::npos) << r.out;
  EXPECT_EQ(count(db, "SELECT count(*) FROM assessments"), 1210);
  EXPECT_EQ(count(db, "SELECT count(*) FROM session_packages"), 265);
  EXPECT_EQ(count(db, "SELECT count(*) FROM legacy_import_rows"), 1505);
  // Every key points at the row it created, with the legacy values in it.
  EXPECT_EQ(count(db, "SELECT count(*) FROM legacy_import_rows l JOIN assessments a ON a.id = l.target_id "
                      "WHERE l.source_table = 'assessments' AND a.harvard_step_test_legacy_hr = 70 + l.source_id % 50 "
                      "AND l.source_id > 1000"),
            1203);
  EXPECT_EQ(count(db, "SELECT count(*) FROM legacy_import_rows l JOIN session_packages p ON p.id = l.target_id "
                      "WHERE l.source_table = 'session_packages' AND p.package_name = 'p' || (l.source_id - 1000) "
                      "AND l.source_id > 1000"),
            260);
  auto again = run_the5hc({"import-legacy", legacy}, base_env(db), db.dir());
  EXPECT_NE(again.out.find("total              1505         0     1505  already_imported 1505\n"), std::string::npos)
      << again.out;
}

TEST(LegacyBatches, ARefusedRowInsideAFullBatchIsNamedAndNothingIsWritten) {
  TestDatabase db;
  ASSERT_EQ(run_the5hc({"migrate"}, base_env(db), db.dir()).exit_code, 0);
  auto legacy = grown_sample(db, 10, 600, 1123);
  auto r = run_the5hc({"import-legacy", legacy}, base_env(db), db.dir());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("실패: session_packages 1123: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("가져온 데이터 없음"), std::string::npos) << r.out;
  EXPECT_EQ(count(db, "SELECT count(*) FROM session_packages"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM users"), 0);
}
