#pragma once
// JSON of stored assessments (API.md §3.2): the detail object (inputs, results, percentiles, performance age) and
// the summary used by lists and nested arrays.
#include <nlohmann/json.hpp>
#include <string>

#include "common/i18n.hpp"
#include "common/json_text.hpp"
#include "service/assessments.hpp"

namespace the5hc::api {

nlohmann::json assessment_detail_json(const service::AssessmentView& v, Lang lang);
// The summary written straight as text (lists are the busiest responses, issue 11).
void write_assessment_summary(JsonWriter& w, const store::Assessment& a, const std::string& zone);

}  // namespace the5hc::api
