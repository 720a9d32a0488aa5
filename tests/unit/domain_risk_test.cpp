// Injury risk rules, levels and MCQ blending (DOMAIN.md §2.7, §2.8, §12 #26, #33–#37).
#include <gtest/gtest.h>

#include "domain/evaluation.hpp"
#include "domain/risk.hpp"
#include "domain/rounding.hpp"
#include "domain/scoring.hpp"
#include "domain_test_support.hpp"

namespace the5hc::domain {
namespace {

using testing::assessment_a;
using testing::man;

const RiskFactor* factor(const InjuryRisk& r, const std::string& code) {
  for (const auto& f : r.factors)
    if (f.code == code) return &f;
  return nullptr;
}

AssessmentScores categories(double strength, double mobility, double balance, double cardio) {
  AssessmentScores s;
  s.strength_score = strength;
  s.mobility_score = mobility;
  s.balance_score = balance;
  s.cardio_score = cardio;
  s.is_complete = true;
  return s;
}

AssessmentInput balance_times(double ro, double lo, double rc, double lc) {
  AssessmentInput in;
  in.single_leg_balance_right_eyes_open = ro;
  in.single_leg_balance_left_eyes_open = lo;
  in.single_leg_balance_right_eyes_closed = rc;
  in.single_leg_balance_left_eyes_closed = lc;
  return in;
}

TEST(RiskLevel, Boundaries) {
  EXPECT_EQ(risk_level(0), RiskLevel::low);
  EXPECT_EQ(risk_level(19.9), RiskLevel::low);
  EXPECT_EQ(risk_level(20), RiskLevel::low_moderate);
  EXPECT_EQ(risk_level(39.9), RiskLevel::low_moderate);
  EXPECT_EQ(risk_level(40), RiskLevel::moderate);
  EXPECT_EQ(risk_level(69.9), RiskLevel::moderate);
  EXPECT_EQ(risk_level(70), RiskLevel::high);
  EXPECT_EQ(risk_level(100), RiskLevel::high);
  EXPECT_STREQ(risk_level_label(RiskLevel::low_moderate).code, "low_moderate");
  EXPECT_STREQ(risk_level_label(RiskLevel::moderate).ko, "중간");
}

// §12 #26
TEST(Risk, AssessmentA) {
  auto in = assessment_a();
  auto r = physical_injury_risk(in, score_assessment(in, man(35, 80)));
  ASSERT_EQ(r.factors.size(), 2u);
  EXPECT_EQ(r.factors[0].code, "shoulder_asymmetry");
  EXPECT_DOUBLE_EQ(r.factors[0].points, 9.0);
  EXPECT_EQ(*find_detail(r.factors[0].details, "risk_level"), DetailValue("moderate"));
  EXPECT_EQ(r.factors[1].code, "movement_compensations");
  EXPECT_DOUBLE_EQ(r.factors[1].points, 4.0);
  EXPECT_DOUBLE_EQ(r.physical, 13.0);
  EXPECT_DOUBLE_EQ(r.score, 13.0);
  EXPECT_FALSE(r.mcq);
  EXPECT_EQ(r.level, RiskLevel::low);
  EXPECT_FALSE(factor(r, "category_imbalance"));
}

// §12 #33
TEST(Risk, WeakClientCapsAtHundred) {
  AssessmentInput in = balance_times(8, 6, 3, 2);
  in.push_up_reps = 5;
  in.farmer_carry_time = 10;
  in.toe_touch_distance = -20;
  in.shoulder_mobility_pain = true;
  in.shoulder_mobility_score = 0;
  in.shoulder_mobility_asymmetry = 7;
  in.overhead_squat_pain = true;
  in.overhead_squat_knee_valgus = in.overhead_squat_forward_lean = in.overhead_squat_heel_lift = true;
  in.harvard_step_test_hr1 = 120;
  in.harvard_step_test_hr2 = 110;
  in.harvard_step_test_hr3 = 100;
  auto r = physical_injury_risk(in, score_assessment(in, man(40, 80)));
  std::vector<std::pair<std::string, double>> got;
  for (const auto& f : r.factors) got.emplace_back(f.code, f.points);
  std::vector<std::pair<std::string, double>> want = {
      {"balance_asymmetry_eyes_closed", 13.3}, {"shoulder_asymmetry", 20.0}, {"poor_mobility", 15.0},
      {"poor_mobility", 10.0}, {"poor_mobility", 15.0}, {"poor_balance", 11.3}, {"poor_static_balance", 10.0},
      {"movement_compensations", 10.0}, {"shoulder_pain", 10.0}, {"low_strength", 3.8},
      {"poor_upper_body_strength", 5.0}, {"poor_cardio", 3.8}};
  EXPECT_EQ(got, want);
  EXPECT_DOUBLE_EQ(r.physical, 100.0);
  EXPECT_EQ(r.level, RiskLevel::high);
  EXPECT_EQ(r.factors[2].label_ko, "오버헤드 스쿼트 가동성 제한");
  EXPECT_EQ(r.factors[3].label_en, "Limited mobility: Toe touch");
  EXPECT_EQ(*find_detail(r.factors[1].details, "risk_level"), DetailValue("high"));
  // primary concerns: the three largest, ties in rule order
  ASSERT_EQ(r.primary_concerns.size(), 3u);
  EXPECT_EQ(r.primary_concerns[0], 1u);  // shoulder asymmetry 20
  EXPECT_EQ(r.primary_concerns[1], 2u);  // OHS 15
  EXPECT_EQ(r.primary_concerns[2], 4u);  // SM 15
}

// §12 #34
TEST(Risk, CategoryImbalance) {
  auto in = balance_times(30, 30, 15, 15);
  auto r = physical_injury_risk(in, categories(90, 40, 85, 82));
  ASSERT_EQ(r.factors.size(), 1u);
  EXPECT_EQ(r.factors[0].code, "category_imbalance");
  EXPECT_DOUBLE_EQ(r.factors[0].points, 23.1);
  EXPECT_DOUBLE_EQ(r.physical, 23.1);
  EXPECT_EQ(r.level, RiskLevel::low_moderate);
  const auto* flagged = find_detail(r.factors[0].details, "categories");
  ASSERT_TRUE(flagged);
  const auto& list = std::get<DetailValue::Array>(flagged->value);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(*find_detail(std::get<DetailValue::Object>(list[0].value), "category"), DetailValue("mobility"));
}

TEST(Risk, CategoryImbalanceThresholdAndCap) {
  // mean 50; deviation exactly 0.3 × mean does not fire
  EXPECT_FALSE(factor(physical_injury_risk({}, categories(65, 35, 50, 50)), "category_imbalance"));
  auto r = physical_injury_risk({}, categories(65.1, 34.9, 50, 50));
  ASSERT_TRUE(factor(r, "category_imbalance"));
  EXPECT_DOUBLE_EQ(factor(r, "category_imbalance")->points, 15.1);
  // huge spread is capped at 30
  EXPECT_DOUBLE_EQ(factor(physical_injury_risk({}, categories(100, 25, 25, 25)), "category_imbalance")->points, 30.0);
  // needs all four categories
  auto three = categories(100, 25, 25, 25);
  three.cardio_score.reset();
  three.is_complete = false;
  EXPECT_FALSE(factor(physical_injury_risk({}, three), "category_imbalance"));
}

// §12 #35
TEST(Risk, BalancedClientHasNoRisk) {
  auto in = balance_times(30, 28, 15, 14);
  in.shoulder_mobility_asymmetry = 0.5;
  auto s = categories(85, 80, 82, 78);
  s.shoulder_mobility_asymmetry = shoulder_asymmetry(in);
  auto r = physical_injury_risk(in, s);
  EXPECT_TRUE(r.factors.empty());
  EXPECT_DOUBLE_EQ(r.physical, 0.0);
  EXPECT_EQ(r.level, RiskLevel::low);
}

// §12 #36
TEST(Risk, AsymmetriesAdd) {
  auto in = balance_times(30, 10, 15, 5);
  in.shoulder_mobility_asymmetry = 6;
  auto s = categories(70, 70, 70, 70);
  s.shoulder_mobility_asymmetry = shoulder_asymmetry(in);  // as score_assessment derives it
  auto r = physical_injury_risk(in, s);
  ASSERT_EQ(r.factors.size(), 3u);
  EXPECT_DOUBLE_EQ(r.factors[0].points, 20.0);
  EXPECT_DOUBLE_EQ(r.factors[1].points, 20.0);
  EXPECT_DOUBLE_EQ(r.factors[2].points, 18.0);
  EXPECT_DOUBLE_EQ(r.physical, 58.0);
  EXPECT_EQ(r.level, RiskLevel::moderate);
}

TEST(Risk, BalanceAsymmetryBoundaries) {
  // 30 % exactly does not fire; just above does; zero times are skipped
  EXPECT_FALSE(factor(physical_injury_risk(balance_times(10, 7, 10, 10), {}), "balance_asymmetry_eyes_open"));
  auto r = physical_injury_risk(balance_times(10, 6.9, 10, 10), {});
  ASSERT_TRUE(factor(r, "balance_asymmetry_eyes_open"));
  EXPECT_DOUBLE_EQ(factor(r, "balance_asymmetry_eyes_open")->points, 12.4);  // 31 % × 0.4
  EXPECT_FALSE(factor(physical_injury_risk(balance_times(20, 0, 20, 20), {}), "balance_asymmetry_eyes_open"));
  AssessmentInput one_side;
  one_side.single_leg_balance_right_eyes_closed = 20;
  EXPECT_TRUE(physical_injury_risk(one_side, {}).factors.empty());
}

TEST(Risk, ShoulderAsymmetryBoundaries) {
  AssessmentScores s;
  s.shoulder_mobility_asymmetry = 2.0;
  EXPECT_FALSE(factor(physical_injury_risk({}, s), "shoulder_asymmetry"));
  s.shoulder_mobility_asymmetry = 2.1;
  EXPECT_DOUBLE_EQ(factor(physical_injury_risk({}, s), "shoulder_asymmetry")->points, 6.3);
  s.shoulder_mobility_asymmetry = 5.0;
  EXPECT_EQ(*find_detail(factor(physical_injury_risk({}, s), "shoulder_asymmetry")->details, "risk_level"),
            DetailValue("moderate"));
  s.shoulder_mobility_asymmetry = 5.1;
  EXPECT_EQ(*find_detail(factor(physical_injury_risk({}, s), "shoulder_asymmetry")->details, "risk_level"),
            DetailValue("high"));
  s.shoulder_mobility_asymmetry = 6.7;
  EXPECT_DOUBLE_EQ(factor(physical_injury_risk({}, s), "shoulder_asymmetry")->points, 20.0);
}

TEST(Risk, PoorMobilityPerTest) {
  AssessmentScores s;
  s.overhead_squat_score = 2;
  s.toe_touch_score = 2;
  s.shoulder_mobility_score = 2;
  EXPECT_FALSE(factor(physical_injury_risk({}, s), "poor_mobility"));
  s.overhead_squat_score = 1;
  s.shoulder_mobility_score = 0;
  auto r = physical_injury_risk({}, s);
  ASSERT_EQ(r.factors.size(), 2u);
  EXPECT_DOUBLE_EQ(r.factors[0].points, 10.0);
  EXPECT_EQ(*find_detail(r.factors[0].details, "test"), DetailValue("overhead_squat"));
  EXPECT_DOUBLE_EQ(r.factors[1].points, 15.0);
  EXPECT_EQ(*find_detail(r.factors[1].details, "test"), DetailValue("shoulder_mobility"));
}

TEST(Risk, CategoryThresholds) {
  AssessmentScores s;
  s.balance_score = 40;
  s.strength_score = 30;
  s.cardio_score = 30;
  EXPECT_TRUE(physical_injury_risk({}, s).factors.empty());
  s.balance_score = 39.9;
  s.strength_score = 29.9;
  s.cardio_score = 25;
  auto r = physical_injury_risk({}, s);
  EXPECT_NEAR(factor(r, "poor_balance")->points, 9.0, 1e-9);       // 15 × 0.601 = 9.015
  EXPECT_NEAR(factor(r, "low_strength")->points, 3.5, 1e-9);       // 5 × 0.701 = 3.505
  EXPECT_NEAR(factor(r, "poor_cardio")->points, 3.8, 1e-9);        // 3.75
  EXPECT_NEAR(r.physical, round1(15 * 0.601 + 5 * 0.701 + 3.75), 1e-9);  // total from unrounded points
}

TEST(Risk, StaticBalanceUsesAnyGivenEyesOpenTime) {
  AssessmentInput in;
  in.single_leg_balance_left_eyes_open = 10;
  EXPECT_FALSE(factor(physical_injury_risk(in, {}), "poor_static_balance"));
  in.single_leg_balance_left_eyes_open = 9.9;
  auto r = physical_injury_risk(in, {});
  ASSERT_TRUE(factor(r, "poor_static_balance"));
  EXPECT_EQ(*find_detail(factor(r, "poor_static_balance")->details, "shortest_time"), DetailValue(9.9));
  in = {};
  in.single_leg_balance_right_eyes_closed = 2;  // eyes closed does not count here
  EXPECT_FALSE(factor(physical_injury_risk(in, {}), "poor_static_balance"));
}

TEST(Risk, CompensationsAndPainAndPushUp) {
  AssessmentInput in;
  in.overhead_squat_heel_lift = true;
  in.overhead_squat_score = 3;  // §12 #23: the entered score wins, the compensation still counts
  EXPECT_DOUBLE_EQ(factor(physical_injury_risk(in, {}), "movement_compensations")->points, 4.0);
  in.overhead_squat_arm_drop = true;
  EXPECT_DOUBLE_EQ(factor(physical_injury_risk(in, {}), "movement_compensations")->points, 8.0);
  in.overhead_squat_knee_valgus = true;
  EXPECT_DOUBLE_EQ(factor(physical_injury_risk(in, {}), "movement_compensations")->points, 10.0);
  in = {};
  in.shoulder_mobility_pain = true;
  EXPECT_DOUBLE_EQ(factor(physical_injury_risk(in, {}), "shoulder_pain")->points, 10.0);
  AssessmentScores s;
  s.push_up_score = 2;
  EXPECT_FALSE(factor(physical_injury_risk({}, s), "poor_upper_body_strength"));
  s.push_up_score = 1;
  EXPECT_DOUBLE_EQ(factor(physical_injury_risk({}, s), "poor_upper_body_strength")->points, 5.0);
}

TEST(Risk, NothingMeasuredIsZero) {
  auto r = physical_injury_risk({}, {});
  EXPECT_TRUE(r.factors.empty());
  EXPECT_DOUBLE_EQ(r.score, 0.0);
  EXPECT_TRUE(r.primary_concerns.empty());
}

TEST(Risk, McqBlending) {
  auto r = physical_injury_risk(assessment_a(), score_assessment(assessment_a(), man(35, 80)));
  McqResult mcq;
  mcq.mcq_risk = 10.0;
  mcq.risk_items = {{"lifestyle", "흡연하십니까?", "예, 가끔", 1.0}};
  blend_mcq_risk(r, mcq);
  EXPECT_DOUBLE_EQ(r.score, 12.4);  // §12 #37
  EXPECT_DOUBLE_EQ(*r.mcq, 10.0);
  EXPECT_DOUBLE_EQ(r.physical, 13.0);
  ASSERT_EQ(r.factors.back().code, "mcq_risk");
  EXPECT_DOUBLE_EQ(r.factors.back().points, 2.0);
  EXPECT_EQ(r.factors.back().label_ko, "설문 위험 요인");
  // blending again replaces the factor rather than adding a second one
  blend_mcq_risk(r, mcq);
  EXPECT_EQ(std::count_if(r.factors.begin(), r.factors.end(), [](auto& f) { return f.code == "mcq_risk"; }), 1);
  // no MCQ risk: score is the physical one
  blend_mcq_risk(r, McqResult{});
  EXPECT_DOUBLE_EQ(r.score, 13.0);
  EXPECT_FALSE(r.mcq);
  EXPECT_NE(r.factors.back().code, "mcq_risk");
}

TEST(Risk, McqFactorRanksLastOnTies) {
  InjuryRisk r;
  r.physical = 0;
  r.factors = {{"shoulder_pain", "어깨 통증", "Shoulder pain", 10, {}}};
  McqResult mcq;
  mcq.mcq_risk = 50.0;  // factor worth 10, tie with shoulder pain
  blend_mcq_risk(r, mcq);
  ASSERT_EQ(r.primary_concerns.size(), 2u);
  EXPECT_EQ(r.factors[r.primary_concerns[0]].code, "shoulder_pain");
  EXPECT_EQ(r.factors[r.primary_concerns[1]].code, "mcq_risk");
}

}  // namespace
}  // namespace the5hc::domain
