#pragma once
// Report models for the renderer's tests and bench/report_bench: scored by the real engine from plausible inputs.
#include "report/report_model.hpp"

namespace the5hc::testing {

// A complete assessment of 김민지 (34, female) with a previous assessment; `questionnaire` adds answers, which
// makes the report two pages long.
report::ReportModel sample_report(Lang lang = Lang::ko, bool questionnaire = false);
// Only push-ups and the step test measured.
report::ReportModel incomplete_report();
// Recorded scores of the legacy application: no risk factors, no questionnaire.
report::ReportModel legacy_report();

}  // namespace the5hc::testing
