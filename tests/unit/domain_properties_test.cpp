// Properties over many generated assessments: every score on its scale, categories and overall within 25–100,
// risk within 0–100, percentiles within 10–90, and nothing throws whatever is missing or out of range.
#include <gtest/gtest.h>

#include <random>

#include "domain/assessment_validation.hpp"
#include "domain/evaluation.hpp"
#include "domain/scoring.hpp"

namespace the5hc::domain {
namespace {

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}

  // Mostly valid values, sometimes missing, sometimes out of range.
  std::optional<double> real(double min, double max) {
    int k = pick(10);
    if (k == 0) return std::nullopt;
    if (k == 1) return std::uniform_real_distribution<double>(min - 100, max + 100)(rng_);
    return std::round(std::uniform_real_distribution<double>(min, max)(rng_) * 10) / 10;
  }
  std::optional<int> integer(int min, int max) {
    int k = pick(10);
    if (k == 0) return std::nullopt;
    if (k == 1) return std::uniform_int_distribution<int>(min - 50, max + 50)(rng_);
    return std::uniform_int_distribution<int>(min, max)(rng_);
  }
  bool flag() { return pick(3) == 0; }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  AssessmentInput assessment() {
    AssessmentInput in;
    in.test_environment = flag() ? TestEnvironment::outdoor : TestEnvironment::indoor;
    in.temperature = real(-10, 50);
    in.overhead_squat_performed = flag();
    in.overhead_squat_pain = pick(8) == 0;
    in.overhead_squat_knee_valgus = flag();
    in.overhead_squat_forward_lean = flag();
    in.overhead_squat_heel_lift = flag();
    in.overhead_squat_arm_drop = flag();
    if (pick(5) == 0) in.overhead_squat_score = integer(0, 3);
    in.push_up_reps = integer(0, 80);
    in.push_up_type = static_cast<PushUpType>(pick(3));
    if (pick(6) == 0) in.push_up_score = integer(1, 4);
    in.single_leg_balance_right_eyes_open = real(0, 120);
    in.single_leg_balance_left_eyes_open = real(0, 120);
    in.single_leg_balance_right_eyes_closed = real(0, 60);
    in.single_leg_balance_left_eyes_closed = real(0, 60);
    if (pick(6) == 0) in.single_leg_balance_score = real(1, 4);
    in.toe_touch_distance = real(-50, 50);
    in.shoulder_mobility_right = real(0, 30);
    in.shoulder_mobility_left = real(0, 30);
    if (flag()) in.shoulder_mobility_asymmetry = real(0, 15);
    in.shoulder_mobility_pain = pick(8) == 0;
    in.shoulder_mobility_score = integer(0, 3);
    in.farmer_carry_weight = real(0, 120);
    in.farmer_carry_time = real(0, 120);
    if (flag()) in.farmer_carry_percentage = real(0, 200);
    if (pick(6) == 0) in.farmer_carry_score = real(1, 4);
    in.harvard_step_test_hr1 = integer(60, 200);
    in.harvard_step_test_hr2 = integer(60, 200);
    in.harvard_step_test_hr3 = integer(60, 200);
    if (flag()) in.harvard_step_test_duration = real(1, 300);
    if (pick(6) == 0) in.harvard_step_test_score = integer(1, 4);
    return in;
  }

  ClientFacts client() {
    ClientFacts c;
    if (pick(10)) c.age = std::uniform_int_distribution<int>(1, 120)(rng_);
    if (pick(10)) c.gender = flag() ? Gender::female : Gender::male;
    c.weight = real(20, 200);
    return c;
  }

  std::vector<McqResponse> responses() {
    std::vector<McqResponse> out;
    for (const auto& q : builtin_mcq_bank().questions) {
      if (pick(3) == 0) continue;
      McqResponse r{q.id, {}, {}};
      if (q.question_type == QuestionType::multiple) {
        for (const auto& c : q.choices)
          if (flag()) r.selected_choice_ids.push_back(c.id);
      } else {
        r.selected_choice_ids.push_back(q.choices[pick(static_cast<int>(q.choices.size()))].id);
      }
      out.push_back(r);
    }
    return out;
  }

 private:
  std::mt19937_64 rng_;
};

void expect_scale(std::optional<double> v, double min, double max, const char* what) {
  if (v) {
    EXPECT_GE(*v, min) << what;
    EXPECT_LE(*v, max) << what;
    EXPECT_DOUBLE_EQ(*v, std::round(*v * 10) / 10) << what << " has more than one decimal";
  }
}

TEST(ScoringProperty, EverythingStaysOnItsScale) {
  Generator g(42);
  for (int i = 0; i < 20000; ++i) {
    auto in = g.assessment();
    auto client = g.client();
    Evaluation e;
    ASSERT_NO_THROW(e = evaluate_assessment(in, client, g.responses())) << i;
    const auto& s = e.scores;
    expect_scale(s.overhead_squat_score ? std::optional<double>(*s.overhead_squat_score) : std::nullopt, 0, 3, "ohs");
    expect_scale(s.shoulder_mobility_score ? std::optional<double>(*s.shoulder_mobility_score) : std::nullopt, 0, 3,
                 "sm");
    for (auto v : {s.push_up_score, s.toe_touch_score, s.harvard_step_test_score})
      expect_scale(v ? std::optional<double>(*v) : std::nullopt, 1, 4, "integer test");
    expect_scale(s.single_leg_balance_score, 1, 4, "balance");
    expect_scale(s.farmer_carry_score, 1, 4, "farmer");
    for (auto c : {s.strength_score, s.mobility_score, s.balance_score, s.cardio_score})
      expect_scale(c, 25, 100, "category");
    expect_scale(s.overall_score, 25, 100, "overall");
    EXPECT_EQ(s.is_complete, s.strength_score && s.mobility_score && s.balance_score && s.cardio_score);
    EXPECT_EQ(s.overall_score.has_value(), s.strength_score || s.mobility_score || s.balance_score || s.cardio_score);
    expect_scale(e.risk.physical, 0, 100, "physical risk");
    expect_scale(e.risk.score, 0, 100, "risk");
    if (e.risk.mcq) expect_scale(*e.risk.mcq, 0, 100, "mcq risk");
    for (const auto& f : e.risk.factors) EXPECT_GT(f.points, 0) << f.code;
    EXPECT_LE(e.risk.primary_concerns.size(), 3u);
    expect_scale(e.comprehensive_score, 0, 100, "comprehensive");
    for (const auto& p :
         {e.percentiles.push_up, e.percentiles.harvard_step, e.percentiles.farmer_carry, e.percentiles.overall})
      if (p) {
        expect_scale(p->percentile, 10, 90, "percentile");
        EXPECT_DOUBLE_EQ(p->percentile + p->top_percent, 100);
      }
    for (const auto& [code, score] : e.mcq.category_scores) expect_scale(score, 0, 100, "mcq category");
  }
}

TEST(ScoringProperty, ValidInputsScoreEveryPerformedTest) {
  Generator g(7);
  int checked = 0;
  for (int i = 0; i < 5000; ++i) {
    auto in = g.assessment();
    if (!validate_assessment_input(in).empty()) continue;
    ClientFacts client{35, Gender::female, 60};
    auto s = score_assessment(in, client);
    ++checked;
    // a valid raw input always produces its score (no silent NULL)
    if (in.push_up_reps) {
      EXPECT_TRUE(s.push_up_score);
    }
    if (in.toe_touch_distance) {
      EXPECT_TRUE(s.toe_touch_score);
    }
    if (in.farmer_carry_time) {
      EXPECT_TRUE(s.farmer_carry_score);
    }
    if (in.harvard_step_test_hr1 && in.harvard_step_test_hr2 && in.harvard_step_test_hr3) {
      EXPECT_TRUE(s.harvard_step_test_pfi && s.harvard_step_test_score);
    }
  }
  EXPECT_GT(checked, 100);
}

}  // namespace
}  // namespace the5hc::domain
