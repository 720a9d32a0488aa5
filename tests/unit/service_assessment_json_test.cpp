// The assessment JSON mapping shared by `the5hc score`, the REST API and the reports.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "service/assessment_json.hpp"

namespace the5hc::service {
namespace {

using nlohmann::json;
namespace d = the5hc::domain;

TEST(AssessmentJson, ReadsEveryKindOfField) {
  auto body = json::parse(R"({"push_up_reps": 26, "push_up_type": "wall", "test_environment": "outdoor",
    "temperature": 5, "overhead_squat_pain": true, "toe_touch_distance": -2.5, "harvard_step_test_hr1": 80.0,
    "push_up_notes": "  wrist  ", "notes": "", "farmer_carry_score": 3.2})");
  d::AssessmentInput in;
  auto errors = read_assessment_input(body, in);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(*in.push_up_reps, 26);
  EXPECT_EQ(in.push_up_type, d::PushUpType::wall);
  EXPECT_EQ(in.test_environment, d::TestEnvironment::outdoor);
  EXPECT_DOUBLE_EQ(*in.temperature, 5);
  EXPECT_TRUE(in.overhead_squat_pain);
  EXPECT_DOUBLE_EQ(*in.toe_touch_distance, -2.5);
  EXPECT_EQ(*in.harvard_step_test_hr1, 80);
  EXPECT_EQ(*in.push_up_notes, "wrist");
  EXPECT_FALSE(in.notes);  // empty optional text is NULL
  EXPECT_DOUBLE_EQ(*in.farmer_carry_score, 3.2);
}

TEST(AssessmentJson, NullEmptiesAndAbsentKeeps) {
  d::AssessmentInput in;
  in.push_up_reps = 10;
  in.toe_touch_distance = 3;
  in.overhead_squat_pain = true;
  EXPECT_TRUE(read_assessment_input(json::parse(R"({"push_up_reps": null, "overhead_squat_pain": null})"), in).empty());
  EXPECT_FALSE(in.push_up_reps);
  EXPECT_FALSE(in.overhead_squat_pain);
  EXPECT_DOUBLE_EQ(*in.toe_touch_distance, 3);
}

TEST(AssessmentJson, TypeErrorsKeyedByField) {
  auto body = json::parse(R"({"push_up_reps": "26", "harvard_step_test_hr2": 80.5, "temperature": "warm",
    "overhead_squat_pain": 1, "push_up_type": "knee", "notes": 5, "mystery": 1, "client": {}})");
  d::AssessmentInput in;
  auto e = read_assessment_input(body, in, {"client"});
  EXPECT_EQ(e.at("push_up_reps").front(), "A valid integer is required.");
  EXPECT_EQ(e.at("harvard_step_test_hr2").front(), "A valid integer is required.");
  EXPECT_EQ(e.at("temperature").front(), "A valid number is required.");
  EXPECT_EQ(e.at("overhead_squat_pain").front(), "Must be a valid boolean.");
  EXPECT_EQ(the5hc::i18n::translate(the5hc::Lang::en, e.at("push_up_type").front()), "\"knee\" is not a valid choice.");
  EXPECT_EQ(e.at("notes").front(), "Not a valid string.");
  EXPECT_EQ(e.at("mystery").front(), "Unknown field.");
  EXPECT_FALSE(e.count("client"));
  EXPECT_TRUE(read_assessment_input(json::array(), in).count("non_field_errors"));
  EXPECT_TRUE(read_assessment_input(json::parse(R"({"push_up_reps": 3000000000})"), in).count("push_up_reps"));
}

TEST(AssessmentJson, ClientFacts) {
  d::ClientFacts c;
  EXPECT_TRUE(read_client_facts(json::parse(R"({"age": 35, "gender": "female", "weight": 61.5})"), c, "client").empty());
  EXPECT_EQ(*c.age, 35);
  EXPECT_EQ(*c.gender, d::Gender::female);
  EXPECT_DOUBLE_EQ(*c.weight, 61.5);
  auto e = read_client_facts(json::parse(R"({"age": 0, "gender": "x", "weight": 19, "height": 1})"), c, "client");
  for (auto f : {"client.age", "client.gender", "client.weight", "client.height"}) EXPECT_TRUE(e.count(f)) << f;
}

TEST(AssessmentJson, WritesResultsWithNulls) {
  d::AssessmentInput in;
  in.push_up_reps = 26;
  in.shoulder_mobility_asymmetry = 3;
  d::ClientFacts client{35, d::Gender::male, 80};
  const auto evaluation = d::evaluate_assessment(in, client);
  JsonWriter w;
  write_assessment_object(w, {nullptr, &evaluation, the5hc::Lang::en});
  json out = json::parse(w.text());
  EXPECT_EQ(out["push_up_score"], 3);
  EXPECT_TRUE(out["farmer_carry_score"].is_null());
  EXPECT_DOUBLE_EQ(out["strength_score"].get<double>(), 75.0);
  EXPECT_FALSE(out["is_complete"].get<bool>());
  EXPECT_EQ(out["injury_risk_level_display"], "Low");
  EXPECT_EQ(out["risk_factors"][0]["label"], "Shoulder mobility asymmetry");
  EXPECT_EQ(out["risk_factors"][0]["details"]["difference_cm"], 3.0);
  EXPECT_EQ(out["primary_concerns"][0], "Shoulder mobility asymmetry");
  EXPECT_DOUBLE_EQ(out["percentiles"]["push_up"]["percentile"].get<double>(), 62.5);
  EXPECT_TRUE(out["percentiles"]["harvard_step"].is_null());
  EXPECT_EQ(out["performance_age"]["interpretation"], "Excellent (10+ years younger)");  // overall 75 → age 24.5
}

// API clients and stored rows compare these texts: every object keeps the key order nlohmann::json (a std::map)
// wrote before the writer, callers' members merged in and replacing an assessment member of the same key.
TEST(AssessmentJson, WritesEveryObjectInKeyOrder) {
  d::AssessmentInput in;
  in.push_up_reps = 26;
  in.shoulder_mobility_right = 7.5;
  in.shoulder_mobility_left = 13.5;
  in.overhead_squat_performed = in.overhead_squat_knee_valgus = true;
  in.notes = "메모 \"따옴표\"";
  const auto evaluation = d::evaluate_assessment(in, {35, d::Gender::male, 80});
  JsonWriter w;
  write_assessment_object(w, {&in, &evaluation, the5hc::Lang::ko},
                          {{"zz_last", [](JsonWriter& w) { w.value(1); }},
                           {"injury_risk_score", [](JsonWriter& w) { w.null(); }},
                           {"client", [](JsonWriter& w) { w.value("a"); }}});
  const json parsed = json::parse(w.text());
  EXPECT_EQ(parsed.dump(), w.text());
  EXPECT_TRUE(parsed["injury_risk_score"].is_null());
  EXPECT_EQ(parsed["shoulder_mobility_asymmetry"], 6.0);
  EXPECT_EQ(parsed["risk_factors"][0]["label"], "어깨 가동성 비대칭");

  d::InjuryRisk risk;
  risk.factors.push_back({"x", "엑스", "X", 2.5,
                          d::DetailValue::Object{{"b", 1}, {"a", d::DetailValue::Object{{"d", 1.5}, {"c", "t"}}},
                                                 {"b", 2}}});
  EXPECT_EQ(risk_factors_json(risk, std::nullopt),
            R"([{"code":"x","details":{"a":{"c":"t","d":1.5},"b":2},"label_en":"X","label_ko":"엑스",)"
            R"("points":2.5}])");
}

TEST(AssessmentJson, DetailValues) {
  d::DetailValue v{d::DetailValue::Object{{"a", 1}, {"b", d::DetailValue::Array{"x", 2.5, true}}, {"c", {}}}};
  EXPECT_EQ(detail_to_json(v), json::parse(R"({"a": 1, "b": ["x", 2.5, true], "c": null})"));
}

}  // namespace
}  // namespace the5hc::service
