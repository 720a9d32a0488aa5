#pragma once
// Shared builders for the domain tests: the worked examples of DOMAIN.md §12 start from the same clients and
// assessment A.
#include "domain/assessment.hpp"

namespace the5hc::domain::testing {

inline ClientFacts man(int age, double weight = 80) { return {age, Gender::male, weight}; }
inline ClientFacts woman(int age, double weight = 60) { return {age, Gender::female, weight}; }

// DOMAIN.md §12 #25 — man, 35 y, 80 kg, indoor.
inline AssessmentInput assessment_a() {
  AssessmentInput in;
  in.push_up_reps = 26;
  in.farmer_carry_time = 50;
  in.farmer_carry_weight = 40;
  in.single_leg_balance_right_eyes_open = 35;
  in.single_leg_balance_left_eyes_open = 28;
  in.single_leg_balance_right_eyes_closed = 12;
  in.single_leg_balance_left_eyes_closed = 9;
  in.toe_touch_distance = 2;
  in.shoulder_mobility_score = 2;
  in.shoulder_mobility_asymmetry = 3;
  in.overhead_squat_performed = true;
  in.overhead_squat_forward_lean = true;
  in.harvard_step_test_hr1 = 85;
  in.harvard_step_test_hr2 = 78;
  in.harvard_step_test_hr3 = 72;
  in.harvard_step_test_duration = 180;
  return in;
}

}  // namespace the5hc::domain::testing
