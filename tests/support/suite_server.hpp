#pragma once
// One migrated database and one running server for a whole test suite (SetUpTestSuite), for suites whose tests each
// use their own users and so cannot disturb one another. All requests come from 127.0.0.1, so the per-IP login
// limit and the anonymous API throttle are raised out of the way unless `env` sets them.
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

// The password every suite user gets in these tests (it passes the policy).
inline const std::string kSuitePassword = "Studio-pass-77";

// The CSRF token of a server-rendered form (the value of its `csrfmiddlewaretoken` field), "" when absent.
std::string form_csrf_token(const std::string& html);

}  // namespace the5hc::testing
