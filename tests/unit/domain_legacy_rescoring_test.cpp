// Rescoring legacy assessments (DOMAIN.md §2.6): raw inputs win, recorded scores fill in as manual scores.
#include <gtest/gtest.h>

#include "domain/legacy_rescoring.hpp"
#include "domain/scoring.hpp"

namespace the5hc::domain {
namespace {

TEST(LegacyRescoring, RecordedScoresKeptWhereRawInputsAreMissing) {
  AssessmentInput raw;
  raw.push_up_reps = 30;      // present: recomputed
  raw.toe_touch_distance = 7;  // present: recomputed
  RecordedScores recorded{2, 1, 1, 2, 3, 2.5, 3.1};
  auto in = legacy_rescore_input(raw, recorded);
  EXPECT_FALSE(in.push_up_score);
  EXPECT_FALSE(in.toe_touch_score);
  EXPECT_EQ(*in.overhead_squat_score, 2);  // flags were never recorded
  EXPECT_EQ(*in.shoulder_mobility_score, 2);
  EXPECT_EQ(*in.harvard_step_test_score, 3);
  EXPECT_DOUBLE_EQ(*in.single_leg_balance_score, 2.5);
  EXPECT_DOUBLE_EQ(*in.farmer_carry_score, 3.1);

  auto s = score_assessment(in, ClientFacts{25, Gender::male, 80});
  EXPECT_EQ(*s.push_up_score, 3);
  EXPECT_FALSE(s.push_up_score_manual_override);
  EXPECT_EQ(*s.toe_touch_score, 4);
  EXPECT_EQ(*s.overhead_squat_score, 2);
  EXPECT_TRUE(s.overhead_squat_score_manual_override);
  EXPECT_TRUE(s.harvard_step_test_score_manual_override);
  EXPECT_FALSE(s.harvard_step_test_pfi);  // a legacy single heart rate never gives a PFI
}

TEST(LegacyRescoring, PartialRawInputsDoNotReplaceTheRecordedScore) {
  AssessmentInput raw;
  raw.harvard_step_test_hr1 = 80;  // hr2, hr3 missing
  raw.single_leg_balance_right_eyes_open = 30;
  RecordedScores recorded;
  recorded.harvard_step_test = 2;
  recorded.single_leg_balance = 3.0;
  auto in = legacy_rescore_input(raw, recorded);
  EXPECT_EQ(*in.harvard_step_test_score, 2);
  EXPECT_DOUBLE_EQ(*in.single_leg_balance_score, 3.0);
  EXPECT_FALSE(in.farmer_carry_score);
  EXPECT_FALSE(in.overhead_squat_score);
}

TEST(LegacyRescoring, ManualScoreAlreadyEnteredWins) {
  AssessmentInput raw;
  raw.push_up_score = 4;
  RecordedScores recorded;
  recorded.push_up = 1;
  auto in = legacy_rescore_input(raw, recorded);
  EXPECT_EQ(*in.push_up_score, 4);
}

}  // namespace
}  // namespace the5hc::domain
