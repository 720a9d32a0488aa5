#pragma once
// The ten sections of the report (WEB.md §7) in their order. Each draws at the origin of its canvas across `width`
// and returns the height it used, so the document can move a whole section to the next page.
#include "report/canvas.hpp"
#include "report/report_model.hpp"

namespace the5hc::report {

// Picks the report language's text; the report keeps both languages side by side like domain::Label does.
struct Words {
  Lang lang;
  const char* operator()(const char* ko, const char* en) const { return lang == Lang::en ? en : ko; }
};

double draw_header(Canvas& c, double width, const ReportModel& m);             // 1
double draw_overview(Canvas& c, double width, const ReportModel& m);           // 2: client, score, radar
double draw_category_bars(Canvas& c, double width, const ReportModel& m);      // 3
double draw_measurements(Canvas& c, double width, const ReportModel& m);       // 4
double draw_injury_risk(Canvas& c, double width, const ReportModel& m);        // 5
double draw_percentiles(Canvas& c, double width, const ReportModel& m);        // 6
double draw_questionnaire(Canvas& c, double width, const ReportModel& m);      // 7 (only with answers)
double draw_suggestions(Canvas& c, double width, const ReportModel& m);        // 8
double draw_programme(Canvas& c, double width, const ReportModel& m);          // 9
// 10: the footer of every page, drawn with its top at the origin.
inline constexpr double kFooterHeight = 30;
void draw_footer(Canvas& c, double width, const ReportModel& m, int page, int pages);

}  // namespace the5hc::report
