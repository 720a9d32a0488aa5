// Per-test scoring, categories, overall and temperature (DOMAIN.md §2.2–§2.5, §12 #1–#33).
#include <gtest/gtest.h>

#include "domain/rounding.hpp"
#include "domain/scoring.hpp"
#include "domain_test_support.hpp"

namespace the5hc::domain {
namespace {

using testing::assessment_a;
using testing::man;
using testing::woman;

TEST(Rounding, HalfAwayFromZeroDespiteBinaryNoise) {
  EXPECT_DOUBLE_EQ(round1(2.4000000000000004), 2.4);
  EXPECT_DOUBLE_EQ(round1(76.25), 76.3);
  EXPECT_DOUBLE_EQ(round1(68.125), 68.1);
  EXPECT_DOUBLE_EQ(round1(-0.25), -0.3);
  EXPECT_DOUBLE_EQ(round1(0.05), 0.1);
  EXPECT_EQ(round0(2.5), 3);
  EXPECT_EQ(round0(2.4999), 2);
  EXPECT_EQ(round0(-2.5), -3);
  EXPECT_EQ(round_div(5, 2), 3);
  EXPECT_EQ(round_div(4, 2), 2);
  EXPECT_EQ(round_div(21, 10), 2);
  EXPECT_EQ(format1(22.94), "22.9");
  EXPECT_EQ(format1(-3), "-3.0");
}

// §12 #1–#4
TEST(Harvard, WorkedExamples) {
  EXPECT_DOUBLE_EQ(*harvard_pfi(80, 75, 70, 180), 80.0);
  EXPECT_EQ(*score_harvard(80.0), 3);
  EXPECT_DOUBLE_EQ(*harvard_pfi(60, 55, 50, 180), 109.1);
  EXPECT_EQ(*score_harvard(109.1), 4);
  EXPECT_DOUBLE_EQ(*harvard_pfi(90, 85, 80, 180), 70.6);
  EXPECT_EQ(*score_harvard(70.6), 2);
  EXPECT_DOUBLE_EQ(*harvard_pfi(100, 90, 80, 120), 44.4);
  EXPECT_EQ(*score_harvard(44.4), 1);
}

TEST(Harvard, DurationDefaultsTo180) { EXPECT_DOUBLE_EQ(*harvard_pfi(80, 75, 70, std::nullopt), 80.0); }

TEST(Harvard, ThresholdBoundaries) {
  EXPECT_EQ(*score_harvard(90.0), 4);
  EXPECT_EQ(*score_harvard(89.9), 3);
  EXPECT_EQ(*score_harvard(80.0), 3);
  EXPECT_EQ(*score_harvard(79.9), 2);
  EXPECT_EQ(*score_harvard(65.0), 2);
  EXPECT_EQ(*score_harvard(64.9), 1);
}

TEST(Harvard, MissingOrOutOfRangeHeartRateGivesNoPfi) {
  EXPECT_FALSE(harvard_pfi(80, std::nullopt, 70, 180));
  EXPECT_FALSE(harvard_pfi(0, 0, 0, 180));  // would divide by zero
  EXPECT_FALSE(harvard_pfi(39, 80, 80, 180));
  EXPECT_FALSE(harvard_pfi(251, 80, 80, 180));
  EXPECT_TRUE(harvard_pfi(40, 250, 80, 180));
  EXPECT_FALSE(harvard_pfi(80, 80, 80, 0.5));
  EXPECT_FALSE(harvard_pfi(80, 80, 80, 300.1));
  EXPECT_FALSE(score_harvard(std::nullopt));
}

// §12 #5–#10
TEST(Farmer, WorkedExamples) {
  auto p = farmer_carry_percentage_bw(32, 80);
  EXPECT_DOUBLE_EQ(*p, 40.0);
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, p, Gender::male), 2.4);

  p = farmer_carry_percentage_bw(72, 60);
  EXPECT_DOUBLE_EQ(*p, 120.0);
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, p, Gender::female), 4.0);

  p = farmer_carry_percentage_bw(24, 70);
  EXPECT_DOUBLE_EQ(*p, 34.3);
  EXPECT_DOUBLE_EQ(*score_farmer_carry(35, p, Gender::male), 1.4);

  p = farmer_carry_percentage_bw(105, 70);
  EXPECT_DOUBLE_EQ(*p, 150.0);
  EXPECT_DOUBLE_EQ(*score_farmer_carry(40, p, Gender::male), 2.2);

  EXPECT_DOUBLE_EQ(*score_farmer_carry(25, 75.0, Gender::female), 2.0);

  p = farmer_carry_percentage_bw(10, 80);
  EXPECT_DOUBLE_EQ(*p, 12.5);
  EXPECT_DOUBLE_EQ(*score_farmer_carry(20, p, Gender::male), 1.0);
}

TEST(Farmer, TimeThresholdsByGender) {
  const std::pair<double, double> men[] = {{60, 4}, {59.9, 3}, {45, 3}, {44.9, 2}, {30, 2}, {29.9, 1}, {0, 1}};
  for (auto [t, s] : men) EXPECT_DOUBLE_EQ(*score_farmer_carry(t, 75.0, Gender::male), s) << t;
  const std::pair<double, double> women[] = {{45, 4}, {44.9, 3}, {30, 3}, {29.9, 2}, {20, 2}, {19.9, 1}};
  for (auto [t, s] : women) EXPECT_DOUBLE_EQ(*score_farmer_carry(t, 75.0, Gender::female), s) << t;
}

TEST(Farmer, AdjustmentBoundaries) {
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 50.0, Gender::male), 3.0);   // exactly 50: no penalty
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 49.9, Gender::male), 3.0);   // 3 × 0.998 = 2.994 → 3.0
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 45.0, Gender::male), 2.7);
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 25.0, Gender::male), 1.5);   // floor 0.5
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 10.0, Gender::male), 1.5);
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 100.0, Gender::male), 3.0);  // exactly 100: no bonus
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 105.0, Gender::male), 3.0);  // 3 × 1.01 = 3.03
  EXPECT_DOUBLE_EQ(*score_farmer_carry(40, 200.0, Gender::male), 2.4);  // cap 1.2
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 200.0, Gender::male), 3.6);
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, 0.0, Gender::male), 3.0);    // p = 0: unknown, base
  EXPECT_DOUBLE_EQ(*score_farmer_carry(50, std::nullopt, Gender::male), 3.0);
}

TEST(Farmer, MissingInputs) {
  EXPECT_FALSE(score_farmer_carry(std::nullopt, 80.0, Gender::male));
  EXPECT_FALSE(score_farmer_carry(50, 80.0, std::nullopt));
  EXPECT_FALSE(score_farmer_carry(600.1, 80.0, Gender::male));
  EXPECT_FALSE(farmer_carry_percentage_bw(30, std::nullopt));
  EXPECT_FALSE(farmer_carry_percentage_bw(std::nullopt, 80));
  EXPECT_FALSE(farmer_carry_percentage_bw(30, 0));
}

TEST(Farmer, EnteredPercentageWinsAndIsFlagged) {
  AssessmentInput in;
  in.farmer_carry_time = 25;
  in.farmer_carry_weight = 10;
  in.farmer_carry_percentage = 75;
  auto s = score_assessment(in, woman(30, 60));
  EXPECT_DOUBLE_EQ(*s.farmer_carry_percentage, 75.0);
  EXPECT_TRUE(s.farmer_carry_percentage_entered);
  EXPECT_DOUBLE_EQ(*s.farmer_carry_score, 2.0);  // §12 #9

  in.farmer_carry_percentage.reset();
  s = score_assessment(in, woman(30, 60));
  EXPECT_DOUBLE_EQ(*s.farmer_carry_percentage, 16.7);
  EXPECT_FALSE(s.farmer_carry_percentage_entered);
}

// §12 #11–#13
TEST(Balance, WorkedExamples) {
  EXPECT_DOUBLE_EQ(*score_single_leg_balance(50, 40, 25, 15), 3.4);
  EXPECT_DOUBLE_EQ(*score_single_leg_balance(12, 8, 5, 3), 1.0);
  EXPECT_DOUBLE_EQ(*score_single_leg_balance(30.4, 29.8, 20.0, 19.9), 2.4);
}

TEST(Balance, ThresholdBoundaries) {
  // open thresholds 45/30/15 with closed fixed at 4 (30 s): score = 0.4 × open + 2.4
  const std::pair<double, double> open[] = {{45, 4}, {44.9, 3}, {30, 3}, {29.9, 2}, {15, 2}, {14.9, 1}};
  for (auto [t, s] : open) EXPECT_DOUBLE_EQ(*score_single_leg_balance(t, t, 30, 30), round1(0.4 * s + 2.4)) << t;
  const std::pair<double, double> closed[] = {{30, 4}, {29.9, 3}, {20, 3}, {19.9, 2}, {10, 2}, {9.9, 1}};
  for (auto [t, s] : closed) EXPECT_DOUBLE_EQ(*score_single_leg_balance(45, 45, t, t), round1(1.6 + 0.6 * s)) << t;
  // the mean decides: 44.9 and 45.1 average to 45.0
  EXPECT_DOUBLE_EQ(*score_single_leg_balance(44.9, 45.1, 30, 30), 4.0);
}

TEST(Balance, NeedsAllFourTimes) {
  EXPECT_FALSE(score_single_leg_balance(50, 40, 25, std::nullopt));
  EXPECT_FALSE(score_single_leg_balance(std::nullopt, 40, 25, 15));
  EXPECT_FALSE(score_single_leg_balance(121, 40, 25, 15));
}

// §12 #14–#20
TEST(PushUp, WorkedExamples) {
  EXPECT_EQ(*score_push_up(30, PushUpType::standard, man(25)), 3);
  EXPECT_EQ(*score_push_up(15, PushUpType::standard, woman(45)), 3);
  EXPECT_EQ(*score_push_up(30, PushUpType::modified, man(30)), 3);
  EXPECT_EQ(*score_push_up(30, PushUpType::wall, man(30)), 2);
  EXPECT_EQ(*score_push_up(14, PushUpType::modified, woman(62)), 2);
  EXPECT_EQ(*score_push_up(29, PushUpType::wall, woman(29)), 1);
  EXPECT_EQ(*score_push_up(40, PushUpType::standard, man(17)), 4);
}

TEST(PushUp, EveryBandAndThreshold) {
  struct Band {
    int age;
    int t4, t3, t2;
  };
  const Band men[] = {{29, 36, 29, 22}, {30, 30, 24, 17}, {39, 30, 24, 17}, {40, 25, 20, 13},
                      {49, 25, 20, 13}, {50, 21, 16, 10}, {59, 21, 16, 10}, {60, 18, 12, 8}, {95, 18, 12, 8}};
  const Band women[] = {{29, 30, 21, 15}, {30, 27, 20, 13}, {40, 24, 15, 11}, {50, 21, 13, 9}, {60, 17, 12, 8}};
  auto check = [](const Band& b, ClientFacts c) {
    EXPECT_EQ(*score_push_up(b.t4, PushUpType::standard, c), 4) << b.age;
    EXPECT_EQ(*score_push_up(b.t4 - 1, PushUpType::standard, c), 3) << b.age;
    EXPECT_EQ(*score_push_up(b.t3, PushUpType::standard, c), 3) << b.age;
    EXPECT_EQ(*score_push_up(b.t3 - 1, PushUpType::standard, c), 2) << b.age;
    EXPECT_EQ(*score_push_up(b.t2, PushUpType::standard, c), 2) << b.age;
    EXPECT_EQ(*score_push_up(b.t2 - 1, PushUpType::standard, c), 1) << b.age;
    EXPECT_EQ(*score_push_up(0, PushUpType::standard, c), 1) << b.age;
  };
  for (const auto& b : men) check(b, man(b.age));
  for (const auto& b : women) check(b, woman(b.age));
}

TEST(PushUp, VariationTable) {
  const int modified[] = {0, 1, 1, 2, 3};  // index = base
  const int wall[] = {0, 1, 1, 1, 2};
  for (int base = 1; base <= 4; ++base) {
    EXPECT_EQ(apply_push_up_variation(base, PushUpType::standard), base);
    EXPECT_EQ(apply_push_up_variation(base, PushUpType::modified), modified[base]) << base;
    EXPECT_EQ(apply_push_up_variation(base, PushUpType::wall), wall[base]) << base;
  }
}

TEST(PushUp, NeedsRepsAgeAndGender) {
  EXPECT_FALSE(score_push_up(std::nullopt, PushUpType::standard, man(30)));
  EXPECT_FALSE(score_push_up(20, PushUpType::standard, ClientFacts{std::nullopt, Gender::male, 80}));
  EXPECT_FALSE(score_push_up(20, PushUpType::standard, ClientFacts{30, std::nullopt, 80}));
  EXPECT_FALSE(score_push_up(301, PushUpType::standard, man(30)));
  EXPECT_FALSE(score_push_up(-1, PushUpType::standard, man(30)));
}

// §12 #21
TEST(ToeTouch, WorkedExamplesAndBoundaries) {
  EXPECT_EQ(*score_toe_touch(7), 4);
  EXPECT_EQ(*score_toe_touch(0), 3);
  EXPECT_EQ(*score_toe_touch(-3), 2);
  EXPECT_EQ(*score_toe_touch(-10), 2);
  EXPECT_EQ(*score_toe_touch(-10.5), 1);
  EXPECT_EQ(*score_toe_touch(5), 4);
  EXPECT_EQ(*score_toe_touch(4.9), 3);
  EXPECT_EQ(*score_toe_touch(-0.1), 2);
  EXPECT_EQ(*score_toe_touch(-10.1), 1);
  EXPECT_FALSE(score_toe_touch(std::nullopt));
  EXPECT_FALSE(score_toe_touch(50.1));
}

// §12 #22–#24
TEST(OverheadSquat, WorkedExamples) {
  AssessmentInput in;
  in.overhead_squat_performed = true;
  in.overhead_squat_knee_valgus = in.overhead_squat_arm_drop = true;
  EXPECT_EQ(*score_overhead_squat(in), 1);

  AssessmentInput manual;
  manual.overhead_squat_score = 3;
  manual.overhead_squat_heel_lift = true;
  EXPECT_EQ(*score_overhead_squat(manual), 3);
  EXPECT_TRUE(score_assessment(manual, man(30)).overhead_squat_score_manual_override);

  AssessmentInput pain;
  pain.overhead_squat_pain = true;
  pain.overhead_squat_score = 3;
  EXPECT_EQ(*score_overhead_squat(pain), 0);
}

TEST(OverheadSquat, CompensationCountsAndPerformedFlag) {
  AssessmentInput in;
  EXPECT_FALSE(score_overhead_squat(in));  // not performed
  in.overhead_squat_performed = true;
  EXPECT_EQ(*score_overhead_squat(in), 3);
  in.overhead_squat_heel_lift = true;
  EXPECT_EQ(*score_overhead_squat(in), 2);
  in.overhead_squat_performed = false;  // a ticked compensation makes it performed
  EXPECT_TRUE(overhead_squat_performed(in));
  EXPECT_EQ(*score_overhead_squat(in), 2);
  in.overhead_squat_forward_lean = true;
  EXPECT_EQ(*score_overhead_squat(in), 1);
  in.overhead_squat_knee_valgus = in.overhead_squat_arm_drop = true;
  EXPECT_EQ(*score_overhead_squat(in), 1);
  EXPECT_EQ(ohs_compensation_count(in), 4);
  AssessmentInput only_pain;
  only_pain.overhead_squat_pain = true;
  EXPECT_EQ(*score_overhead_squat(only_pain), 0);
}

TEST(ShoulderMobility, EnteredScoreAndPain) {
  EXPECT_FALSE(score_shoulder_mobility(std::nullopt, false));
  EXPECT_EQ(*score_shoulder_mobility(2, false), 2);
  EXPECT_EQ(*score_shoulder_mobility(2, true), 0);
  EXPECT_EQ(*score_shoulder_mobility(std::nullopt, true), 0);
  EXPECT_FALSE(score_shoulder_mobility(4, false));
}

TEST(ShoulderMobility, AsymmetryComputedFromSides) {
  AssessmentInput in;
  in.shoulder_mobility_right = 12.5;
  in.shoulder_mobility_left = 8;
  EXPECT_DOUBLE_EQ(*shoulder_asymmetry(in), 4.5);
  in.shoulder_mobility_asymmetry = 1;
  EXPECT_DOUBLE_EQ(*shoulder_asymmetry(in), 1.0);
  in = {};
  in.shoulder_mobility_right = 12.5;
  EXPECT_FALSE(shoulder_asymmetry(in));
}

TEST(Temperature, Factor) {
  EXPECT_DOUBLE_EQ(temperature_factor(TestEnvironment::indoor, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(temperature_factor(TestEnvironment::outdoor, std::nullopt), 1.0);
  EXPECT_DOUBLE_EQ(temperature_factor(TestEnvironment::outdoor, 15.0), 1.0);
  EXPECT_DOUBLE_EQ(temperature_factor(TestEnvironment::outdoor, 25.0), 1.0);
  EXPECT_NEAR(temperature_factor(TestEnvironment::outdoor, 14.0), 1.01, 1e-12);
  EXPECT_NEAR(temperature_factor(TestEnvironment::outdoor, 26.0), 1.01, 1e-12);
  EXPECT_NEAR(temperature_factor(TestEnvironment::outdoor, 5.0), 1.10, 1e-12);
  EXPECT_NEAR(temperature_factor(TestEnvironment::outdoor, -10.0), 1.10, 1e-12);
  EXPECT_NEAR(temperature_factor(TestEnvironment::outdoor, 35.0), 1.10, 1e-12);
  EXPECT_NEAR(temperature_factor(TestEnvironment::outdoor, 50.0), 1.10, 1e-12);
}

// §12 #25
TEST(Assessment, WorkedExampleA) {
  auto s = score_assessment(assessment_a(), man(35, 80));
  EXPECT_EQ(*s.push_up_score, 3);
  EXPECT_DOUBLE_EQ(*s.farmer_carry_percentage, 50.0);
  EXPECT_DOUBLE_EQ(*s.farmer_carry_score, 3.0);
  EXPECT_DOUBLE_EQ(*s.single_leg_balance_score, 2.4);
  EXPECT_EQ(*s.toe_touch_score, 3);
  EXPECT_EQ(*s.overhead_squat_score, 2);
  EXPECT_EQ(*s.shoulder_mobility_score, 2);
  EXPECT_DOUBLE_EQ(*s.harvard_step_test_pfi, 76.6);
  EXPECT_EQ(*s.harvard_step_test_score, 2);
  EXPECT_DOUBLE_EQ(*s.strength_score, 75.0);
  EXPECT_DOUBLE_EQ(*s.mobility_score, 75.0);
  EXPECT_DOUBLE_EQ(*s.balance_score, 67.5);
  EXPECT_DOUBLE_EQ(*s.cardio_score, 50.0);
  EXPECT_DOUBLE_EQ(*s.overall_score, 68.1);
  EXPECT_TRUE(s.is_complete);
  EXPECT_FALSE(s.push_up_score_manual_override);
}

// §12 #27–#29
TEST(Assessment, OutdoorTemperature) {
  auto in = assessment_a();
  in.test_environment = TestEnvironment::outdoor;
  in.temperature = 5;
  auto s = score_assessment(in, man(35, 80));
  EXPECT_DOUBLE_EQ(*s.strength_score, 82.5);
  EXPECT_DOUBLE_EQ(*s.cardio_score, 55.0);
  EXPECT_DOUBLE_EQ(*s.mobility_score, 75.0);
  EXPECT_DOUBLE_EQ(*s.balance_score, 67.5);
  EXPECT_DOUBLE_EQ(*s.overall_score, 71.4);

  in.temperature = 30;
  s = score_assessment(in, man(35, 80));
  EXPECT_DOUBLE_EQ(*s.strength_score, 78.8);
  EXPECT_DOUBLE_EQ(*s.cardio_score, 52.5);
  EXPECT_DOUBLE_EQ(*s.overall_score, 69.8);

  in.temperature = 20;
  EXPECT_DOUBLE_EQ(*score_assessment(in, man(35, 80)).overall_score, 68.1);

  in.test_environment = TestEnvironment::indoor;
  in.temperature = 5;  // indoors the temperature changes nothing
  EXPECT_DOUBLE_EQ(*score_assessment(in, man(35, 80)).overall_score, 68.1);
}

AssessmentScores with_tests(std::optional<int> push_up, std::optional<double> farmer, std::optional<int> toe,
                            std::optional<int> sm, std::optional<double> balance, std::optional<int> ohs,
                            std::optional<int> harvard, double factor = 1.0) {
  AssessmentScores s;
  s.push_up_score = push_up;
  s.farmer_carry_score = farmer;
  s.toe_touch_score = toe;
  s.shoulder_mobility_score = sm;
  s.single_leg_balance_score = balance;
  s.overhead_squat_score = ohs;
  s.harvard_step_test_score = harvard;
  compute_categories(s, factor);
  return s;
}

// §12 #30–#32
TEST(Categories, WorkedExamples) {
  auto s = with_tests(3, 3.2, 4, std::nullopt, 3.4, 3, std::nullopt);
  EXPECT_DOUBLE_EQ(*s.strength_score, 77.5);
  EXPECT_DOUBLE_EQ(*s.mobility_score, 100.0);
  EXPECT_DOUBLE_EQ(*s.balance_score, 92.5);
  EXPECT_FALSE(s.cardio_score);
  EXPECT_DOUBLE_EQ(*s.overall_score, 89.2);
  EXPECT_FALSE(s.is_complete);

  s = with_tests(4, 4.0, 4, 3, 4.0, 3, 4, temperature_factor(TestEnvironment::outdoor, 0.0));
  for (auto c : {s.strength_score, s.mobility_score, s.balance_score, s.cardio_score}) EXPECT_DOUBLE_EQ(*c, 100.0);
  EXPECT_DOUBLE_EQ(*s.overall_score, 100.0);

  s = with_tests(3, 3.1, 3, 1, 2.4, 2, 2);
  EXPECT_DOUBLE_EQ(*s.strength_score, 76.3);
  EXPECT_DOUBLE_EQ(*s.mobility_score, 62.5);
  EXPECT_DOUBLE_EQ(*s.balance_score, 67.5);
  EXPECT_DOUBLE_EQ(*s.cardio_score, 50.0);
  EXPECT_DOUBLE_EQ(*s.overall_score, 65.4);
  EXPECT_TRUE(s.is_complete);
}

TEST(Categories, MissingTestsAreLeftOutNeverDefaulted) {
  auto s = with_tests(std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
  EXPECT_FALSE(s.strength_score);
  EXPECT_FALSE(s.overall_score);
  EXPECT_FALSE(s.is_complete);
  s = with_tests(4, std::nullopt, std::nullopt, 0, std::nullopt, std::nullopt, std::nullopt);
  EXPECT_DOUBLE_EQ(*s.strength_score, 100.0);  // not mean(4, 1)
  EXPECT_DOUBLE_EQ(*s.mobility_score, 25.0);   // SM 0 → norm 1
  EXPECT_DOUBLE_EQ(*s.overall_score, round1((30 * 100.0 + 25 * 25.0) / 55));
}

TEST(Categories, OverallRenormalisesWeights) {
  EXPECT_DOUBLE_EQ(*overall_score(std::nullopt, std::nullopt, std::nullopt, 50.0), 50.0);
  EXPECT_DOUBLE_EQ(*overall_score(80.0, std::nullopt, std::nullopt, 50.0), 68.0);  // (24 + 10) / 0.5
  EXPECT_FALSE(overall_score(std::nullopt, std::nullopt, std::nullopt, std::nullopt));
}

// §12 #33 scores
TEST(Assessment, WeakClientScoresTwentyFive) {
  AssessmentInput in;
  in.push_up_reps = 5;
  in.farmer_carry_time = 10;
  in.toe_touch_distance = -20;
  in.shoulder_mobility_pain = true;
  in.single_leg_balance_right_eyes_open = 8;
  in.single_leg_balance_left_eyes_open = 6;
  in.single_leg_balance_right_eyes_closed = 3;
  in.single_leg_balance_left_eyes_closed = 2;
  in.overhead_squat_pain = true;
  in.overhead_squat_knee_valgus = in.overhead_squat_forward_lean = in.overhead_squat_heel_lift = true;
  in.harvard_step_test_hr1 = 120;
  in.harvard_step_test_hr2 = 110;
  in.harvard_step_test_hr3 = 100;
  auto s = score_assessment(in, man(40, 80));
  EXPECT_DOUBLE_EQ(*s.harvard_step_test_pfi, 54.5);
  for (auto c : {s.strength_score, s.mobility_score, s.balance_score, s.cardio_score}) EXPECT_DOUBLE_EQ(*c, 25.0);
  EXPECT_DOUBLE_EQ(*s.overall_score, 25.0);
}

TEST(ManualScores, WinOverRawInputs) {
  auto in = assessment_a();
  in.push_up_score = 1;
  in.single_leg_balance_score = 3.7;
  in.toe_touch_score = 4;
  in.farmer_carry_score = 1.5;
  in.harvard_step_test_score = 4;
  auto s = score_assessment(in, man(35, 80));
  EXPECT_EQ(*s.push_up_score, 1);
  EXPECT_TRUE(s.push_up_score_manual_override);
  EXPECT_DOUBLE_EQ(*s.single_leg_balance_score, 3.7);
  EXPECT_TRUE(s.single_leg_balance_score_manual_override);
  EXPECT_EQ(*s.toe_touch_score, 4);
  EXPECT_DOUBLE_EQ(*s.farmer_carry_score, 1.5);
  EXPECT_DOUBLE_EQ(*s.farmer_carry_percentage, 50.0);  // still computed
  EXPECT_EQ(*s.harvard_step_test_score, 4);
  EXPECT_DOUBLE_EQ(*s.harvard_step_test_pfi, 76.6);  // PFI stays as computed
  EXPECT_TRUE(s.harvard_step_test_score_manual_override);
  EXPECT_DOUBLE_EQ(*s.strength_score, 31.3);  // mean(1, 1.5) × 25 = 31.25
}

TEST(ManualScores, WithoutRawInputsAndOutOfScale) {
  AssessmentInput in;
  in.harvard_step_test_score = 3;
  auto s = score_assessment(in, ClientFacts{});
  EXPECT_EQ(*s.harvard_step_test_score, 3);
  EXPECT_FALSE(s.harvard_step_test_pfi);
  EXPECT_DOUBLE_EQ(*s.cardio_score, 75.0);
  in.harvard_step_test_score = 5;  // invalid manual value: no score rather than a guess
  EXPECT_FALSE(score_assessment(in, ClientFacts{}).harvard_step_test_score);
}

TEST(Assessment, EmptyInputScoresNothing) {
  auto s = score_assessment(AssessmentInput{}, ClientFacts{});
  EXPECT_FALSE(s.overhead_squat_performed);
  EXPECT_FALSE(s.overhead_squat_score || s.push_up_score || s.single_leg_balance_score || s.toe_touch_score ||
               s.shoulder_mobility_score || s.farmer_carry_score || s.harvard_step_test_score);
  EXPECT_FALSE(s.overall_score);
  EXPECT_FALSE(s.is_complete);
}

}  // namespace
}  // namespace the5hc::domain
