#pragma once
// Injury risk (DOMAIN.md §2.7) and its blending with the questionnaire risk (§2.8).
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/detail_value.hpp"
#include "domain/label.hpp"
#include "domain/mcq.hpp"

namespace the5hc::domain {

enum class RiskLevel { low, low_moderate, moderate, high };

struct RiskFactor {
  std::string code;  // category_imbalance, poor_mobility, …, mcq_risk
  std::string label_ko, label_en;
  double points = 0;  // rounded to 1 decimal
  DetailValue::Object details;
};

struct InjuryRisk {
  double physical = 0;                  // injury_risk_physical
  std::optional<double> mcq;            // injury_risk_mcq, NULL unless the questionnaire found risk
  double score = 0;                     // injury_risk_score (final, blended)
  RiskLevel level = RiskLevel::low;     // of the final score
  std::vector<RiskFactor> factors;      // in rule order, mcq_risk last
  std::vector<std::size_t> primary_concerns;  // indices into factors: the three with most points
};

// ≥ 70 high, ≥ 40 moderate, ≥ 20 low_moderate, else low
RiskLevel risk_level(double score);
const Label& risk_level_label(RiskLevel level);  // low 낮음 / low_moderate 경미 / moderate 중간 / high 높음

// The twelve additive rules over the inputs and the (temperature-adjusted) scores; a rule whose inputs are missing
// is skipped. The total is computed from unrounded points, capped at 100, round1.
InjuryRisk physical_injury_risk(const AssessmentInput& in, const AssessmentScores& scores);

// With an MCQ risk > 0: score = round1(0.8 × physical + 0.2 × mcq) and an `mcq_risk` factor worth round1(0.2 × mcq).
void blend_mcq_risk(InjuryRisk& risk, const McqResult& mcq);

}  // namespace the5hc::domain
