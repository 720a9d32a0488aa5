#include "domain/assessment_validation.hpp"

#include <cmath>

#include "domain/assessment_ranges.hpp"
#include "domain/rounding.hpp"

namespace the5hc::domain {

namespace {

template <class T>
struct Check {
  const char* field;
  std::optional<T> AssessmentInput::*member;
  ranges::Range range;
  const char* message;
};

// clang-format off
const Check<double> real_checks[] = {
    // 온도는 -10 이상 50 이하여야 합니다.
    {"temperature", &AssessmentInput::temperature, ranges::temperature, "Temperature must be between -10 and 50."},
    // 외발 서기 시간은 0초 이상 120초 이하여야 합니다.
    {"single_leg_balance_right_eyes_open", &AssessmentInput::single_leg_balance_right_eyes_open, ranges::balance_time, "Balance time must be between 0 and 120 seconds."},
    {"single_leg_balance_left_eyes_open", &AssessmentInput::single_leg_balance_left_eyes_open, ranges::balance_time, "Balance time must be between 0 and 120 seconds."},
    {"single_leg_balance_right_eyes_closed", &AssessmentInput::single_leg_balance_right_eyes_closed, ranges::balance_time, "Balance time must be between 0 and 120 seconds."},
    {"single_leg_balance_left_eyes_closed", &AssessmentInput::single_leg_balance_left_eyes_closed, ranges::balance_time, "Balance time must be between 0 and 120 seconds."},
    // 발끝 닿기 거리는 -50cm 이상 50cm 이하여야 합니다.
    {"toe_touch_distance", &AssessmentInput::toe_touch_distance, ranges::toe_touch_distance, "Toe touch distance must be between -50 and 50 cm."},
    // 어깨 가동성 거리는 0cm 이상 100cm 이하여야 합니다.
    {"shoulder_mobility_right", &AssessmentInput::shoulder_mobility_right, ranges::shoulder_distance, "Shoulder mobility distance must be between 0 and 100 cm."},
    {"shoulder_mobility_left", &AssessmentInput::shoulder_mobility_left, ranges::shoulder_distance, "Shoulder mobility distance must be between 0 and 100 cm."},
    {"shoulder_mobility_asymmetry", &AssessmentInput::shoulder_mobility_asymmetry, ranges::shoulder_distance, "Shoulder mobility distance must be between 0 and 100 cm."},
    // 파머스 캐리 무게는 0kg 이상 300kg 이하여야 합니다.
    {"farmer_carry_weight", &AssessmentInput::farmer_carry_weight, ranges::farmer_weight, "Farmer's carry load must be between 0 and 300 kg."},
    // 파머스 캐리 거리는 0m 이상 200m 이하여야 합니다.
    {"farmer_carry_distance", &AssessmentInput::farmer_carry_distance, ranges::farmer_distance, "Farmer's carry distance must be between 0 and 200 m."},
    // 파머스 캐리 시간은 0초 이상 600초 이하여야 합니다.
    {"farmer_carry_time", &AssessmentInput::farmer_carry_time, ranges::farmer_time, "Farmer's carry time must be between 0 and 600 seconds."},
    // 체중 대비 비율은 0 이상 200 이하여야 합니다.
    {"farmer_carry_percentage", &AssessmentInput::farmer_carry_percentage, ranges::farmer_percentage, "Percentage of body weight must be between 0 and 200."},
    // 테스트 시간은 1초 이상 300초 이하여야 합니다.
    {"harvard_step_test_duration", &AssessmentInput::harvard_step_test_duration, ranges::harvard_duration, "Test duration must be between 1 and 300 seconds."},
};

const Check<int> integer_checks[] = {
    // 푸시업 횟수는 0 이상 300 이하여야 합니다.
    {"push_up_reps", &AssessmentInput::push_up_reps, ranges::push_up_reps, "Push-up repetitions must be between 0 and 300."},
    // 심박수는 40 이상 250 이하여야 합니다.
    {"harvard_step_test_hr1", &AssessmentInput::harvard_step_test_hr1, ranges::heart_rate, "Heart rate must be between 40 and 250."},
    {"harvard_step_test_hr2", &AssessmentInput::harvard_step_test_hr2, ranges::heart_rate, "Heart rate must be between 40 and 250."},
    {"harvard_step_test_hr3", &AssessmentInput::harvard_step_test_hr3, ranges::heart_rate, "Heart rate must be between 40 and 250."},
    // 점수는 0 이상 3 이하여야 합니다.
    {"overhead_squat_score", &AssessmentInput::overhead_squat_score, ranges::fms_score, "Score must be between 0 and 3."},
    {"shoulder_mobility_score", &AssessmentInput::shoulder_mobility_score, ranges::fms_score, "Score must be between 0 and 3."},
    // 점수는 1 이상 4 이하여야 합니다.
    {"push_up_score", &AssessmentInput::push_up_score, ranges::test_score, "Score must be between 1 and 4."},
    {"toe_touch_score", &AssessmentInput::toe_touch_score, ranges::test_score, "Score must be between 1 and 4."},
    {"harvard_step_test_score", &AssessmentInput::harvard_step_test_score, ranges::test_score, "Score must be between 1 and 4."},
};

// Balance and farmer's carry scores: 1.0–4.0 with one decimal.
const Check<double> decimal_score_checks[] = {
    // 점수는 1.0 이상 4.0 이하이며 소수점 한 자리까지 입력할 수 있습니다.
    {"single_leg_balance_score", &AssessmentInput::single_leg_balance_score, ranges::test_score, "Score must be between 1.0 and 4.0 with at most one decimal."},
    {"farmer_carry_score", &AssessmentInput::farmer_carry_score, ranges::test_score, "Score must be between 1.0 and 4.0 with at most one decimal."},
};
// clang-format on

bool one_decimal(double v) { return std::fabs(v * 10 - std::round(v * 10)) < 1e-6; }

}  // namespace

void round_measurements(AssessmentInput& in) {
  for (const auto& c : real_checks)
    if (auto& v = in.*c.member; v && std::isfinite(*v)) *v = round1(*v);
}

FieldErrors validate_assessment_input(const AssessmentInput& in) {
  FieldErrors errors;
  for (const auto& c : real_checks)
    if (const auto& v = in.*c.member; v && (!std::isfinite(*v) || !c.range.contains(*v)))
      errors[c.field].push_back(c.message);
  for (const auto& c : integer_checks)
    if (const auto& v = in.*c.member; v && !c.range.contains(*v)) errors[c.field].push_back(c.message);
  for (const auto& c : decimal_score_checks)
    if (const auto& v = in.*c.member; v && (!std::isfinite(*v) || !c.range.contains(*v) || !one_decimal(*v)))
      errors[c.field].push_back(c.message);
  return errors;
}

FieldErrors validate_assessment_date(std::chrono::sys_days date, std::chrono::sys_days today) {
  if (date > today) return {{"date", {"The assessment date cannot be in the future."}}};  // 평가 날짜는 미래일 수 없습니다.
  return {};
}

}  // namespace the5hc::domain
