// Constraint violations become the pre-checks' errors (store/constraints.hpp), the pool wait is bounded, and every
// unique key of migrations/ has a translation.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <soci/soci.h>
#include <sstream>
#include <thread>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "config/config.hpp"
#include "store/constraints.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"

using namespace the5hc;
using namespace std::chrono_literals;

namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// (PostgreSQL name, SQLite detail) of every unique key a migration script declares: CREATE UNIQUE INDEX (on
// expressions: SQLite names the index), column UNIQUE and table UNIQUE (...) (named <table>_<cols>_key by
// PostgreSQL, "table.col, table.col" by SQLite).
std::set<std::pair<std::string, std::string>> declared_unique_keys(const std::string& script) {
  std::set<std::pair<std::string, std::string>> keys;
  static const std::regex create_table(R"(^CREATE TABLE (\w+))");
  static const std::regex unique_index(R"(^CREATE UNIQUE INDEX (\w+) ON (\w+) \((.*)\);)");
  static const std::regex table_unique(R"(^\s+UNIQUE \(([\w, ]+)\))");
  static const std::regex column_unique(R"(^\s+(\w+) .*\bUNIQUE\b)");
  std::istringstream in(script);
  std::string line, table;
  std::smatch m;
  while (std::getline(in, line)) {
    if (line.starts_with("--")) continue;
    if (std::regex_search(line, m, create_table)) {
      table = m[1];
    } else if (std::regex_search(line, m, unique_index)) {
      std::string columns = m[3];
      std::string sqlite;
      if (columns.find('(') != std::string::npos) {
        sqlite = "index '" + std::string(m[1]) + "'";
      } else {  // plain columns: "t.a, t.b"
        sqlite = std::string(m[2]) + "." + std::regex_replace(columns, std::regex(", *"), ", " + std::string(m[2]) + ".");
      }
      keys.emplace(m[1], sqlite);
    } else if (std::regex_search(line, m, table_unique)) {
      std::string pg = table, sqlite;
      std::istringstream cols(m[1]);
      std::string col;
      while (std::getline(cols, col, ',')) {
        col.erase(0, col.find_first_not_of(' '));
        pg += "_" + col;
        sqlite += (sqlite.empty() ? "" : ", ") + table + "." + col;
      }
      keys.emplace(pg + "_key", sqlite);
    } else if (std::regex_search(line, m, column_unique)) {
      keys.emplace(table + "_" + std::string(m[1]) + "_key", table + "." + std::string(m[1]));
    }
  }
  return keys;
}

std::string temp_db_path(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("the5hc-constraints-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = dir / name;
  for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

}  // namespace

TEST(StoreConstraints, EveryUniqueKeyOfTheMigrationsIsTranslated) {
  std::set<std::pair<std::string, std::string>> mapped;
  for (const auto& k : store::unique_keys()) mapped.emplace(k.postgres, k.sqlite);
  for (const char* engine : {"sqlite", "postgres"}) {
    auto declared = declared_unique_keys(
        read_text(std::filesystem::path(THE5HC_SOURCE_DIR) / "migrations" / (std::string("0001_initial.up.") + engine + ".sql")));
    EXPECT_GE(declared.size(), 10u) << engine;  // the parser found the keys at all
    for (const auto& key : declared)
      EXPECT_TRUE(mapped.count(key)) << engine << ": unique key " << key.first << " / " << key.second
                                     << " has no entry in store/constraints.cpp";
    for (const auto& key : mapped)
      EXPECT_TRUE(declared.count(key)) << engine << ": stale entry " << key.first << " / " << key.second;
  }
}

TEST(StoreConstraints, PostgresUniqueViolationsBecomeThePreChecksFieldErrors) {
  auto e = store::postgres_constraint_error(
      "23505",
      "ERROR:  duplicate key value violates unique constraint \"ux_clients_organization_email_lower\"\n"
      "DETAIL:  Key (organization_id, lower(email))=(1, a@example.com) already exists.\n");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code(), ErrorCode::validation);
  EXPECT_EQ(e->fields(), (FieldErrors{{"email", {"This email is already registered."}}}));
  EXPECT_EQ(i18n::tr(Lang::ko, e->fields().at("email").front()), "이미 등록된 이메일입니다.");

  auto slug = store::postgres_constraint_error("23505", "duplicate key value violates unique constraint \"organizations_slug_key\"");
  ASSERT_TRUE(slug);
  EXPECT_EQ(slug->fields(), (FieldErrors{{"slug", {"An organization with this slug already exists."}}}));

  auto token = store::postgres_constraint_error("23505", "duplicate key value violates unique constraint \"refresh_tokens_jti_key\"");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->code(), ErrorCode::conflict);
  auto unknown = store::postgres_constraint_error("23505", "duplicate key value violates unique constraint \"x_new\"");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->code(), ErrorCode::conflict);

  EXPECT_FALSE(store::postgres_constraint_error("23514", "new row violates check constraint \"clients_age_check\""));
  EXPECT_FALSE(store::postgres_constraint_error("40001", "could not serialize access"));
}

TEST(StoreConstraints, PostgresForeignKeyViolations) {
  auto missing = store::postgres_constraint_error(
      "23503",
      "ERROR:  insert or update on table \"clients\" violates foreign key constraint \"clients_trainer_id_fkey\"\n"
      "DETAIL:  Key (trainer_id)=(77) is not present in table \"trainers\".\n");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->code(), ErrorCode::validation);
  ASSERT_EQ(missing->fields().count("trainer"), 1u);
  EXPECT_EQ(i18n::tr(Lang::en, missing->fields().at("trainer").front()), "Invalid pk \"77\" - object does not exist.");

  auto referenced = store::postgres_constraint_error(
      "23503",
      "ERROR:  update or delete on table \"clients\" violates foreign key constraint \"payments_client_id_fkey\" on "
      "table \"payments\"\nDETAIL:  Key (id)=(3) is still referenced from table \"payments\".\n");
  ASSERT_TRUE(referenced);
  EXPECT_EQ(referenced->code(), ErrorCode::conflict);
  EXPECT_EQ(referenced->message(), "A client with payment records cannot be deleted.");

  auto other = store::postgres_constraint_error(
      "23503", "update or delete on table \"users\" violates foreign key constraint \"x_fkey\" on table \"x\"");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->code(), ErrorCode::conflict);
  EXPECT_EQ(other->message(), "This object is still in use and cannot be deleted.");
}

TEST(StoreConstraints, SqliteMessages) {
  auto e = store::sqlite_constraint_error(19, "UNIQUE constraint failed: index 'ux_users_email_lower'");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->fields(), (FieldErrors{{"email", {"A user with that email already exists."}}}));
  auto extended = store::sqlite_constraint_error(2067, "UNIQUE constraint failed: organizations.slug");
  ASSERT_TRUE(extended);
  EXPECT_EQ(extended->fields().count("slug"), 1u);
  // a key that is a prefix of a longer one is not confused with it
  auto pair = store::sqlite_constraint_error(
      19, "UNIQUE constraint failed: mcq_responses.assessment_id, mcq_responses.question_id");
  ASSERT_TRUE(pair);
  EXPECT_EQ(pair->code(), ErrorCode::conflict);
  auto fk = store::sqlite_constraint_error(787, "FOREIGN KEY constraint failed");
  ASSERT_TRUE(fk);
  EXPECT_EQ(fk->code(), ErrorCode::conflict);
  EXPECT_FALSE(store::sqlite_constraint_error(19, "CHECK constraint failed: age"));
  EXPECT_FALSE(store::sqlite_constraint_error(5, "database is locked"));
}

// The real thing on SQLite: Database::write() answers a violated unique key with the pre-check's error and rolls
// the transaction back.
TEST(StoreConstraints, WriteTranslatesAViolationOnARealDatabase) {
  store::Database db(parse_database_url("sqlite:///" + temp_db_path("violations.db")), 2);
  store::Migrator(db).up();
  auto insert_user = [&](const std::string& username, const std::string& email) {
    db.write([&](soci::session& sql) {
      sql << "INSERT INTO users (username, email, name, password_hash, date_joined, updated_at) "
             "VALUES (:u, :e, 'n', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
          soci::use(username), soci::use(email);
    });
  };
  insert_user("alice", "alice@example.com");
  try {
    insert_user("ALICE", "other@example.com");
    ADD_FAILURE() << "duplicate username accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation);
    EXPECT_EQ(e.fields(), (FieldErrors{{"username", {"A user with that username already exists."}}}));
  }
  try {
    insert_user("bob", "Alice@Example.com");
    ADD_FAILURE() << "duplicate e-mail accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.fields(), (FieldErrors{{"email", {"A user with that email already exists."}}}));
  }
  try {
    db.write([](soci::session& sql) {
      sql << "INSERT INTO trainers (user_id, organization_id, created_at, updated_at) "
             "VALUES (99999, 99999, '2026-01-01 00:00:00', '2026-01-01 00:00:00')";
    });
    ADD_FAILURE() << "a dangling reference was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
  int users = db.read([](soci::session& sql) {
    int n = 0;
    sql << "SELECT count(*) FROM users", soci::into(n);
    return n;
  });
  EXPECT_EQ(users, 1);
  EXPECT_TRUE(db.checkpoint());
}

// A pool with every connection taken answers Error(unavailable) after the pool timeout instead of waiting forever.
TEST(StoreDatabase, PoolWaitIsBounded) {
  store::Database db(parse_database_url("sqlite:///" + temp_db_path("pool.db")), 1, 100ms);
  auto held = db.acquire();
  auto start = std::chrono::steady_clock::now();
  try {
    db.acquire();
    ADD_FAILURE() << "acquire on an exhausted pool returned";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::unavailable);
    EXPECT_EQ(e.headers.at("Retry-After"), "1");
    EXPECT_EQ(i18n::tr(Lang::ko, e.message()), "서버가 혼잡합니다. 잠시 후 다시 시도해주세요.");
  }
  auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_GE(waited, 90ms);
  EXPECT_LT(waited, 5s);
  EXPECT_EQ(db.stats().in_use, 1);
  // a connection released while someone waits is handed over
  std::thread release([c = std::move(held)]() mutable {
    std::this_thread::sleep_for(20ms);
    auto gone = std::move(c);
  });
  EXPECT_NO_THROW(db.acquire());
  release.join();
}
