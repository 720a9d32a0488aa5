#include "domain/scoring.hpp"

#include <algorithm>
#include <cmath>

#include "domain/assessment_ranges.hpp"
#include "domain/rounding.hpp"

namespace the5hc::domain {

namespace {

template <class T>
std::optional<T> in_range(std::optional<T> v, ranges::Range r) {
  if (v && r.contains(static_cast<double>(*v))) return v;
  return std::nullopt;
}

// A manual score outside its scale is invalid input: the score is NULL rather than a guess.
template <class T>
std::optional<T> manual(std::optional<T> v, ranges::Range r) {
  return v ? in_range(v, r) : std::nullopt;
}

std::optional<double> mean(std::initializer_list<std::optional<double>> xs) {
  double sum = 0;
  int n = 0;
  for (const auto& x : xs)
    if (x) sum += *x, ++n;
  if (n == 0) return std::nullopt;
  return sum / n;
}

std::optional<double> as_double(std::optional<int> v) {
  return v ? std::optional<double>(*v) : std::nullopt;
}

// FMS 0–3 on the 1–4 scale of the other tests
std::optional<double> norm(std::optional<int> fms) { return fms ? std::optional<double>(*fms + 1) : std::nullopt; }

std::optional<double> category(std::optional<double> mean_score) {
  return mean_score ? std::optional<double>(round1(*mean_score * 25.0)) : std::nullopt;
}

}  // namespace

int ohs_compensation_count(const AssessmentInput& in) {
  return int(in.overhead_squat_knee_valgus) + int(in.overhead_squat_forward_lean) + int(in.overhead_squat_heel_lift) +
         int(in.overhead_squat_arm_drop);
}

bool overhead_squat_performed(const AssessmentInput& in) {
  return in.overhead_squat_performed || in.overhead_squat_pain || in.overhead_squat_score.has_value() ||
         ohs_compensation_count(in) > 0;
}

std::optional<int> score_overhead_squat(const AssessmentInput& in) {
  if (!overhead_squat_performed(in)) return std::nullopt;
  if (in.overhead_squat_pain) return 0;
  if (in.overhead_squat_score) return manual(in.overhead_squat_score, ranges::fms_score);
  int n = ohs_compensation_count(in);
  return n == 0 ? 3 : n == 1 ? 2 : 1;
}

int apply_push_up_variation(int base, PushUpType type) {
  // round0(base × 7/10) and round0(base × 4/10) in integers: (2a + b) div 2b
  switch (type) {
    case PushUpType::modified: return std::max<int>(1, static_cast<int>(round_div(base * 7, 10)));
    case PushUpType::wall: return std::max<int>(1, static_cast<int>(round_div(base * 4, 10)));
    case PushUpType::standard: break;
  }
  return base;
}

std::optional<int> score_push_up(std::optional<int> reps, PushUpType type, const ClientFacts& client,
                                 const std::vector<TestStandard>& standards) {
  if (!in_range(reps, ranges::push_up_reps) || !client.gender || !client.age) return std::nullopt;
  const auto* s = find_standard(standards, "push_up", client.gender, client.age);
  if (!s) return std::nullopt;
  return apply_push_up_variation(score_by_standard(*s, *reps), type);
}

std::optional<double> score_single_leg_balance(std::optional<double> right_open, std::optional<double> left_open,
                                               std::optional<double> right_closed, std::optional<double> left_closed,
                                               const std::vector<TestStandard>& standards) {
  for (auto t : {right_open, left_open, right_closed, left_closed})
    if (!in_range(t, ranges::balance_time)) return std::nullopt;
  const auto* open = find_standard(standards, "balance", std::nullopt, std::nullopt, "eyes_open");
  const auto* closed = find_standard(standards, "balance", std::nullopt, std::nullopt, "eyes_closed");
  if (!open || !closed) return std::nullopt;
  int open_score = score_by_standard(*open, (*right_open + *left_open) / 2);
  int closed_score = score_by_standard(*closed, (*right_closed + *left_closed) / 2);
  return round1(0.4 * open_score + 0.6 * closed_score);
}

std::optional<int> score_toe_touch(std::optional<double> distance_cm, const std::vector<TestStandard>& standards) {
  if (!in_range(distance_cm, ranges::toe_touch_distance)) return std::nullopt;
  const auto* s = find_standard(standards, "toe_touch", std::nullopt, std::nullopt);
  if (!s) return std::nullopt;
  return score_by_standard(*s, *distance_cm);
}

std::optional<int> score_shoulder_mobility(std::optional<int> entered, bool pain) {
  if (pain) return 0;
  return manual(entered, ranges::fms_score);
}

std::optional<double> shoulder_asymmetry(const AssessmentInput& in) {
  if (in.shoulder_mobility_asymmetry) return in_range(in.shoulder_mobility_asymmetry, ranges::shoulder_distance);
  auto r = in_range(in.shoulder_mobility_right, ranges::shoulder_distance);
  auto l = in_range(in.shoulder_mobility_left, ranges::shoulder_distance);
  if (!r || !l) return std::nullopt;
  return round1(std::fabs(*r - *l));
}

std::optional<double> farmer_carry_percentage_bw(std::optional<double> load_kg, std::optional<double> body_weight_kg) {
  if (!in_range(load_kg, ranges::farmer_weight) || !body_weight_kg || *body_weight_kg <= 0) return std::nullopt;
  return round1(*load_kg / *body_weight_kg * 100.0);
}

std::optional<double> score_farmer_carry(std::optional<double> time_s, std::optional<double> percentage_bw,
                                         std::optional<Gender> gender, const std::vector<TestStandard>& standards) {
  if (!in_range(time_s, ranges::farmer_time) || !gender) return std::nullopt;
  const auto* s = find_standard(standards, "farmer_carry", gender, std::nullopt);
  if (!s) return std::nullopt;
  double score = score_by_standard(*s, *time_s);
  // p unknown or 0 (nothing carried was recorded) leaves the base score alone
  if (percentage_bw && *percentage_bw > 0) {
    double p = *percentage_bw;
    if (p < 50) score *= std::max(0.5, p / 50.0);
    else if (p > 100) score *= std::min(1.2, 1.0 + (p - 100.0) / 500.0);
  }
  return round1(std::clamp(score, 1.0, 4.0));
}

std::optional<double> harvard_pfi(std::optional<int> hr1, std::optional<int> hr2, std::optional<int> hr3,
                                  std::optional<double> duration_s) {
  for (auto hr : {hr1, hr2, hr3})
    if (!in_range(hr, ranges::heart_rate)) return std::nullopt;
  double duration = duration_s.value_or(180.0);
  if (!ranges::harvard_duration.contains(duration)) return std::nullopt;
  return round1(100.0 * duration / (*hr1 + *hr2 + *hr3));
}

std::optional<int> score_harvard(std::optional<double> pfi, const std::vector<TestStandard>& standards) {
  if (!pfi) return std::nullopt;
  const auto* s = find_standard(standards, "step_test", std::nullopt, std::nullopt);
  if (!s) return std::nullopt;
  return score_by_standard(*s, *pfi);
}

double temperature_factor(TestEnvironment env, std::optional<double> temperature) {
  if (env != TestEnvironment::outdoor || !temperature) return 1.0;
  double t = *temperature;
  if (t < 15) return 1.0 + std::min(0.10, (15.0 - t) * 0.01);
  if (t > 25) return 1.0 + std::min(0.10, (t - 25.0) * 0.01);
  return 1.0;
}

std::optional<double> overall_score(std::optional<double> strength, std::optional<double> mobility,
                                    std::optional<double> balance, std::optional<double> cardio) {
  // integer weights (30/25/25/20) keep the renormalisation free of binary noise
  const std::pair<std::optional<double>, int> parts[] = {{strength, 30}, {mobility, 25}, {balance, 25}, {cardio, 20}};
  double weighted = 0;
  int weights = 0;
  for (const auto& [cat, w] : parts)
    if (cat) weighted += w * *cat, weights += w;
  if (weights == 0) return std::nullopt;
  return round1(weighted / weights);
}

void compute_categories(AssessmentScores& s, double factor) {
  auto adjust = [factor](std::optional<double> cat) -> std::optional<double> {
    if (!cat || factor == 1.0) return cat;
    return std::min(100.0, round1(*cat * factor));
  };
  s.temperature_factor = factor;
  s.strength_score = adjust(category(mean({as_double(s.push_up_score), s.farmer_carry_score})));
  s.mobility_score = category(mean({as_double(s.toe_touch_score), norm(s.shoulder_mobility_score)}));
  s.balance_score = category(mean({s.single_leg_balance_score, norm(s.overhead_squat_score)}));
  s.cardio_score = adjust(category(as_double(s.harvard_step_test_score)));
  s.overall_score = overall_score(s.strength_score, s.mobility_score, s.balance_score, s.cardio_score);
  s.is_complete = s.strength_score && s.mobility_score && s.balance_score && s.cardio_score;
}

AssessmentScores score_assessment(const AssessmentInput& in, const ClientFacts& client,
                                  const std::vector<TestStandard>& standards) {
  AssessmentScores s;
  s.overhead_squat_performed = overhead_squat_performed(in);
  s.overhead_squat_score = score_overhead_squat(in);
  // pain overrides an entered score, which then is not the trainer's score any more
  s.overhead_squat_score_manual_override = in.overhead_squat_score.has_value() && !in.overhead_squat_pain;

  s.push_up_score_manual_override = in.push_up_score.has_value();
  s.push_up_score = in.push_up_score ? manual(in.push_up_score, ranges::test_score)
                                     : score_push_up(in.push_up_reps, in.push_up_type, client, standards);

  s.single_leg_balance_score_manual_override = in.single_leg_balance_score.has_value();
  s.single_leg_balance_score =
      in.single_leg_balance_score
          ? manual(std::optional<double>(round1(*in.single_leg_balance_score)), ranges::test_score)
          : score_single_leg_balance(in.single_leg_balance_right_eyes_open, in.single_leg_balance_left_eyes_open,
                                     in.single_leg_balance_right_eyes_closed, in.single_leg_balance_left_eyes_closed,
                                     standards);

  s.toe_touch_score_manual_override = in.toe_touch_score.has_value();
  s.toe_touch_score = in.toe_touch_score ? manual(in.toe_touch_score, ranges::test_score)
                                         : score_toe_touch(in.toe_touch_distance, standards);

  s.shoulder_mobility_score = score_shoulder_mobility(in.shoulder_mobility_score, in.shoulder_mobility_pain);
  s.shoulder_mobility_asymmetry = shoulder_asymmetry(in);

  s.farmer_carry_percentage_entered = in.farmer_carry_percentage.has_value();
  s.farmer_carry_percentage = in.farmer_carry_percentage
                                  ? in_range(in.farmer_carry_percentage, ranges::farmer_percentage)
                                  : farmer_carry_percentage_bw(in.farmer_carry_weight, client.weight);
  s.farmer_carry_score_manual_override = in.farmer_carry_score.has_value();
  s.farmer_carry_score =
      in.farmer_carry_score
          ? manual(std::optional<double>(round1(*in.farmer_carry_score)), ranges::test_score)
          : score_farmer_carry(in.farmer_carry_time, s.farmer_carry_percentage, client.gender, standards);

  s.harvard_step_test_pfi = harvard_pfi(in.harvard_step_test_hr1, in.harvard_step_test_hr2, in.harvard_step_test_hr3,
                                        in.harvard_step_test_duration);
  s.harvard_step_test_score_manual_override = in.harvard_step_test_score.has_value();
  s.harvard_step_test_score = in.harvard_step_test_score ? manual(in.harvard_step_test_score, ranges::test_score)
                                                         : score_harvard(s.harvard_step_test_pfi, standards);

  auto temperature = in_range(in.temperature, ranges::temperature);
  compute_categories(s, temperature_factor(in.test_environment, temperature));
  return s;
}

}  // namespace the5hc::domain
