#include "api/assessment_views.hpp"

#include "service/assessment_json.hpp"
#include "api/json_fields.hpp"
#include "domain/risk.hpp"

namespace the5hc::api {

using nlohmann::json;

json assessment_detail_json(const service::AssessmentView& v, Lang lang) {
  const auto& a = v.row;
  json out = json::object();
  out["id"] = a.id ? json(a.id) : json(nullptr);
  out["client"] = a.meta.client_id;
  out["client_name"] = a.client_name;
  out["trainer"] = a.meta.trainer_id;
  out["trainer_name"] = a.trainer_name;
  out["date"] = a.meta.date;
  out["client_age"] = a.meta.client_age;
  out["client_weight"] = a.meta.client_weight;
  out["client_gender"] = a.client_gender;
  service::write_assessment_input(out, a.input);
  service::write_evaluation(out, v.evaluation, lang);
  out["harvard_step_test_legacy_hr"] = nullable(a.harvard_step_test_legacy_hr);
  if (a.is_legacy) {
    // Legacy rows show what was recorded, including results the legacy application never computed (NULL).
    const auto& r = a.results;
    out["injury_risk_physical"] = nullable(r.injury_risk_physical);
    out["injury_risk_score"] = nullable(r.injury_risk_score);
    out["injury_risk_level"] = nullable(r.injury_risk_level);
    if (!r.injury_risk_level) out["injury_risk_level_display"] = nullptr;
    out["knowledge_score"] = nullable(r.knowledge_score);
    out["lifestyle_score"] = nullable(r.lifestyle_score);
    out["readiness_score"] = nullable(r.readiness_score);
  }
  out["is_legacy"] = a.is_legacy;
  out["scored_at"] = timestamp_json(a.scored_at, v.zone);
  out["created_at"] = timestamp_json(a.id ? std::optional(a.created_at) : std::nullopt, v.zone);
  out["updated_at"] = timestamp_json(a.id ? std::optional(a.updated_at) : std::nullopt, v.zone);
  return out;
}

void write_assessment_summary(JsonWriter& w, const store::Assessment& a, const std::string& zone) {
  const auto& s = a.results.scores;
  w.begin_object()
      .field("id", a.id)
      .field("client", a.meta.client_id)
      .field("client_name", a.client_name)
      .field("trainer", a.meta.trainer_id)
      .field("trainer_name", a.trainer_name)
      .field("date", a.meta.date)
      .field("overall_score", s.overall_score)
      .field("strength_score", s.strength_score)
      .field("mobility_score", s.mobility_score)
      .field("balance_score", s.balance_score)
      .field("cardio_score", s.cardio_score)
      .field("injury_risk_score", a.results.injury_risk_score)
      .field("injury_risk_level", a.results.injury_risk_level)
      .field("is_complete", s.is_complete)
      .field("is_legacy", a.is_legacy)
      .field("created_at", timestamp_text(a.created_at, zone))
      .end_object();
}

}  // namespace the5hc::api
