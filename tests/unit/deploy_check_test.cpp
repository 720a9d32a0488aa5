#include <gtest/gtest.h>

#include <algorithm>

#include "app/checks.hpp"

using namespace the5hc;
using namespace the5hc::cli;

namespace {
Config production() {
  Config c;
  c.debug = false;
  c.secret_key = "Zq8v!x2Lr#0pW7mN4bT9yE1uK6sD3fG5hJ8kA2cV0nB7mQ4wR9tY6uI3oP1aS5dF";
  c.allowed_hosts = {"studio.example.com"};
  c.secure_ssl_redirect = true;
  c.session_cookie_secure = true;
  c.secure_hsts_seconds = 31536000;
  c.trusted_proxies = {"127.0.0.1"};
  c.email_host = "smtp.example.com";
  c.backup_schedule = "02:00";
  c.metrics_token = "t";
  return c;
}
std::vector<std::string> ids(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs) out.push_back(f.id);
  return out;
}
bool has(const std::vector<Finding>& fs, const std::string& id) {
  auto v = ids(fs);
  return std::find(v.begin(), v.end(), id) != v.end();
}
}  // namespace

TEST(DeployCheck, ProductionConfigurationPasses) {
  EXPECT_TRUE(run_checks(production(), {}, true, false).empty());
}

TEST(DeployCheck, EachRuleFires) {
  auto c = production();
  c.debug = true;
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E001"));
  c = production();
  c.secret_key = std::string(49, 'x') + "abc";
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E002")) << "fewer than 5 distinct characters";
  c.secret_key = "short-but-varied-123";
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E002"));
  c = production();
  c.secret_key_generated = true;
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E002"));
  c = production();
  c.allowed_hosts = {"*"};
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E003"));
  c = production();
  c.secure_ssl_redirect = false;
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E004"));
  c = production();
  c.session_cookie_secure = false;
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E005"));
  c = production();
  c.secure_hsts_seconds = 31535999;
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E006"));
  c = production();
  c.cors_allowed_origins = {"http://app.example.com"};
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "E007"));
  CheckFacts f;
  f.pending_migrations = 2;
  EXPECT_TRUE(has(run_checks(production(), f, false, false), "E008")) << "a base check, also without --deploy";
  c = production();
  c.metrics_token.clear();
  c.jwt_access_minutes = 1441;
  auto w = run_checks(c, {}, true, false);
  EXPECT_TRUE(has(w, "W006"));
  EXPECT_TRUE(has(w, "W007"));
  EXPECT_EQ(w[0].level, "warning");
}

TEST(DeployCheck, RemotePostgresWithoutTlsIsWarned) {
  auto c = production();
  c.database = parse_database_url("postgres://u:p@db.internal:5432/the5hc");
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "W008"));
  c.database = parse_database_url("postgres://u:p@db.internal:5432/the5hc?sslmode=verify-full&sslrootcert=/etc/ca.pem");
  EXPECT_FALSE(has(run_checks(c, {}, true, false), "W008"));
  c.database = parse_database_url("postgres://u:p@127.0.0.1:5432/the5hc");
  EXPECT_FALSE(has(run_checks(c, {}, true, false), "W008"));
  c.database = parse_database_url("postgres://u:p@db.internal/the5hc?sslmode=prefer");
  EXPECT_TRUE(has(run_checks(c, {}, true, false), "W008"));
}

TEST(DeployCheck, DeployRulesOnlyWithDeployFlag) {
  auto c = production();
  c.debug = true;
  EXPECT_TRUE(run_checks(c, {}, false, false).empty());
  auto en = run_checks(c, {}, true, true);
  ASSERT_FALSE(en.empty());
  EXPECT_EQ(en[0].message, "DEBUG is on.");
}
