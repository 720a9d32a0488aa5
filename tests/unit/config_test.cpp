#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "config/config.hpp"

using namespace the5hc;

namespace {
// Runs each test in its own empty directory so that no .env or dev secret leaks between tests.
class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    old_ = std::filesystem::current_path();
    dir_ = std::filesystem::temp_directory_path() / ("the5hc-config-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    std::filesystem::current_path(dir_);
  }
  void TearDown() override {
    std::filesystem::current_path(old_);
    std::filesystem::remove_all(dir_);
  }
  std::string config_error(std::map<std::string, std::string> env) {
    try {
      load_config(env);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::config);
      return e.message();
    }
    return "";
  }
  std::filesystem::path old_, dir_;
};
}  // namespace

TEST_F(ConfigTest, NothingSetMeansDevelopmentOnSqliteWithPersistedSecret) {
  Config c = load_config({});
  EXPECT_TRUE(c.debug);
  EXPECT_EQ(c.database.engine, DatabaseUrl::Engine::sqlite);
  EXPECT_EQ(c.database.sqlite_path, "the5hc.db");
  EXPECT_EQ(c.port, 8000);
  EXPECT_EQ(c.host, "127.0.0.1") << "a development server listens on loopback unless told otherwise";
  EXPECT_EQ(load_config({{"HOST", " 0.0.0.0 "}}).host, "0.0.0.0");
  EXPECT_TRUE(c.secret_key_generated);
  EXPECT_GE(c.secret_key.size(), 50u);
  EXPECT_TRUE(std::filesystem::exists(".the5hc-dev-secret"));
  auto perms = std::filesystem::status(".the5hc-dev-secret").permissions();
  EXPECT_EQ(perms & std::filesystem::perms::group_read, std::filesystem::perms::none);
  EXPECT_EQ(load_config({}).secret_key, c.secret_key) << "the development key must survive restarts";
}

TEST_F(ConfigTest, InvalidValuesNameTheVariable) {
  EXPECT_EQ(config_error({{"PORT", "abc"}}).rfind("PORT:", 0), 0u);
  EXPECT_EQ(config_error({{"DATABASE_URL", "mysql://x"}}).rfind("DATABASE_URL:", 0), 0u);
  EXPECT_EQ(config_error({{"DATABASE_URL", "postgres://u:p@h:99999/db"}}).rfind("DATABASE_URL", 0), 0u);
  EXPECT_EQ(config_error({{"DEBUG", "maybe"}}).rfind("DEBUG:", 0), 0u);
  EXPECT_EQ(config_error({{"THROTTLE_ANON", "10/fortnight"}}).rfind("THROTTLE_ANON:", 0), 0u);
  EXPECT_EQ(config_error({{"DEBUG", "false"}}).rfind("SECRET_KEY:", 0), 0u);
  EXPECT_EQ(config_error({{"BACKUP_SCHEDULE", "25:00"}}).rfind("BACKUP_SCHEDULE:", 0), 0u);
}

TEST_F(ConfigTest, PoolTimeoutIsBoundedSeconds) {
  EXPECT_EQ(load_config({}).db_pool_timeout, 5);
  EXPECT_EQ(load_config({{"DB_POOL_TIMEOUT", "0"}}).db_pool_timeout, 0);
  EXPECT_EQ(load_config({{"DB_POOL_TIMEOUT", "30"}}).db_pool_timeout, 30);
  EXPECT_EQ(config_error({{"DB_POOL_TIMEOUT", "301"}}).rfind("DB_POOL_TIMEOUT:", 0), 0u);
  EXPECT_EQ(config_error({{"DB_POOL_TIMEOUT", "-1"}}).rfind("DB_POOL_TIMEOUT:", 0), 0u);
  EXPECT_EQ(config_error({{"DB_POOL_TIMEOUT", "soon"}}).rfind("DB_POOL_TIMEOUT:", 0), 0u);
}

TEST_F(ConfigTest, PostgresUrlIsParsedAndRedacted) {
  Config c = load_config({{"DATABASE_URL", "postgresql://app:s%40cret@db.local:6543/studio?sslmode=require"},
                          {"SECRET_KEY", std::string(60, 'k')}});
  EXPECT_FALSE(c.debug);
  EXPECT_EQ(c.database.engine, DatabaseUrl::Engine::postgres);
  EXPECT_EQ(c.database.user, "app");
  EXPECT_EQ(c.database.password, "s@cret");
  EXPECT_EQ(c.database.host, "db.local");
  EXPECT_EQ(c.database.port, 6543);
  EXPECT_EQ(c.database.dbname, "studio");
  EXPECT_EQ(c.database.options.at("sslmode"), "require");
  EXPECT_EQ(c.database.redacted(), "postgresql://app:***@db.local:6543/studio?sslmode=require");
  EXPECT_TRUE(c.secure_ssl_redirect);
  EXPECT_EQ(c.secure_hsts_seconds, 31536000);
  EXPECT_TRUE(c.allowed_hosts.empty());
}

TEST_F(ConfigTest, EnvFileIsReadAndEnvironmentWins) {
  {
    std::ofstream f(".env");
    f << "# comment\nPORT=9001\nLOG_LEVEL='debug'\nTHROTTLE_USER=\"50/10m\"\n";
  }
  Config c = load_config({{"PORT", "9002"}});
  EXPECT_EQ(c.port, 9002);
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_EQ(c.throttle_user.count, 50);
  EXPECT_EQ(c.throttle_user.period_seconds, 600);
}

TEST(Config, DatabaseUrlTakesLibpqTlsSettings) {
  Config c = load_config({{"DATABASE_URL", "postgres://app:pw@db.internal/studio?sslmode=verify-full&sslrootcert=%2Fetc%2Fthe5hc%2Fdb-ca.pem"}});
  EXPECT_EQ(c.database.options.at("sslmode"), "verify-full");
  EXPECT_EQ(c.database.options.at("sslrootcert"), "/etc/the5hc/db-ca.pem");
  EXPECT_NE(c.database.soci_connect().find("sslrootcert='/etc/the5hc/db-ca.pem'"), std::string::npos);
  try {
    load_config({{"DATABASE_URL", "postgres://app:pw@db.internal/studio?sslmode=always"}});
    FAIL() << "an unknown sslmode is a configuration error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::config);
    EXPECT_NE(e.message().find("DATABASE_URL"), std::string::npos);
  }
}

TEST_F(ConfigTest, EmailSettingsTakeDjangosNamesAndTheShortOnes) {
  Config c = load_config({{"EMAIL_HOST", "smtp.example.com"}, {"EMAIL_HOST_USER", "studio"},
                          {"EMAIL_HOST_PASSWORD", "pw"}, {"EMAIL_USE_TLS", "false"}, {"EMAIL_PORT", "2525"}});
  EXPECT_EQ(c.email_host, "smtp.example.com");
  EXPECT_EQ(c.email_user, "studio");
  EXPECT_EQ(c.email_password, "pw");
  EXPECT_FALSE(c.email_use_tls);
  EXPECT_EQ(c.email_port, 2525);
  Config legacy = load_config({{"EMAIL_USER", "old"}, {"EMAIL_PASSWORD", "old-pw"}});
  EXPECT_EQ(legacy.email_user, "old");
  EXPECT_EQ(legacy.email_password, "old-pw");
  EXPECT_EQ(load_config({}).default_from_email, "The5HC <noreply@localhost>");
}
