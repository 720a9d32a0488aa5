// Assessment input ranges (DOMAIN.md §1.6, §9).
#include <gtest/gtest.h>

#include "domain/assessment_validation.hpp"

namespace the5hc::domain {
namespace {

using namespace std::chrono;

template <class T>
void expect_range(std::optional<T> AssessmentInput::*member, const char* field, T min, T max, T step) {
  AssessmentInput in;
  for (T ok : {min, max}) {
    in.*member = ok;
    EXPECT_TRUE(validate_assessment_input(in).empty()) << field << " " << ok;
  }
  for (T bad : {T(min - step), T(max + step)}) {
    in.*member = bad;
    auto e = validate_assessment_input(in);
    ASSERT_TRUE(e.count(field)) << field << " " << bad;
    EXPECT_EQ(e.size(), 1u);
  }
}

TEST(AssessmentValidation, EmptyInputIsValid) { EXPECT_TRUE(validate_assessment_input({}).empty()); }

TEST(AssessmentValidation, EveryRangeAtAndBeyondItsEdges) {
  using A = AssessmentInput;
  expect_range(&A::temperature, "temperature", -10.0, 50.0, 0.1);
  expect_range(&A::push_up_reps, "push_up_reps", 0, 300, 1);
  expect_range(&A::single_leg_balance_right_eyes_open, "single_leg_balance_right_eyes_open", 0.0, 120.0, 0.1);
  expect_range(&A::single_leg_balance_left_eyes_open, "single_leg_balance_left_eyes_open", 0.0, 120.0, 0.1);
  expect_range(&A::single_leg_balance_right_eyes_closed, "single_leg_balance_right_eyes_closed", 0.0, 120.0, 0.1);
  expect_range(&A::single_leg_balance_left_eyes_closed, "single_leg_balance_left_eyes_closed", 0.0, 120.0, 0.1);
  expect_range(&A::toe_touch_distance, "toe_touch_distance", -50.0, 50.0, 0.1);
  expect_range(&A::shoulder_mobility_right, "shoulder_mobility_right", 0.0, 100.0, 0.1);
  expect_range(&A::shoulder_mobility_left, "shoulder_mobility_left", 0.0, 100.0, 0.1);
  expect_range(&A::shoulder_mobility_asymmetry, "shoulder_mobility_asymmetry", 0.0, 100.0, 0.1);
  expect_range(&A::farmer_carry_weight, "farmer_carry_weight", 0.0, 300.0, 0.1);
  expect_range(&A::farmer_carry_distance, "farmer_carry_distance", 0.0, 200.0, 0.1);
  expect_range(&A::farmer_carry_time, "farmer_carry_time", 0.0, 600.0, 0.1);
  expect_range(&A::farmer_carry_percentage, "farmer_carry_percentage", 0.0, 200.0, 0.1);
  expect_range(&A::harvard_step_test_hr1, "harvard_step_test_hr1", 40, 250, 1);
  expect_range(&A::harvard_step_test_hr2, "harvard_step_test_hr2", 40, 250, 1);
  expect_range(&A::harvard_step_test_hr3, "harvard_step_test_hr3", 40, 250, 1);
  expect_range(&A::harvard_step_test_duration, "harvard_step_test_duration", 1.0, 300.0, 0.1);
  expect_range(&A::overhead_squat_score, "overhead_squat_score", 0, 3, 1);
  expect_range(&A::shoulder_mobility_score, "shoulder_mobility_score", 0, 3, 1);
  expect_range(&A::push_up_score, "push_up_score", 1, 4, 1);
  expect_range(&A::toe_touch_score, "toe_touch_score", 1, 4, 1);
  expect_range(&A::harvard_step_test_score, "harvard_step_test_score", 1, 4, 1);
  expect_range(&A::single_leg_balance_score, "single_leg_balance_score", 1.0, 4.0, 0.1);
  expect_range(&A::farmer_carry_score, "farmer_carry_score", 1.0, 4.0, 0.1);
}

TEST(AssessmentValidation, MessagesAreMsgids) {
  AssessmentInput in;
  in.harvard_step_test_hr2 = 20;
  EXPECT_EQ(validate_assessment_input(in).at("harvard_step_test_hr2").front(),
            "Heart rate must be between 40 and 250.");
}

TEST(AssessmentValidation, DecimalManualScoresHaveOneDecimal) {
  AssessmentInput in;
  in.single_leg_balance_score = 2.5;
  EXPECT_TRUE(validate_assessment_input(in).empty());
  in.single_leg_balance_score = 2.55;
  EXPECT_TRUE(validate_assessment_input(in).count("single_leg_balance_score"));
  in = {};
  in.farmer_carry_score = 3.3;
  EXPECT_TRUE(validate_assessment_input(in).empty());
}

TEST(AssessmentValidation, SeveralErrorsAtOnce) {
  AssessmentInput in;
  in.push_up_reps = -1;
  in.temperature = 51;
  in.harvard_step_test_hr1 = 300;
  EXPECT_EQ(validate_assessment_input(in).size(), 3u);
}

TEST(AssessmentValidation, DateNotInTheFuture) {
  sys_days today{2026y / 11 / 25};
  EXPECT_TRUE(validate_assessment_date(today, today).empty());
  EXPECT_TRUE(validate_assessment_date(today - days{400}, today).empty());
  EXPECT_EQ(validate_assessment_date(today + days{1}, today).at("date").front(),
            "The assessment date cannot be in the future.");
}

}  // namespace
}  // namespace the5hc::domain

namespace the5hc::domain {
namespace {

TEST(AssessmentValidation, MeasurementsKeepOneDecimal) {
  AssessmentInput in;
  in.single_leg_balance_right_eyes_open = 120.04;
  in.toe_touch_distance = -10.05;
  in.temperature = 14.96;
  in.single_leg_balance_score = 2.55;
  round_measurements(in);
  EXPECT_DOUBLE_EQ(*in.single_leg_balance_right_eyes_open, 120.0);
  EXPECT_DOUBLE_EQ(*in.toe_touch_distance, -10.1);
  EXPECT_DOUBLE_EQ(*in.temperature, 15.0);
  EXPECT_DOUBLE_EQ(*in.single_leg_balance_score, 2.55);  // manual scores are validated, not rounded
  auto e = validate_assessment_input(in);
  EXPECT_EQ(e.size(), 1u);
  EXPECT_TRUE(e.count("single_leg_balance_score"));
}

}  // namespace
}  // namespace the5hc::domain
