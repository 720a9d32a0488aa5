#pragma once
// One migrated database and one running server for a whole test suite (SetUpTestSuite), for suites whose tests each
// use their own users and so cannot disturb one another. All requests come from 127.0.0.1, so the per-IP login
// limit and the anonymous API throttle are raised out of the way unless `env` sets them.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "support/harness.hpp"
#include "support/sql_probe.hpp"

namespace the5hc::testing {

struct SuiteServer {
  explicit SuiteServer(const Env& env = {});
  TestDatabase db;
  Env env;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<SqlProbe> sql;
};

// Base of fixtures that share one SuiteServer per suite. A fixture that needs other settings declares
// `static Env suite_env()`; the shortcuts below are what the tests use.
template <class Fixture>
class SuiteFixture : public ::testing::Test {
 protected:
  static Env suite_env() { return {}; }
  static void SetUpTestSuite() {
    suite_ = new SuiteServer(Fixture::suite_env());
    db_ = &suite_->db;
    env_ = suite_->env;
    server_ = suite_->server.get();
    sql_ = suite_->sql.get();
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  static inline SuiteServer* suite_ = nullptr;
  static inline TestDatabase* db_ = nullptr;
  static inline Env env_;
  static inline ServerProcess* server_ = nullptr;
  static inline SqlProbe* sql_ = nullptr;
};

// The password every suite user gets in these tests (it passes the policy).
inline const std::string kSuitePassword = "Studio-pass-77";

// The CSRF token of a server-rendered form (the value of its `csrfmiddlewaretoken` field), "" when absent.
std::string form_csrf_token(const std::string& html);

}  // namespace the5hc::testing
