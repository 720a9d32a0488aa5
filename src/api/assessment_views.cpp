#include "api/assessment_views.hpp"

#include "service/assessment_json.hpp"
#include "api/json_fields.hpp"

namespace the5hc::api {

void write_assessment_detail(JsonWriter& w, const service::AssessmentView& v, Lang lang) {
  const auto& a = v.row;
  const std::string& zone = v.zone;
  std::vector<service::JsonMember> extra = {
      {"id", [&a](JsonWriter& w) { a.id ? w.value(a.id) : w.null(); }},  // a preview has none
      {"client", [&a](JsonWriter& w) { w.value(a.meta.client_id); }},
      {"client_name", [&a](JsonWriter& w) { w.value(a.client_name); }},
      {"trainer", [&a](JsonWriter& w) { w.value(a.meta.trainer_id); }},
      {"trainer_name", [&a](JsonWriter& w) { w.value(a.trainer_name); }},
      {"date", [&a](JsonWriter& w) { w.value(a.meta.date); }},
      {"client_age", [&a](JsonWriter& w) { w.value(a.meta.client_age); }},
      {"client_weight", [&a](JsonWriter& w) { w.value(a.meta.client_weight); }},
      {"client_gender", [&a](JsonWriter& w) { w.value(a.client_gender); }},
      {"harvard_step_test_legacy_hr", [&a](JsonWriter& w) { w.value(a.harvard_step_test_legacy_hr); }},
      {"is_legacy", [&a](JsonWriter& w) { w.value(a.is_legacy); }},
      {"scored_at", [&a, &zone](JsonWriter& w) { w.value(timestamp_text(a.scored_at, zone)); }},
      {"created_at",
       [&a, &zone](JsonWriter& w) {
         w.value(timestamp_text(a.id ? std::optional(a.created_at) : std::nullopt, zone));
       }},
      {"updated_at",
       [&a, &zone](JsonWriter& w) {
         w.value(timestamp_text(a.id ? std::optional(a.updated_at) : std::nullopt, zone));
       }},
  };
  if (a.is_legacy) {
    // Legacy rows show what was recorded, including results the legacy application never computed (NULL).
    const auto& r = a.results;
    extra.push_back({"injury_risk_physical", [&r](JsonWriter& w) { w.value(r.injury_risk_physical); }});
    extra.push_back({"injury_risk_score", [&r](JsonWriter& w) { w.value(r.injury_risk_score); }});
    extra.push_back({"injury_risk_level", [&r](JsonWriter& w) { w.value(r.injury_risk_level); }});
    if (!r.injury_risk_level) extra.push_back({"injury_risk_level_display", [](JsonWriter& w) { w.null(); }});
    extra.push_back({"knowledge_score", [&r](JsonWriter& w) { w.value(r.knowledge_score); }});
    extra.push_back({"lifestyle_score", [&r](JsonWriter& w) { w.value(r.lifestyle_score); }});
    extra.push_back({"readiness_score", [&r](JsonWriter& w) { w.value(r.readiness_score); }});
  }
  service::write_assessment_object(w, {&a.input, &v.evaluation, lang}, std::move(extra));
}

std::string assessment_detail_text(const service::AssessmentView& v, Lang lang) {
  JsonWriter w;
  write_assessment_detail(w, v, lang);
  return w.take();
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
