#pragma once
// Shared set-up of the client / assessment API tests: the suite's SuiteServer (SuiteFixture) with two studios —
// studio-a (owner1, trainer1) and studio-b (owner2) — and JSON helpers.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "support/suite_server.hpp"

namespace the5hc::testing {

// Assessment A of DOMAIN.md §12 #25 (every test done) for `client` (an id, or a placeholder the caller replaces).
nlohmann::json assessment_a_body(const nlohmann::json& client);
// Today in Asia/Seoul, "YYYY-MM-DD", shifted by `days`.
std::string seoul_date(int days = 0);

class RecordsApiTest : public SuiteFixture<RecordsApiTest> {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();

  struct Reply {
    int status = 0;
    nlohmann::json body;
    std::string raw;
  };
  // `who`: owner1 | trainer1 | owner2; `lang`: Accept-Language.
  static Reply call(const std::string& who, const std::string& method, const std::string& path,
                    const nlohmann::json& body = nullptr, const std::string& lang = "");
  // Creates a client as `who` and returns its id.
  static long long client(const std::string& who, const nlohmann::json& fields);
  // Assessment A of DOMAIN.md §12 #25 (every test done) for `client`, a man of 35 years and 80 kg.
  static nlohmann::json assessment_a(long long client) { return assessment_a_body(client); }
  static long long sql_count(const std::string& query) { return sql_->count(query); }
  static void sql_exec(const std::string& statement) { sql_->exec(statement); }
  static std::string seoul_date(int days = 0) { return testing::seoul_date(days); }

  static inline std::map<std::string, std::string> tokens_;
};

}  // namespace the5hc::testing
