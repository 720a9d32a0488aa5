#pragma once
// View models of the assessment pages (WEB.md §4.4), shared by the route files: the per-test score lines of the
// live preview, the detail page and the compare page, built from what the service returned.
#include <optional>
#include <string>

#include "common/i18n.hpp"
#include "http/router.hpp"
#include "service/assessments.hpp"
#include "web/view.hpp"

namespace the5hc::web {

// Score number as shown: integers without decimals, balance/farmer's carry and categories with one.
std::string score_text(std::optional<double> score, bool decimal);

// The live preview panel (per-test scores with grade words, categories, overall, completeness, injury risk).
json preview_view(const service::AssessmentView& v, Lang lang);
// The detail page (result, radar with the previous assessment, test table, risk, percentiles, performance age,
// questionnaire summary, reports).
json detail_view(const service::AssessmentOverview& o, Lang lang);
// The compare page: one column per assessment, best values marked, chart data.
json compare_view(const std::vector<service::AssessmentView>& views, Lang lang);

// /assessments/{id}/mcq/… (questionnaire, clear, print), registered by register_assessment_routes.
void register_mcq_pages(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::web
