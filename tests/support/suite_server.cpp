#include "support/suite_server.hpp"

#include <gtest/gtest.h>

namespace the5hc::testing {

SuiteServer::SuiteServer(const Env& extra) : env(base_env(db)) {
  env["LOGIN_RATE_LIMIT"] = "10000/15m";
  env["THROTTLE_ANON"] = "10000/hour";
  for (const auto& [k, v] : extra) env[k] = v;
  auto migrated = run_the5hc({"migrate"}, env, db.dir());
  if (migrated.exit_code != 0) ADD_FAILURE() << "migrate failed: " << migrated.err;
  server = std::make_unique<ServerProcess>(env, db.dir());
  sql = std::make_unique<SqlProbe>(db);
}

std::string form_csrf_token(const std::string& html) {
  const std::string marker = "name=\"csrfmiddlewaretoken\" value=\"";
  auto at = html.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  return html.substr(at, html.find('"', at) - at);
}

}  // namespace the5hc::testing
