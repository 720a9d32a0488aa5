#pragma once
// The PDF assessment report (WEB.md §7): A4 portrait, 15 mm margins, NanumGothic embedded as subsets, one or two
// pages. Rendering touches no database and no network; a report takes a few milliseconds.
#include <string>
#include <string_view>
#include <vector>

#include "report/report_model.hpp"

namespace the5hc::report {

struct RenderedReport {
  std::string pdf;  // the document's bytes
  int pages = 0;
};

RenderedReport render_report(const ReportModel& model);

// Names of the fonts embedded in a PDF, without the subset tag ("NanumGothic", "NanumGothicBold"): `the5hc check`
// renders a report and reports E009 unless both NanumGothic faces are embedded (fontconfig substitutes silently).
std::vector<std::string> embedded_fonts(std::string_view pdf);
inline constexpr const char* kReportFonts[] = {"NanumGothic", "NanumGothicBold"};

}  // namespace the5hc::report
