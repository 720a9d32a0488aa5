#include "support/records.hpp"

#include <chrono>
#include <cstdio>

namespace the5hc::testing {

void RecordsApiTest::SetUpTestSuite() {
  SuiteFixture::SetUpTestSuite();
  create_user(*db_, "owner1", kSuitePassword, {"--create-organization", "Studio A"});
  create_user(*db_, "trainer1", kSuitePassword, {"--organization", "studio-a", "--role", "trainer"});
  create_user(*db_, "owner2", kSuitePassword, {"--create-organization", "Studio B"});
  for (const char* who : {"owner1", "trainer1", "owner2"}) tokens_[who] = login(server_->port(), who, kSuitePassword);
}

void RecordsApiTest::TearDownTestSuite() {
  SuiteFixture::TearDownTestSuite();
  tokens_.clear();
}

RecordsApiTest::Reply RecordsApiTest::call(const std::string& who, const std::string& method, const std::string& path,
                                           const nlohmann::json& body, const std::string& lang) {
  auto headers = bearer(tokens_[who]);
  if (!lang.empty()) headers["Accept-Language"] = lang;
  if (!body.is_null()) headers["Content-Type"] = "application/json";
  auto r = http_request(server_->port(), method, path, body.is_null() ? "" : body.dump(), headers);
  Reply out{r.status, nullptr, r.body};
  if (!r.body.empty()) out.body = nlohmann::json::parse(r.body, nullptr, false);
  return out;
}

long long RecordsApiTest::client(const std::string& who, const nlohmann::json& fields) {
  nlohmann::json body = {{"name", "김철수"}, {"age", 35}, {"gender", "male"}, {"height", 175}, {"weight", 80}};
  for (auto& [k, v] : fields.items()) body[k] = v;
  auto r = call(who, "POST", "/api/v1/clients/", body);
  EXPECT_EQ(r.status, 201) << r.raw;
  return r.body.value("id", 0LL);
}

nlohmann::json assessment_a_body(const nlohmann::json& client) {
  return {{"client", client},
          {"date", "2025-06-09"},
          {"push_up_reps", 26},
          {"push_up_type", "standard"},
          {"farmer_carry_time", 50},
          {"farmer_carry_weight", 40},
          {"single_leg_balance_right_eyes_open", 35},
          {"single_leg_balance_left_eyes_open", 28},
          {"single_leg_balance_right_eyes_closed", 12},
          {"single_leg_balance_left_eyes_closed", 9},
          {"toe_touch_distance", 2},
          {"shoulder_mobility_score", 2},
          {"shoulder_mobility_asymmetry", 3},
          {"overhead_squat_forward_lean", true},
          {"harvard_step_test_hr1", 85},
          {"harvard_step_test_hr2", 78},
          {"harvard_step_test_hr3", 72},
          {"harvard_step_test_duration", 180}};
}

std::string seoul_date(int days) {
  using namespace std::chrono;
  auto t = floor<std::chrono::days>(system_clock::now() + hours(9) + std::chrono::days(days));
  year_month_day ymd{t};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

}  // namespace the5hc::testing
