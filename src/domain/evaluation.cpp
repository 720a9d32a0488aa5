#include "domain/evaluation.hpp"

#include "domain/scoring.hpp"

namespace the5hc::domain {

Evaluation evaluate_assessment(const AssessmentInput& in, const ClientFacts& client,
                               const std::vector<McqResponse>& responses, const ReferenceData& ref) {
  Evaluation e;
  e.scores = score_assessment(in, client, *ref.standards);
  e.risk = physical_injury_risk(in, e.scores);
  e.mcq = score_mcq(*ref.mcq_bank, responses);
  blend_mcq_risk(e.risk, e.mcq);
  e.comprehensive_score = comprehensive_score(e.scores.overall_score, *ref.mcq_bank, e.mcq);
  e.percentiles = compute_percentiles(in, e.scores, client, *ref.norms);
  e.performance_age = performance_age(e.scores.overall_score, client, *ref.norms);
  return e;
}

}  // namespace the5hc::domain
