#pragma once
// JSON ⇄ domain mapping of the assessment fields with the API's names (API.md §3.2). Written once and shared by
// `the5hc score`, the REST API and the reports: type errors become FieldErrors keyed by the API field name.
#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/json_text.hpp"
#include "domain/evaluation.hpp"

namespace the5hc::service {

// Reads the assessment write fields present in `body` (a JSON object) into `out`; absent fields keep their value
// and `null` empties a field. Wrong JSON types give "A valid integer is required." and the like. Keys that are
// neither assessment fields nor listed in `other_fields` give "Unknown field.". Measurements are rounded to one
// decimal as they are stored; ranges are not checked here (domain::validate_assessment_input does that).
FieldErrors read_assessment_input(const nlohmann::json& body, domain::AssessmentInput& out,
                                  const std::set<std::string>& other_fields = {});

// The web form's fields as posted (text) turned into the JSON write body that read_assessment_input takes, so the
// form, its live preview and the API read one body the same way: every assessment field of the form is present
// (PUT semantics), an empty text is null, a number is a JSON number, a ticked checkbox is true and an absent one
// false; text that is not a number stays text and gets the API's type error. Other names (csrf, client, date) are
// left out.
nlohmann::json assessment_form_body(const std::vector<std::pair<std::string, std::string>>& fields);

// Reads `{age, gender, weight}`; errors are keyed "<prefix>.age" etc. and include the ranges of DOMAIN.md §8.
FieldErrors read_client_facts(const nlohmann::json& body, domain::ClientFacts& out, const std::string& prefix);

// --- The assessment as JSON text ----------------------------------------------------------------------------------
// Written straight into a JsonWriter, not built as nlohmann trees first (building and walking them was nearly a
// third of an assessment create, issue 11). Every object's members are written in key order — the order of
// nlohmann::json's std::map, which wrote them before — so the API's responses, `the5hc score`, the stored texts and
// the reports' fingerprints stay the same text.

// What an assessment's object is written from; either part may be left out.
// - input: the stored test inputs with their API names (the write fields except the *_score ones, which the
//   evaluation has): booleans, measurements, types, environment, temperature, notes;
// - evaluation: the computed fields — per-test scores and manual flags, PFI, %BW, asymmetry, categories, overall,
//   is_complete, injury risk (+ level, display, factors, primary concerns), MCQ scores, comprehensive score,
//   percentiles and performance age; missing values are null. Where both parts have a key (the asymmetry, %BW and
//   whether the squat was performed), the evaluation's value is written.
struct AssessmentJson {
  const domain::AssessmentInput* input = nullptr;
  const domain::Evaluation* evaluation = nullptr;
  Lang lang = Lang::ko;  // of the labels, the risk level's display and the performance age's interpretation
};
// A member that a caller adds to the object (the API's ids and dates, a report's own facts): its key (the code's
// own name, distinct among a caller's) and how its value is written. One with the key of an assessment member is
// written instead of it (a legacy row shows its recorded results).
struct JsonMember {
  std::string_view key;
  std::function<void(JsonWriter&)> write;
};
// Writes the object: the members of `a` and `extra` (given in any order), all in key order.
void write_assessment_object(JsonWriter& w, const AssessmentJson& a, std::vector<JsonMember> extra = {});

// Two parts of it, also stored with the row (as these texts): the risk factors (with "label" in `lang`; none
// without one) and the MCQ category scores ({} without responses).
std::string risk_factors_json(const domain::InjuryRisk& r, std::optional<Lang> lang);
std::string mcq_category_scores_json(const domain::McqResult& m);

// The web pages' trees of the same texts (they read values out of them): the stored test inputs (added to `out`)
// and a risk factor's details.
void write_assessment_input(nlohmann::json& out, const domain::AssessmentInput& in);
nlohmann::json detail_to_json(const domain::DetailValue& v);

// "\"{v}\" is not a valid choice." with the offending JSON value.
std::string invalid_choice_message(const nlohmann::json& v);

}  // namespace the5hc::service
