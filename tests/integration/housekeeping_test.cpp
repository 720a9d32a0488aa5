// Housekeeping inside `serve` (OPERATIONS.md §7), the one-node claim of scheduled jobs, and `seed-standards`
// (OPERATIONS.md §2) on the selected engine.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "common/time.hpp"
#include "config/config.hpp"
#include "store/database.hpp"
#include "store/housekeeping.hpp"
#include "support/harness.hpp"
#include "support/sql_probe.hpp"

using namespace the5hc;
using namespace the5hc::testing;

namespace {

class Operations : public ::testing::Test {
 protected:
  void SetUp() override {
    env = base_env(db);
    env["LC_ALL"] = "ko_KR.UTF-8";  // the messages' language, whatever the test runner's locale
    auto up = run_the5hc({"migrate"}, env, db.dir());
    ASSERT_EQ(up.exit_code, 0) << up.err;
    create_user(db, "owner", "Studio-pass-77", {"--create-organization", "Tidy Studio"});
  }
  TestDatabase db;
  Env env;
};

std::string ago(std::chrono::hours h) { return format_timestamp(std::chrono::system_clock::now() - h); }
std::string ahead(std::chrono::hours h) { return format_timestamp(std::chrono::system_clock::now() + h); }

}  // namespace

TEST_F(Operations, ServeDeletesExpiredSessionsTokensAndOldReadNotificationsAndExpiresInvitations) {
  using std::chrono::hours;
  SqlProbe sql(db);
  auto user = std::to_string(sql.count("SELECT id FROM users WHERE username = 'owner'"));
  auto org = std::to_string(sql.count("SELECT id FROM organizations"));
  auto session = [&](const std::string& id, const std::string& expires) {
    sql.exec("INSERT INTO web_sessions (id, user_id, csrf_secret, created_at, expires_at, last_seen_at) VALUES ('" + id +
             "', " + user + ", 's', '" + ago(hours(100)) + "', '" + expires + "', '" + ago(hours(100)) + "')");
  };
  session("old", ago(hours(49)));
  session("just-expired", ago(hours(2)));  // kept for a day after its expiry
  session("live", ahead(hours(5)));
  auto token = [&](const std::string& jti, const std::string& expires) {
    sql.exec("INSERT INTO refresh_tokens (jti, family_id, user_id, issued_at, expires_at) VALUES ('" + jti + "', 'f', " +
             user + ", '" + ago(hours(400)) + "', '" + expires + "')");
  };
  token("old", ago(hours(30)));
  token("live", ahead(hours(30)));
  auto notification = [&](int read, const std::string& created) {
    sql.exec("INSERT INTO notifications (user_id, organization_id, type, is_read, created_at) VALUES (" + user + ", " +
             org + ", 'client_added', " + std::to_string(read) + ", '" + created + "')");
  };
  notification(1, ago(hours(24 * 200)));
  notification(0, ago(hours(24 * 200)));  // unread: kept
  notification(1, ago(hours(24 * 10)));
  auto invitation = [&](const std::string& code, const std::string& expires) {
    sql.exec("INSERT INTO invitations (organization_id, email, code, status, created_at, expires_at) VALUES (" + org +
             ", '" + code + "@example.com', '" + code + "', 'pending', '" + ago(hours(24 * 8)) + "', '" + expires +
             "')");
  };
  invitation("late", ago(hours(1)));
  invitation("open", ahead(hours(24)));
  long long audit = sql.count("SELECT count(*) FROM audit_log");

  Env info = env;
  info["LOG_LEVEL"] = "info";  // the pass logs what it did
  ServerProcess server(info, db.dir());
  // Housekeeping runs when serve starts, then hourly.
  for (int i = 0; i < 100 && server.output().find("housekeeping done") == std::string::npos; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(sql.text("SELECT id FROM web_sessions ORDER BY id"), "just-expired");
  EXPECT_EQ(sql.count("SELECT count(*) FROM web_sessions"), 2);
  EXPECT_EQ(sql.text("SELECT jti FROM refresh_tokens"), "live");
  EXPECT_EQ(sql.count("SELECT count(*) FROM refresh_tokens"), 1);
  EXPECT_EQ(sql.count("SELECT count(*) FROM notifications"), 2);
  EXPECT_EQ(sql.count("SELECT count(*) FROM notifications WHERE is_read = 1"), 1);
  EXPECT_EQ(sql.text("SELECT status FROM invitations WHERE code = 'late'"), "expired");
  EXPECT_EQ(sql.text("SELECT status FROM invitations WHERE code = 'open'"), "pending");
  EXPECT_EQ(sql.count("SELECT count(*) FROM audit_log"), audit);
  EXPECT_NE(server.output().find("housekeeping done"), std::string::npos) << server.output();
}

TEST_F(Operations, AScheduledSlotIsClaimedByOneProcessOnly) {
  auto url = parse_database_url(db.url());
  store::Database a(url, 2), b(url, 2);
  auto now = std::chrono::system_clock::now();
  std::atomic<int> wins{0};
  std::vector<std::thread> nodes;
  for (int i = 0; i < 8; ++i)
    nodes.emplace_back([&, i] {
      if (store::claim_job(i % 2 ? a : b, "backup", "2026-12-05", now)) ++wins;
    });
  for (auto& t : nodes) t.join();
  EXPECT_EQ(wins, 1);
  EXPECT_FALSE(store::claim_job(a, "backup", "2026-12-04", now));  // an older slot never runs again
  EXPECT_TRUE(store::claim_job(b, "backup", "2026-12-06", now));
  EXPECT_TRUE(store::claim_job(a, "housekeeping", "2026-12-06T02", now));  // jobs are independent
}

TEST_F(Operations, SeedStandardsIsIdempotentAndResetRestoresEdits) {
  // Migration 0002 seeded the same data: nothing to do.
  auto first = run_the5hc({"seed-standards"}, env, db.dir());
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("test_standards: 추가 0, 수정 0, 변경 없음 16"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("normative_data: 추가 0, 수정 0, 변경 없음 40"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("mcq_choices: 추가 0, 수정 0, 변경 없음 25"), std::string::npos) << first.out;

  SqlProbe sql(db);
  sql.exec("UPDATE test_standards SET excellent = 99 WHERE test_type = 'toe_touch'");
  sql.exec("DELETE FROM normative_data WHERE test_type = 'overall' AND gender = 'F'");
  Env en = env;
  en["LC_ALL"] = "en_US.UTF-8";
  auto dry = run_the5hc({"seed", "--dry-run", "--reset"}, en, db.dir());
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("test_standards: 0 inserted, 1 updated, 15 unchanged"), std::string::npos) << dry.out;
  EXPECT_NE(dry.out.find("normative_data: 5 inserted, 0 updated, 35 unchanged"), std::string::npos) << dry.out;
  EXPECT_EQ(sql.count("SELECT count(*) FROM normative_data"), 35);

  auto kept = run_the5hc({"seed", "--only", "standards"}, en, db.dir());
  ASSERT_EQ(kept.exit_code, 0) << kept.err;
  EXPECT_NE(kept.out.find("test_standards: 0 inserted, 0 updated, 16 unchanged (1 edited"), std::string::npos)
      << kept.out;
  EXPECT_EQ(kept.out.find("normative_data"), std::string::npos) << kept.out;
  EXPECT_EQ(sql.real("SELECT excellent FROM test_standards WHERE test_type = 'toe_touch'"), 99);

  auto reset = run_the5hc({"seed", "--reset"}, en, db.dir());
  ASSERT_EQ(reset.exit_code, 0) << reset.err;
  EXPECT_NE(reset.out.find("normative_data: 5 inserted, 0 updated, 35 unchanged"), std::string::npos) << reset.out;
  EXPECT_EQ(sql.real("SELECT excellent FROM test_standards WHERE test_type = 'toe_touch'"), 5);
  auto again = run_the5hc({"seed", "--reset"}, en, db.dir());
  EXPECT_NE(again.out.find("test_standards: 0 inserted, 0 updated, 16 unchanged"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("normative_data: 0 inserted, 0 updated, 40 unchanged"), std::string::npos) << again.out;

  // Into an empty bank: everything inserted, with the question codes the migration uses.
  sql.exec("DELETE FROM mcq_choices");
  sql.exec("DELETE FROM mcq_questions");
  sql.exec("DELETE FROM mcq_categories");
  auto mcq = run_the5hc({"seed", "--only", "mcq"}, en, db.dir());
  EXPECT_NE(mcq.out.find("mcq_questions: 6 inserted"), std::string::npos) << mcq.out;
  EXPECT_NE(mcq.out.find("mcq_choices: 25 inserted"), std::string::npos) << mcq.out;
  EXPECT_EQ(sql.count("SELECT count(*) FROM mcq_choices WHERE question_id = (SELECT id FROM mcq_questions WHERE code = "
                      "'goal_confidence')"),
            5);
  EXPECT_EQ(run_the5hc({"seed", "--only", "everything"}, env, db.dir()).exit_code, 2);
}
