#pragma once
// Percentiles against normative data and performance age (DOMAIN.md §2.9). Raw measures only, never 1–4 scores.
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/reference_data.hpp"

namespace the5hc::domain {

struct Percentile {
  double measure = 0;
  std::string unit;  // reps, pfi, %BW, points
  double percentile = 0;
  double top_percent = 0;  // 100 − percentile ("상위 N%")
  std::string source;
  int year = 0;
};

struct Percentiles {
  std::optional<Percentile> push_up, harvard_step, farmer_carry, overall;
};

struct PerformanceAge {
  int chronological_age = 0;
  double performance_age = 0;
  double age_difference = 0;  // chronological − performance; positive = younger than their age
  std::string interpretation_code;  // much_younger, younger, slightly_younger, slightly_older, older, much_older
  std::string interpretation_ko, interpretation_en;
};

// The client's gender row containing the age, else the `A` row; nullptr ("규준 자료 없음") when none.
const NormativeRow* find_norm(const std::vector<NormativeRow>& rows, const std::string& test_type,
                              std::optional<Gender> gender, std::optional<int> age);

// Piecewise-linear between (p10,10) … (p90,90), clamped to 10–90, round1.
double percentile_of(const NormativeRow& row, double value);

// push_up (standard push-ups only), harvard_step (PFI), farmer_carry (%BW), overall.
Percentiles compute_percentiles(const AssessmentInput& in, const AssessmentScores& scores, const ClientFacts& client,
                                const std::vector<NormativeRow>& rows = builtin_normative_data());

// First band (by age_min) with p25 ≤ overall ≤ p75 or |overall − p50| < 5 → its midpoint; else above the youngest
// band's p75 → its age_min; below the oldest band's p25 → its age_max. NULL without overall, age, or norms for the age.
std::optional<PerformanceAge> performance_age(std::optional<double> overall, const ClientFacts& client,
                                              const std::vector<NormativeRow>& rows = builtin_normative_data());

}  // namespace the5hc::domain
