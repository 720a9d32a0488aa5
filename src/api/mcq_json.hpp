#pragma once
// The questionnaire bank as the API shows it (API.md §3.3), shared by the reading and the editing endpoints.
#include <nlohmann/json.hpp>

#include "store/mcq.hpp"

namespace the5hc::api {

const char* type_code(domain::QuestionType t);  // single | multiple | scale | text
nlohmann::json category_json(const store::McqCategoryRow& c);
nlohmann::json question_json(const store::McqQuestionRow& r);

}  // namespace the5hc::api
