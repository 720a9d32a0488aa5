// The known legacy trainer of the sample logs in over the API with the legacy password after the import, and the
// stored bcrypt hash is replaced by argon2id (LEGACY.md §5, §7.4).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <filesystem>

#include "config/config.hpp"
#include "store/database.hpp"
#include "support/harness.hpp"

using namespace the5hc;
using namespace the5hc::testing;
using nlohmann::json;

namespace {
std::string stored_hash(const TestDatabase& db, const std::string& username) {
  store::Database d(parse_database_url(db.url()), 1);
  std::string hash;
  d.read([&](soci::session& s) {
    s << "SELECT password_hash FROM users WHERE username = :u", soci::into(hash), soci::use(username);
  });
  return hash;
}
}  // namespace

TEST(LegacyLogin, TheImportedTrainerLogsInWithTheLegacyPasswordAndIsUpgradedToArgon2id) {
  TestDatabase db;
  auto env = base_env(db);
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  auto legacy = db.dir() + "/legacy.db";
  std::filesystem::copy_file(std::string(THE5HC_SOURCE_DIR) + "/tests/fixtures/legacy-streamlit.db", legacy);
  auto r = run_the5hc({"import-legacy", legacy}, env, db.dir());
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_EQ(stored_hash(db, "testaccount").rfind("$2b$12$", 0), 0u);

  ServerProcess server(env, db.dir());
  auto login = [&](const std::string& password) {
    return http_request(server.port(), "POST", "/api/v1/auth/login/",
                        json{{"email_or_username", "testaccount"}, {"password", password}}.dump());
  };
  EXPECT_EQ(login("wrong-pass-1").status, 401);
  EXPECT_EQ(stored_hash(db, "testaccount").rfind("$2b$12$", 0), 0u) << "a failed login changes no hash";

  auto ok = login("legacy-pass-1");
  ASSERT_EQ(ok.status, 200) << ok.body;
  auto body = json::parse(ok.body);
  EXPECT_EQ(body["user"]["username"], "testaccount");
  EXPECT_EQ(body["user"]["trainer"]["organization"]["slug"], "the5hc-fitness-center");
  EXPECT_EQ(body["user"]["must_change_password"], false);  // legacy-pass-1 meets today's policy
  EXPECT_EQ(stored_hash(db, "testaccount").rfind("$argon2id$", 0), 0u);

  // The upgraded hash verifies the same password.
  EXPECT_EQ(login("legacy-pass-1").status, 200);
  EXPECT_EQ(server.get("/api/v1/users/me/", bearer(body["access"])).status, 200);
}
