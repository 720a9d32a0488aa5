// `the5hc import-legacy` through the real binary on the selected engine, with the shipped legacy sample
// (LEGACY.md §6, §7.4) and variants of it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/harness.hpp"
#include "support/sql_probe.hpp"

using namespace the5hc;
using namespace the5hc::testing;

namespace {

const std::string kFixture = std::string(THE5HC_SOURCE_DIR) + "/tests/fixtures/legacy-streamlit.db";
const std::vector<std::string> kTables{"organizations", "users",    "trainers",      "clients",
                                       "assessments",   "session_packages", "sessions", "payments",
                                       "fee_audit_log", "audit_log", "legacy_import_rows"};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A private copy of the sample (the importer must never write to it; tests check that too).
std::string fixture_copy(const TestDatabase& db, const std::string& name = "legacy.db") {
  auto path = db.dir() + "/" + name;
  std::filesystem::copy_file(kFixture, path, std::filesystem::copy_options::overwrite_existing);
  return path;
}

// The imported database, plus the row counts of every table the import writes.
class Target : public SqlProbe {
 public:
  using SqlProbe::SqlProbe;
  std::map<std::string, long long> counts() {
    std::map<std::string, long long> out;
    for (const auto& t : kTables) out[t] = count("SELECT count(*) FROM " + t);
    return out;
  }
};

CommandResult migrate(const TestDatabase& db) { return run_the5hc({"migrate"}, base_env(db), db.dir()); }

CommandResult import(const TestDatabase& db, std::vector<std::string> args) {
  args.insert(args.begin(), "import-legacy");
  return run_the5hc(args, base_env(db), db.dir());
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST(LegacyImport, TheSampleImportsCompletelyWithTheDocumentedNumbers) {
  TestDatabase db;
  ASSERT_EQ(migrate(db).exit_code, 0);
  auto legacy = fixture_copy(db);
  auto before = read_file(legacy);
  auto r = import(db, {legacy});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "table              read  imported  skipped  reasons\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "trainers              7         7        0\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "fee_audit_log         0         0        0\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "total                42        42        0\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "(the5hc-fitness-center), memberships 7 (owner: criminal)")) << r.out;
  EXPECT_TRUE(contains(r.out, "warnings: 0")) << r.out;
  EXPECT_EQ(read_file(legacy), before) << "the legacy file must not be modified";

  Target t(db);
  EXPECT_EQ(t.count("SELECT count(*) FROM organizations WHERE slug = 'the5hc-fitness-center' AND max_trainers = 10 "
                    "AND timezone = 'Asia/Seoul' AND vat_rate_bp = 1000 AND card_fee_rate_bp = 350"),
            1);
  EXPECT_EQ(t.count("SELECT count(*) FROM users"), 7);
  EXPECT_EQ(t.count("SELECT count(*) FROM trainers WHERE session_price = 50000 AND is_active = 1"), 7);
  EXPECT_EQ(t.text("SELECT u.username FROM trainers t JOIN users u ON u.id = t.user_id WHERE t.role = 'owner'"),
            "criminal");
  EXPECT_EQ(t.text("SELECT password_hash FROM users WHERE username = 'testaccount'"),
            "$2b$12$ajYJ4uAVD3Q7P9m.A3cW5uAj3Y3/PfAzwaBJ0l1nFQG1VXQRagMua");
  EXPECT_EQ(t.text("SELECT email FROM users WHERE username = 'testaccount'"), "trainer7@example.com");

  EXPECT_EQ(t.count("SELECT count(*) FROM clients WHERE gender = 'male' AND age = 30 AND email IS NULL "
                    "AND phone IS NULL"),
            10);
  EXPECT_EQ(t.count("SELECT count(*) FROM clients WHERE name = '이정수'"), 1);
  EXPECT_EQ(t.text("SELECT u.username FROM clients c JOIN trainers t ON t.id = c.trainer_id "
                   "JOIN users u ON u.id = t.user_id WHERE c.name = '김민수'"),
            "criminal");

  EXPECT_EQ(t.count("SELECT count(*) FROM assessments WHERE is_legacy = 1 AND overall_score = 24.0 "
                    "AND harvard_step_test_legacy_hr = 80 AND harvard_step_test_hr1 IS NULL"),
            7);
  EXPECT_EQ(t.count("SELECT count(*) FROM assessments WHERE strength_score = 25.0 AND mobility_score = 37.5 "
                    "AND balance_score = 12.5 AND cardio_score = 20.0 AND push_up_score = 1 AND push_up_reps = 0"),
            7);

  EXPECT_EQ(t.count("SELECT count(*) FROM session_packages WHERE is_legacy = 1 AND session_price = 60000 "
                    "AND is_active = 1 AND vat_rate_bp = 1000 AND card_fee_rate_bp = 350"),
            5);
  // §6: package 1 (client 김민수) and package 5 unchanged, breakdown included.
  EXPECT_EQ(t.text("SELECT p.package_name || '|' || p.total_amount || '|' || p.total_sessions || '|' || "
                   "p.remaining_sessions || '|' || p.remaining_credits || '|' || p.gross_amount || '|' || "
                   "p.vat_amount || '|' || p.card_fee_amount || '|' || p.net_amount "
                   "FROM session_packages p JOIN clients c ON c.id = p.client_id WHERE c.name = '김민수'"),
            "4회 패키지|300000|4|2|157336|300000|27273|10500|262227");
  EXPECT_EQ(t.text("SELECT total_amount || '|' || total_sessions || '|' || remaining_sessions || '|' || "
                   "remaining_credits || '|' || net_amount FROM session_packages WHERE total_sessions = 38"),
            "2280000|38|37|1932927|1992927");

  EXPECT_EQ(t.count("SELECT count(*) FROM sessions WHERE status = 'completed' AND session_cost = 60000 "
                    "AND sessions_used = 1 AND credits_used = 60000"),
            7);
  EXPECT_EQ(t.count("SELECT count(*) FROM sessions WHERE session_time = '10:00'"), 4);
  EXPECT_EQ(t.count("SELECT count(*) FROM sessions WHERE session_time IS NULL"), 3);
  EXPECT_EQ(t.text("SELECT s.session_date || ' ' || s.completed_at FROM sessions s JOIN clients c "
                   "ON c.id = s.client_id WHERE c.name = 'werwer'"),
            "2025-06-04 2025-06-03 20:24:52");

  EXPECT_EQ(t.count("SELECT count(*) FROM payments WHERE is_legacy = 1"), 6);
  EXPECT_EQ(t.count("SELECT sum(amount) FROM payments"), 5160000);
  EXPECT_EQ(t.count("SELECT count(*) FROM payments WHERE payment_method = 'other'"), 3);
  EXPECT_EQ(t.count("SELECT count(*) FROM payments WHERE payment_method = 'card'"), 3);
  EXPECT_EQ(t.count("SELECT count(*) FROM payments WHERE kind = 'package_purchase'"), 5);
  EXPECT_EQ(t.count("SELECT count(*) FROM payments WHERE kind = 'top_up' AND description = '크래딧 충전' "
                    "AND net_amount = 262227"),
            1);
  EXPECT_EQ(t.count("SELECT count(*) FROM payments WHERE description = '(결제수단: Package Purchase)'"), 3);

  EXPECT_EQ(t.count("SELECT count(*) FROM legacy_import_rows WHERE source = 'streamlit'"), 42);
  EXPECT_EQ(t.count("SELECT count(*) FROM legacy_import_rows WHERE raw LIKE '%$2b$%'"), 0)
      << "legacy password hashes are not copied into raw";
  EXPECT_EQ(t.count("SELECT count(*) FROM audit_log WHERE action = 'legacy_import' AND extra LIKE '%\"tables\"%'"), 1);
  EXPECT_EQ(t.count("SELECT count(*) FROM notifications"), 0);
}

TEST(LegacyImport, ASecondRunImportsNothingAndALaterRunOnlyTheNewRows) {
  TestDatabase db;
  ASSERT_EQ(migrate(db).exit_code, 0);
  auto legacy = fixture_copy(db);
  ASSERT_EQ(import(db, {legacy}).exit_code, 0);
  Target t(db);
  auto after_first = t.counts();

  auto again = import(db, {legacy});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_TRUE(contains(again.out, "total                42         0       42  already_imported 42\n")) << again.out;
  auto after_second = t.counts();
  after_second["audit_log"] -= 1;  // each run leaves its audit row
  EXPECT_EQ(after_second, after_first);

  // The legacy app kept running: one new client with an assessment, one invalid client, an orphan assessment,
  // a session duplicated across the two session tables and a package of another client.
  {
    soci::session s(soci::sqlite3, "db=" + legacy);
    s << "INSERT INTO clients (id, trainer_id, name, age, gender, height, weight, email, phone) "
         "VALUES (13, 7, '박서연', 28, '여성', 162.5, 55.0, 'seoyeon@example.com', '010-2222-3333')";
    s << "INSERT INTO clients (id, trainer_id, name, age, gender, height, weight) "
         "VALUES (14, 7, '정하나', 28, '기타', 162.5, 55.0)";
    s << "INSERT INTO assessments (id, client_id, trainer_id, date, overall_score) VALUES (8, 13, 7, '2025-06-09', 50)";
    s << "INSERT INTO assessments (id, client_id, trainer_id, date) VALUES (9, 99, 7, '2025-06-09')";
    s << "INSERT INTO assessments (id, client_id, trainer_id, date) VALUES (10, 14, 7, '2025-06-09')";
    s << "INSERT INTO sessions (id, client_id, package_id, session_date, session_time, session_duration, "
         "session_cost, status, trainer_id) VALUES (5, 4, 1, '2025-06-03', '10:00:44', 60, 60000, 'completed', 1)";
    s << "INSERT INTO sessions (id, client_id, package_id, session_date, session_duration, session_cost, status) "
         "VALUES (6, 12, 4, '2025-06-10', 60, 60000, 'scheduled')";
    s << "INSERT INTO sessions (id, client_id, package_id, session_date, session_duration, session_cost, status) "
         "VALUES (7, 12, 5, '2025-06-11', 60, 60000, 'postponed')";
  }
  auto later = import(db, {legacy, "--report", db.dir() + "/later.json"});
  ASSERT_EQ(later.exit_code, 0) << later.out << later.err;
  EXPECT_TRUE(contains(later.out, "clients              12         1       11  already_imported 10, invalid_gender 1"))
      << later.out;
  EXPECT_TRUE(contains(later.out, "assessments          10         1        9  already_imported 7, parent_missing 1, "
                                  "parent_skipped 1"))
      << later.out;
  EXPECT_TRUE(contains(later.out, "sessions              7         0        7  already_imported 4, client_mismatch 1, "
                                  "duplicate_of 1, invalid_status 1"))
      << later.out;
  EXPECT_TRUE(contains(later.out, "sessions 5: duplicate_of (training_sessions 1)")) << later.out;
  EXPECT_EQ(t.count("SELECT count(*) FROM clients"), 11);
  EXPECT_EQ(t.text("SELECT gender || ' ' || phone || ' ' || email FROM clients WHERE name = '박서연'"),
            "female 010-2222-3333 seoyeon@example.com");
  EXPECT_EQ(t.count("SELECT count(*) FROM assessments"), 8);
  EXPECT_EQ(t.count("SELECT count(*) FROM sessions"), 7);

  auto report = nlohmann::json::parse(read_file(db.dir() + "/later.json"));
  for (const auto& table : report["tables"])
    if (table["table"] == "assessments") {
      EXPECT_EQ(table["reasons"]["parent_missing"], 1);
      bool orphan = false;
      for (const auto& row : table["skipped_rows"]) orphan = orphan || (row["id"] == 9 && row["reason"] == "parent_missing");
      EXPECT_TRUE(orphan) << table.dump();
    }
}

TEST(LegacyImport, DryRunReportsTheFirstRunAndWritesNothing) {
  TestDatabase db;
  ASSERT_EQ(migrate(db).exit_code, 0);
  Target t(db);
  auto before = t.counts();
  auto r = import(db, {fixture_copy(db), "--dry-run", "--report", db.dir() + "/dry.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "total                42        42        0\n")) << r.out;
  EXPECT_TRUE(contains(r.out, "시험 실행 — 아무것도 기록하지 않았습니다.")) << r.out;
  EXPECT_EQ(t.counts(), before);
  EXPECT_EQ(nlohmann::json::parse(read_file(db.dir() + "/dry.json"))["dry_run"], true);
}

TEST(LegacyImport, TheJsonReportHasTheDocumentedShape) {
  TestDatabase db;
  ASSERT_EQ(migrate(db).exit_code, 0);
  auto r = import(db, {fixture_copy(db), "--report", db.dir() + "/report.json", "--source", "studio-a"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  auto j = nlohmann::json::parse(read_file(db.dir() + "/report.json"));
  EXPECT_EQ(j["source"], "studio-a");
  EXPECT_EQ(j["dry_run"], false);
  ASSERT_EQ(j["tables"].size(), 9u);
  std::vector<std::string> order;
  for (const auto& t : j["tables"]) {
    order.push_back(t["table"]);
    for (const char* k : {"read", "imported", "skipped", "reasons", "skipped_rows"}) EXPECT_TRUE(t.contains(k)) << k;
  }
  EXPECT_EQ(order, (std::vector<std::string>{"trainers", "clients", "assessments", "session_packages",
                                             "training_sessions", "sessions", "payment_records", "payments",
                                             "fee_audit_log"}));
  EXPECT_EQ(j["tables"][2]["imported"], 7);
  EXPECT_EQ(j["totals"]["read"], 42);
  EXPECT_EQ(j["totals"]["imported"], 42);
  EXPECT_EQ(j["totals"]["skipped"], 0);
  EXPECT_EQ(j["created"]["organization"]["slug"], "the5hc-fitness-center");
  EXPECT_EQ(j["created"]["memberships"], 7);
  EXPECT_EQ(j["created"]["owner"], "criminal");
  EXPECT_TRUE(j["warnings"].is_array());
  Target t(db);
  EXPECT_EQ(t.count("SELECT count(*) FROM legacy_import_rows WHERE source = 'studio-a'"), 42);
}

TEST(LegacyImport, WhatIsNotALegacyDatabaseIsRefusedWithExit2AndNothingWritten) {
  TestDatabase db;
  ASSERT_EQ(migrate(db).exit_code, 0);
  Target t(db);
  auto before = t.counts();
  auto dir = db.dir();
  std::ofstream(dir + "/empty.db").close();
  std::ofstream(dir + "/notes.txt") << "this is not a database\n";
  {
    // A damaged copy: the header survives, pages in the middle do not.
    auto bytes = read_file(kFixture);
    for (size_t i = 20000; i < 60000; ++i) bytes[i] = static_cast<char>(i * 7);
    std::ofstream(dir + "/corrupt.db", std::ios::binary) << bytes;
  }
  {
    soci::session s(soci::sqlite3, "db=" + dir + "/other.db");
    s << "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)";
  }
  // One of our own databases has trainers and clients tables too.
  auto own = base_env(db);
  own["DATABASE_URL"] = "sqlite:///" + dir + "/own.db";
  ASSERT_EQ(run_the5hc({"migrate"}, own, dir).exit_code, 0);

  for (const char* name : {"missing.db", "empty.db", "notes.txt", "corrupt.db", "other.db", "own.db"}) {
    auto r = import(db, {dir + "/" + name});
    EXPECT_EQ(r.exit_code, 2) << name << ": " << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "레거시 데이터베이스가 아닙니다: ")) << name << ": " << r.err;
  }
  EXPECT_EQ(t.counts(), before);
}

TEST(LegacyImport, TargetNotMigratedIsExit4AndUnknownOrganisationIdIsExit2) {
  TestDatabase db;
  auto legacy = fixture_copy(db);
  auto r = import(db, {legacy});
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_TRUE(contains(r.err, "먼저 `the5hc migrate up`을 실행하세요.")) << r.err;

  ASSERT_EQ(migrate(db).exit_code, 0);
  Target t(db);
  auto before = t.counts();
  r = import(db, {legacy, "--organization-id", "999"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(t.counts(), before);
  r = import(db, {legacy, "--owner", "nobody"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  r = import(db, {legacy, "--organisation", "A", "--organisation-id", "1"});
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_EQ(t.counts(), before);
}

TEST(LegacyImport, NamedOrganisationAndOwner) {
  TestDatabase db;
  ASSERT_EQ(migrate(db).exit_code, 0);
  auto r = import(db, {fixture_copy(db), "--organisation", "Gangnam PT Studio", "--owner", "testaccount"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  Target t(db);
  EXPECT_EQ(t.text("SELECT slug FROM organizations WHERE name = 'Gangnam PT Studio'"), "gangnam-pt-studio");
  EXPECT_EQ(t.text("SELECT u.username FROM trainers t JOIN users u ON u.id = t.user_id WHERE t.role = 'owner'"),
            "testaccount");
  EXPECT_EQ(t.count("SELECT count(*) FROM trainers WHERE role = 'trainer'"), 6);

  // The same organisation again, by id, under another source namespace: everything is new again.
  auto id = std::to_string(t.count("SELECT id FROM organizations"));
  r = import(db, {fixture_copy(db, "again.db"), "--organization-id", id, "--source", "second"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(t.count("SELECT count(*) FROM organizations"), 1);
  EXPECT_EQ(t.count("SELECT count(*) FROM users WHERE username LIKE '%-legacy%'"), 7) << r.out;
  EXPECT_EQ(t.count("SELECT max_trainers FROM organizations"), 14) << "raised to fit 14 trainers";
  EXPECT_TRUE(contains(r.out, "max_trainers raised from 10 to 14")) << r.out;
}

TEST(LegacyImport, CollidingUsersAreRenamedOrLinkedNeverMerged) {
  TestDatabase db;
  ASSERT_EQ(migrate(db).exit_code, 0);
  Target t(db);
  // An existing account named like a legacy trainer (another person), and one that is the same person.
  t.exec("INSERT INTO users (username, email, name, password_hash, date_joined, updated_at) VALUES "
         "('TestAccount', 'someone@else.kr', '다른 사람', '$argon2id$x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')");
  t.exec("INSERT INTO users (username, email, name, password_hash, date_joined, updated_at) VALUES "
         "('criminal', 'TRAINER1@example.com', '이트레이너', '$argon2id$y', '2026-01-01 00:00:00', "
         "'2026-01-01 00:00:00')");
  auto r = import(db, {fixture_copy(db), "--link-existing-users", "--report", db.dir() + "/r.json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(t.count("SELECT count(*) FROM users"), 8);  // 2 existing + 6 new: criminal was linked
  EXPECT_EQ(t.text("SELECT email FROM users WHERE username = 'testaccount-legacy7'"), "trainer7+legacy7@example.com");
  EXPECT_EQ(t.text("SELECT password_hash FROM users WHERE username = 'testaccount-legacy7'"),
            "$2b$12$ajYJ4uAVD3Q7P9m.A3cW5uAj3Y3/PfAzwaBJ0l1nFQG1VXQRagMua");
  EXPECT_EQ(t.text("SELECT password_hash FROM users WHERE username = 'TestAccount'"), "$argon2id$x");
  EXPECT_EQ(t.text("SELECT password_hash FROM users WHERE username = 'criminal'"), "$argon2id$y") << "never reset";
  EXPECT_EQ(t.count("SELECT count(*) FROM trainers t JOIN users u ON u.id = t.user_id WHERE u.username = 'criminal'"),
            1);
  EXPECT_EQ(t.count("SELECT count(*) FROM clients c JOIN trainers t ON t.id = c.trainer_id JOIN users u "
                    "ON u.id = t.user_id WHERE u.username = 'testaccount-legacy7'"),
            2);
  auto j = nlohmann::json::parse(read_file(db.dir() + "/r.json"));
  std::string warnings = j["warnings"].dump();
  EXPECT_TRUE(contains(warnings, "imported as testaccount-legacy7")) << warnings;
  EXPECT_TRUE(contains(warnings, "linked to existing user criminal")) << warnings;

  // Without --link-existing-users the same person is renamed as well.
  TestDatabase other;
  ASSERT_EQ(migrate(other).exit_code, 0);
  Target o(other);
  o.exec("INSERT INTO users (username, email, name, password_hash, date_joined, updated_at) VALUES "
         "('criminal', 'trainer1@example.com', '이트레이너', '$argon2id$y', '2026-01-01 00:00:00', "
         "'2026-01-01 00:00:00')");
  ASSERT_EQ(import(other, {fixture_copy(other)}).exit_code, 0);
  EXPECT_EQ(o.count("SELECT count(*) FROM users"), 8);
  EXPECT_EQ(o.text("SELECT email FROM users WHERE username = 'criminal-legacy1'"), "trainer1+legacy1@example.com");
}
