// Migrations through the real binary on the selected engine (SQLite or the throw-away PostgreSQL).
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <algorithm>

#include "config/config.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "support/harness.hpp"

using namespace the5hc;
using namespace the5hc::testing;

namespace {
std::vector<store::TableColumns> schema_of(const std::string& url) {
  store::Database db(parse_database_url(url), 1);
  return store::describe_schema(db);
}
std::string dump(const std::vector<store::TableColumns>& schema) {
  std::string s;
  for (const auto& t : schema) {
    s += t.table + ":";
    for (const auto& c : t.columns) s += " " + c;
    s += "\n";
  }
  return s;
}
}  // namespace

TEST(Migrations, UpDownUpLeavesTheSameSchema) {
  TestDatabase db;
  auto env = base_env(db);
  auto up = run_the5hc({"migrate"}, env, db.dir());
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  auto first = schema_of(db.url());
  ASSERT_GT(first.size(), 1u);

  auto plan = run_the5hc({"migrate", "plan", "--check"}, env, db.dir());
  EXPECT_EQ(plan.exit_code, 0) << plan.out;
  EXPECT_NE(plan.out.find("no pending migrations"), std::string::npos);

  auto down = run_the5hc({"migrate", "down", "999", "--yes"}, env, db.dir());
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  auto empty = schema_of(db.url());
  ASSERT_EQ(empty.size(), 1u) << dump(empty);  // only the runner's own table remains
  EXPECT_EQ(empty[0].table, "schema_migrations");
  auto pending = run_the5hc({"migrate", "plan", "--check"}, env, db.dir());
  EXPECT_EQ(pending.exit_code, 1);
  EXPECT_NE(pending.out.find("[pending]"), std::string::npos);

  auto again = run_the5hc({"migrate", "up"}, env, db.dir());
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(dump(schema_of(db.url())), dump(first));
}

TEST(Migrations, DownNeedsACountAndUpIsIdempotent) {
  TestDatabase db;
  auto env = base_env(db);
  EXPECT_EQ(run_the5hc({"migrate", "down"}, env, db.dir()).exit_code, 2);
  auto fresh = run_the5hc({"migrate", "plan", "--check"}, env, db.dir());
  EXPECT_EQ(fresh.exit_code, 1) << "an empty database has everything pending: " << fresh.out << fresh.err;
  EXPECT_TRUE(schema_of(db.url()).empty()) << "planning writes nothing, not even the runner's table";
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  auto second = run_the5hc({"migrate"}, env, db.dir());
  EXPECT_EQ(second.exit_code, 0);
  EXPECT_NE(second.out.find("no pending migrations"), std::string::npos);
}

TEST(Migrations, ChangedChecksumOfAnAppliedMigrationIsRefused) {
  TestDatabase db;
  auto env = base_env(db);
  ASSERT_EQ(run_the5hc({"migrate", "--to", "1"}, env, db.dir()).exit_code, 0);
  {
    // What an edited migration file looks like from the database's side.
    store::Database d(parse_database_url(db.url()), 1);
    d.write([](soci::session& sql) { sql << "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1"; });
  }
  auto r = run_the5hc({"migrate"}, env, db.dir());
  EXPECT_EQ(r.exit_code, 4) << r.out << r.err;
  EXPECT_NE(r.err.find("checksum"), std::string::npos) << r.err;
}

TEST(Migrations, BothEnginesEndUpWithTheSameTablesAndColumns) {
  if (!postgres_selected()) GTEST_SKIP() << "compared in the PostgreSQL run, which also builds an SQLite database";
  TestDatabase pg;
  ASSERT_EQ(run_the5hc({"migrate"}, base_env(pg), pg.dir()).exit_code, 0);
  auto sqlite_env = base_env(pg);
  sqlite_env["DATABASE_URL"] = "sqlite:///" + pg.dir() + "/compare.db";
  ASSERT_EQ(run_the5hc({"migrate"}, sqlite_env, pg.dir()).exit_code, 0);
  EXPECT_EQ(dump(schema_of(pg.url())), dump(schema_of(sqlite_env["DATABASE_URL"])));
}

TEST(Configuration, InvalidValuesStopWithExit78NamingTheVariable) {
  TestDatabase db;
  auto env = base_env(db);
  env["PORT"] = "abc";
  auto r = run_the5hc({"migrate", "plan"}, env, db.dir());
  EXPECT_EQ(r.exit_code, 78);
  EXPECT_NE(r.err.find("PORT"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << "one line, no stack trace: " << r.err;
  env = base_env(db);
  env["DATABASE_URL"] = "mysql://nope";
  r = run_the5hc({"migrate"}, env, db.dir());
  EXPECT_EQ(r.exit_code, 78);
  EXPECT_NE(r.err.find("DATABASE_URL"), std::string::npos) << r.err;
}

TEST(Configuration, UnreachableDatabaseIsExit4) {
  TestDatabase db;
  auto env = base_env(db);
  env["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none";
  auto r = run_the5hc({"migrate"}, env, db.dir());
  EXPECT_EQ(r.exit_code, 4) << r.err;
}
