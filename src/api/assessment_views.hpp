#pragma once
// JSON of stored assessments (API.md §3.2): the detail object (inputs, results, percentiles, performance age) and
// the summary used by lists and nested arrays, both written straight as text (issue 11).
#include <string>

#include "common/i18n.hpp"
#include "common/json_text.hpp"
#include "service/assessments.hpp"

namespace the5hc::api {

void write_assessment_detail(JsonWriter& w, const service::AssessmentView& v, Lang lang);
std::string assessment_detail_text(const service::AssessmentView& v, Lang lang);
void write_assessment_summary(JsonWriter& w, const store::Assessment& a, const std::string& zone);

}  // namespace the5hc::api
