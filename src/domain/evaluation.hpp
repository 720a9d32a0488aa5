#pragma once
// The scoring engine as one call (DOMAIN.md §2): per-test scores and categories, injury risk, questionnaire,
// percentiles and performance age. Used by `the5hc score`, the assessment preview and every save.
#include <optional>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/mcq.hpp"
#include "domain/percentiles.hpp"
#include "domain/reference_data.hpp"
#include "domain/risk.hpp"

namespace the5hc::domain {

struct ReferenceData {
  const std::vector<TestStandard>* standards = &builtin_test_standards();
  const std::vector<NormativeRow>* norms = &builtin_normative_data();
  const McqBank* mcq_bank = &builtin_mcq_bank();
};

struct Evaluation {
  AssessmentScores scores;
  InjuryRisk risk;
  McqResult mcq;  // empty (has_responses false) without responses
  std::optional<double> comprehensive_score;
  Percentiles percentiles;
  std::optional<PerformanceAge> performance_age;
};

// MCQ responses are expected to be validated already (validate_mcq_responses).
Evaluation evaluate_assessment(const AssessmentInput& in, const ClientFacts& client,
                               const std::vector<McqResponse>& responses = {}, const ReferenceData& ref = {});

}  // namespace the5hc::domain
