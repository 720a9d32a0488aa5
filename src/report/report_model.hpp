#pragma once
// What the PDF assessment report shows (WEB.md §7), as plain domain values: the service layer fills it from the
// stored rows, the renderer only draws it. Nothing here knows about SQL or HTTP.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "common/i18n.hpp"
#include "common/time.hpp"
#include "domain/evaluation.hpp"

namespace the5hc::report {

// One questionnaire category with its score (knowledge, lifestyle, readiness: code picks the bar colour).
struct QuestionnaireScore {
  std::string code, name;  // name in the report's language
  std::optional<double> score;
};

struct ReportModel {
  Lang lang = Lang::ko;
  std::string organization_name;  // empty → "The5HC"
  std::string trainer_name;

  std::string client_name;
  std::optional<int> client_age;
  std::optional<domain::Gender> client_gender;
  std::optional<double> client_height, client_weight;  // cm, kg

  Date assessment_date;
  bool is_legacy = false;  // scores as the legacy application recorded them, without risk factors
  domain::AssessmentInput input;
  domain::Evaluation evaluation;
  // strength, mobility, balance, cardio of the client's previous assessment (dashed on the radar chart)
  std::optional<std::array<std::optional<double>, 4>> previous_categories;

  // Only with questionnaire answers: the category scores, the risky answers and the advice for the client.
  std::vector<QuestionnaireScore> questionnaire;
  std::vector<domain::McqRiskItem> questionnaire_risks;  // category is a code of `questionnaire`
  std::vector<std::string> questionnaire_advice;
};

}  // namespace the5hc::report
