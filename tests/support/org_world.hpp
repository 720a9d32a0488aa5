#pragma once
// Two studios with one member of each role and a platform superuser in the suite's SuiteServer (OrgWorldTest is the
// fixture base), shared by the tests of one suite:
//   Studio A (slug studio-a): a_owner, a_senior, a_trainer, a_assistant
//   Studio B (slug studio-b): b_owner, b_senior, b_trainer, b_assistant
//   root: platform superuser without a membership
// Every user's password is kPassword (= kSuitePassword); call() sends a request as one of them (or "" for anonymous).
#include <nlohmann/json.hpp>
#include <cstdint>
#include <map>
#include <string>

#include "support/harness.hpp"
#include "support/sql_probe.hpp"
#include "support/suite_server.hpp"

namespace the5hc::testing {

inline const std::string& kPassword = kSuitePassword;

class OrgWorld {
 public:
  // Creates the users in suite's database and logs them in.
  explicit OrgWorld(SuiteServer& suite);
  int port() const { return suite_.server->port(); }
  const TestDatabase& db() const { return suite_.db; }

  HttpResponse call(const std::string& who, const std::string& method, const std::string& path,
                    const nlohmann::json& body = nullptr, std::map<std::string, std::string> headers = {});
  // GET as `who` expecting 200; the parsed body.
  nlohmann::json get(const std::string& who, const std::string& path);
  // Logs a user in (again) and remembers the access token for call().
  void login_as(const std::string& who, const std::string& password = kPassword);
  // Creates a user in an organisation with a role ("" slug = no membership) and logs them in.
  void add_user(const std::string& username, const std::string& slug, const std::string& role);

  // Direct database access for arranging states the API cannot reach (an invitation's expires_at) and for
  // checking what was written (audit rows).
  SqlProbe& sql() { return *suite_.sql; }

  std::int64_t org_id(const std::string& slug);
  std::int64_t user_id(const std::string& username);
  std::int64_t trainer_id(const std::string& username);

 private:
  SuiteServer& suite_;
  std::map<std::string, std::string> tokens_;
};

// Base of the suites that run in an OrgWorld: `world_` on the suite's SuiteServer.
class OrgWorldTest : public SuiteFixture<OrgWorldTest> {
 protected:
  static void SetUpTestSuite() {
    SuiteFixture::SetUpTestSuite();
    world_ = new OrgWorld(*suite_);
  }
  static void TearDownTestSuite() {
    delete world_;
    world_ = nullptr;
    SuiteFixture::TearDownTestSuite();
  }
  static inline OrgWorld* world_ = nullptr;
};

}  // namespace the5hc::testing
