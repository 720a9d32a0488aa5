#pragma once
// Grade labels and score bands (DOMAIN.md §2.1, §2.10): the one table of bands used by descriptions, filters and
// lists, the 1–4 test grades and the FMS labels.
#include <optional>
#include <string_view>

#include "domain/label.hpp"

namespace the5hc::domain {

// Categories, overall, comprehensive (25–100): ≥ 90 / ≥ 80 / ≥ 70 / ≥ 60 / else; codes are the filter bands
// "90-100", "80-89", "70-79", "60-69", "0-59".
Label score_band(double score);

// Push-up, toe touch, Harvard 1–4 — and balance / farmer's carry by floor(score).
Label test_grade(double score);

// OHS and shoulder mobility 0–3.
Label fms_label(int score, bool shoulder_mobility);

// A filter band "lo-hi" (score_range of API.md §3.2, or risk 0-19/20-39/40-69/70-100): [lo, hi) with hi = 100
// inclusive. NULL for text that is not one of the bands listed in `allowed`.
struct Band {
  double min, max;
  bool contains(double v) const { return v >= min && (max >= 100 ? v <= max : v < max + 1); }
};
std::optional<Band> parse_score_band(std::string_view text);
std::optional<Band> parse_risk_band(std::string_view text);

// Recommendations shown per MCQ category insight: 3 below 60, 2 below 80, else 1 (texts live in the catalog).
int mcq_recommendation_count(double category_score);

}  // namespace the5hc::domain
