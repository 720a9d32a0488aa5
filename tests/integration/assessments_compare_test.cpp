// GET /api/v1/assessments/compare/?ids= over HTTP (API.md §3.2, DOMAIN.md §9): 2–5 visible assessments of any
// clients in the given order, the best id per score, 400 for a wrong count or malformed ids, 404 for invisible ones.
#include <gtest/gtest.h>

#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class AssessmentsCompare : public RecordsApiTest {
 protected:
  static long long assessment(const std::string& who, const json& fields) {
    auto client =
        RecordsApiTest::client(who, {{"name", "비교회원"}, {"age", 35}, {"gender", "male"}, {"weight", 80}});
    json body = fields;
    body["client"] = client;
    auto r = call(who, "POST", "/api/v1/assessments/", body);
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body["id"].get<long long>();
  }
  // Assessment A with other push-ups (strength) and step-test pulses (cardio); the client is set by assessment().
  static json complete(int push_ups, int hr1) {
    json a = assessment_a(0);
    a["push_up_reps"] = push_ups;
    a["harvard_step_test_hr1"] = hr1;
    a["harvard_step_test_hr2"] = hr1 - 7;
    a["harvard_step_test_hr3"] = hr1 - 13;
    return a;
  }
  static std::string url(const std::string& ids) { return "/api/v1/assessments/compare/?ids=" + ids; }
  static std::string list(std::initializer_list<long long> ids) {
    std::string s;
    for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
    return s;
  }
};

}  // namespace

TEST_F(AssessmentsCompare, GivenOrderAndBestOfEachScore) {
  auto strong = assessment("owner1", complete(40, 110));  // more push-ups, worse pulse recovery
  auto fit = assessment("owner1", complete(5, 70));
  auto r = call("owner1", "GET", url(list({fit, strong})));
  ASSERT_EQ(r.status, 200) << r.raw;
  ASSERT_EQ(r.body["assessments"].size(), 2u);
  const auto& first = r.body["assessments"][0];
  const auto& second = r.body["assessments"][1];
  EXPECT_EQ(first["id"], fit);
  EXPECT_EQ(second["id"], strong);
  EXPECT_EQ(first["client_name"], "비교회원");  // the detail representation
  // The inputs were chosen so that each wins one category; the scores confirm it before the ids are judged.
  ASSERT_GT(second["strength_score"].get<double>(), first["strength_score"].get<double>());
  ASSERT_GT(first["cardio_score"].get<double>(), second["cardio_score"].get<double>());
  ASSERT_EQ(first["mobility_score"], second["mobility_score"]);
  const auto& best = r.body["best"];
  EXPECT_EQ(best["strength_score"], strong);
  EXPECT_EQ(best["cardio_score"], fit);
  EXPECT_EQ(best["mobility_score"], fit);  // a tie goes to the first given
  auto higher_overall = first["overall_score"] > second["overall_score"] ? fit : strong;
  EXPECT_EQ(best["overall_score"], higher_overall);
  auto lower_risk = first["injury_risk_score"] <= second["injury_risk_score"] ? fit : strong;
  EXPECT_EQ(best["injury_risk_score"], lower_risk);
}

TEST_F(AssessmentsCompare, ScoresNobodyHasAreNull) {
  auto a = assessment("owner1", {{"date", "2025-06-09"}, {"push_up_reps", 12}});
  auto b = assessment("owner1", {{"date", "2025-06-10"}, {"push_up_reps", 30}});
  auto r = call("owner1", "GET", url(list({a, b})));
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["best"]["strength_score"], b);
  EXPECT_TRUE(r.body["best"]["balance_score"].is_null()) << r.raw;
  EXPECT_TRUE(r.body["best"]["mobility_score"].is_null()) << r.raw;
  EXPECT_TRUE(r.body["best"]["cardio_score"].is_null()) << r.raw;
}

TEST_F(AssessmentsCompare, TwoToFiveIdsOnly) {
  auto a = assessment("owner1", {{"date", "2025-06-09"}, {"push_up_reps", 12}});
  auto one = call("owner1", "GET", url(list({a})));
  EXPECT_EQ(one.status, 400);
  EXPECT_EQ(one.body, json({{"ids", {"비교를 위해 2-5개의 평가를 선택해주세요."}}})) << one.raw;
  auto six = call("owner1", "GET", url(list({a, a, a, a, a, a})));
  EXPECT_EQ(six.status, 400);
  EXPECT_EQ(six.body["ids"][0], "비교를 위해 2-5개의 평가를 선택해주세요.");
  EXPECT_EQ(call("owner1", "GET", url(list({a})), nullptr, "en").body["ids"][0],
            "Select 2 to 5 assessments to compare.");
  EXPECT_EQ(call("owner1", "GET", "/api/v1/assessments/compare/").status, 400);
  auto malformed = call("owner1", "GET", url(std::to_string(a) + ",abc"));
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.body["ids"][0], "유효한 정수를 입력하세요.") << malformed.raw;
  EXPECT_EQ(call("owner1", "GET", url(std::to_string(a) + ",")).status, 400);
}

TEST_F(AssessmentsCompare, InvisibleOrUnknownAssessmentIsNotFound) {
  auto owners = assessment("owner1", {{"date", "2025-06-09"}, {"push_up_reps", 12}});
  auto trainers = assessment("trainer1", {{"date", "2025-06-09"}, {"push_up_reps", 20}});
  auto other_studio = assessment("owner2", {{"date", "2025-06-09"}, {"push_up_reps", 20}});
  EXPECT_EQ(call("owner1", "GET", url(list({owners, trainers}))).status, 200);  // the owner sees the studio's
  EXPECT_EQ(call("trainer1", "GET", url(list({trainers, owners}))).status, 404);
  EXPECT_EQ(call("owner1", "GET", url(list({owners, other_studio}))).status, 404);
  EXPECT_EQ(call("owner1", "GET", url(list({owners, 999999999}))).status, 404);
}
