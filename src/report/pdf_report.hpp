#pragma once
// The PDF assessment report (WEB.md §7): A4 portrait, 15 mm margins, NanumGothic embedded as subsets, one or two
// pages. Rendering touches no database and no network; a report takes a few milliseconds, and reports are drawn
// one at a time (any thread may call).
#include <string>
#include <string_view>
#include <vector>

#include "report/report_model.hpp"

namespace the5hc::report {

struct RenderedReport {
  std::string pdf;  // the document's bytes
  int pages = 0;
  double first_page_filled = 0;  // share of page 1's content height in use (pagination leaves no blank band)
};

RenderedReport render_report(const ReportModel& model);
// Raised whenever the drawing changes, so that reports stored by an older binary are rendered again.
inline constexpr int kLayoutVersion = 2;

// Names of the fonts embedded in a PDF, without the subset tag ("NanumGothic", "NanumGothicBold").
std::vector<std::string> embedded_fonts(std::string_view pdf);
inline constexpr const char* kReportFonts[] = {"NanumGothic", "NanumGothicBold"};
// Renders a small Korean report and tells whether both NanumGothic faces were embedded: the fonts are what
// fontconfig finds at run time, and it substitutes silently (`the5hc check` reports E009 otherwise).
bool report_fonts_embedded();

}  // namespace the5hc::report
