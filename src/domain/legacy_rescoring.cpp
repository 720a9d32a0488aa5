#include "domain/legacy_rescoring.hpp"

namespace the5hc::domain {

namespace {

template <class T>
void keep_if(bool raw_missing, std::optional<T>& manual, const std::optional<T>& recorded) {
  if (raw_missing && !manual && recorded) manual = recorded;
}

}  // namespace

AssessmentInput legacy_rescore_input(AssessmentInput in, const RecordedScores& r) {
  keep_if(true, in.overhead_squat_score, r.overhead_squat);
  keep_if(!in.push_up_reps, in.push_up_score, r.push_up);
  keep_if(!in.single_leg_balance_right_eyes_open || !in.single_leg_balance_left_eyes_open ||
              !in.single_leg_balance_right_eyes_closed || !in.single_leg_balance_left_eyes_closed,
          in.single_leg_balance_score, r.single_leg_balance);
  keep_if(!in.toe_touch_distance, in.toe_touch_score, r.toe_touch);
  keep_if(true, in.shoulder_mobility_score, r.shoulder_mobility);  // SM is only ever entered
  keep_if(!in.farmer_carry_time, in.farmer_carry_score, r.farmer_carry);
  keep_if(!in.harvard_step_test_hr1 || !in.harvard_step_test_hr2 || !in.harvard_step_test_hr3,
          in.harvard_step_test_score, r.harvard_step_test);
  return in;
}

}  // namespace the5hc::domain
