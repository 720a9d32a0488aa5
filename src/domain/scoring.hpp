#pragma once
// Test scoring, categories, overall and the outdoor temperature adjustment (DOMAIN.md §2.2–§2.5). Every function is
// total: a missing or out-of-range input gives NULL (nullopt), never a default score and never an exception.
#include <optional>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/reference_data.hpp"

namespace the5hc::domain {

// OHS: not performed → NULL; pain → 0; entered score wins; else compensations 0 → 3, 1 → 2, ≥ 2 → 1.
std::optional<int> score_overhead_squat(const AssessmentInput& in);
bool overhead_squat_performed(const AssessmentInput& in);

// Push-up by gender/age standard, then the variation multiplier (modified × 0.7, wall × 0.4, at least 1).
std::optional<int> score_push_up(std::optional<int> reps, PushUpType type, const ClientFacts& client,
                                 const std::vector<TestStandard>& standards = builtin_test_standards());
int apply_push_up_variation(int base, PushUpType type);

// round1(0.4 × open score + 0.6 × closed score) from the means of right/left; needs all four times.
std::optional<double> score_single_leg_balance(std::optional<double> right_open, std::optional<double> left_open,
                                               std::optional<double> right_closed, std::optional<double> left_closed,
                                               const std::vector<TestStandard>& standards = builtin_test_standards());

std::optional<int> score_toe_touch(std::optional<double> distance_cm,
                                   const std::vector<TestStandard>& standards = builtin_test_standards());

// Entered 0–3; pain forces 0 even without an entered score.
std::optional<int> score_shoulder_mobility(std::optional<int> entered, bool pain);
// Entered asymmetry, else |right − left| when both sides are given.
std::optional<double> shoulder_asymmetry(const AssessmentInput& in);

// round1(load / body weight × 100); NULL unless both are known and the body weight is positive.
std::optional<double> farmer_carry_percentage_bw(std::optional<double> load_kg, std::optional<double> body_weight_kg);
// Base score by time and gender, adjusted by %BW (< 50 → × max(0.5, p/50); > 100 → × min(1.2, 1 + (p−100)/500)),
// clamped to [1, 4], round1.
std::optional<double> score_farmer_carry(std::optional<double> time_s, std::optional<double> percentage_bw,
                                         std::optional<Gender> gender,
                                         const std::vector<TestStandard>& standards = builtin_test_standards());

// PFI = round1(100 × duration / (hr1 + hr2 + hr3)); duration defaults to 180 s.
std::optional<double> harvard_pfi(std::optional<int> hr1, std::optional<int> hr2, std::optional<int> hr3,
                                  std::optional<double> duration_s);
std::optional<int> score_harvard(std::optional<double> pfi,
                                 const std::vector<TestStandard>& standards = builtin_test_standards());

// 1 indoors or without a temperature; outdoors 1 + min(0.10, 0.01 per degree outside 15–25 °C).
double temperature_factor(TestEnvironment env, std::optional<double> temperature);

// Fills the four categories, overall and is_complete from the per-test scores already in `s`.
void compute_categories(AssessmentScores& s, double temperature_factor);
// round1(Σ wᵢ·catᵢ / Σ wᵢ) over the categories present (0.30 / 0.25 / 0.25 / 0.20); NULL without any category.
std::optional<double> overall_score(std::optional<double> strength, std::optional<double> mobility,
                                    std::optional<double> balance, std::optional<double> cardio);

// The whole scoring engine: per-test scores (manual scores win), derived measures and categories.
AssessmentScores score_assessment(const AssessmentInput& in, const ClientFacts& client,
                                  const std::vector<TestStandard>& standards = builtin_test_standards());

}  // namespace the5hc::domain
