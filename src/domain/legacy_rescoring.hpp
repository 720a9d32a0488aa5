#pragma once
// Rescoring an imported legacy assessment (DOMAIN.md §2.6): the raw inputs present are scored with today's rules;
// a recorded per-test score whose raw inputs are missing is kept as a manual score.
#include <optional>

#include "domain/assessment.hpp"

namespace the5hc::domain {

struct RecordedScores {  // per-test scores as the legacy application stored them
  std::optional<int> overhead_squat, push_up, toe_touch, shoulder_mobility, harvard_step_test;
  std::optional<double> single_leg_balance, farmer_carry;
};

// The input to score instead of `raw`. Legacy OHS compensation flags were never recorded, so a recorded OHS score
// is always kept; a legacy single heart rate is not an input at all, so Harvard needs hr1–hr3 to be recomputed.
AssessmentInput legacy_rescore_input(AssessmentInput raw, const RecordedScores& recorded);

}  // namespace the5hc::domain
