#include "report/pdf_report.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <regex>

#include "report/sections.hpp"

namespace the5hc::report {
namespace {

constexpr double kPageWidth = 595.276, kPageHeight = 841.890;  // A4 in points
constexpr double kMargin = 42.520;                               // 15 mm
constexpr double kGap = 14;                                      // between sections
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kContentBottom = kPageHeight - kMargin - kFooterHeight - 6;

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using DrawSection = double (*)(Canvas&, double, const ReportModel&);

// The height of a section, found by drawing it once onto a recording surface that is thrown away (cheap: about a
// tenth of a render), so that pagination can move a whole section to the next page. Replaying the recording onto
// the PDF instead of drawing again would save that, but cairo's PDF backend replays recordings several times slower.
double measure(const Fonts& fonts, DrawSection draw, const ReportModel& m) {
  Surface scratch{cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr), &cairo_surface_destroy};
  cairo_t* cr = cairo_create(scratch.get());
  Canvas canvas(cr, fonts);
  double height = draw(canvas, kContentWidth, m);
  cairo_destroy(cr);
  return height;
}

cairo_status_t append(void* out, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

RenderedReport render_report(const ReportModel& m) {
  // one report at a time: the fonts are shared by the whole process (canvas.cpp); a render takes milliseconds
  static std::mutex one_at_a_time;
  std::lock_guard lock(one_at_a_time);
  Fonts fonts;
  std::vector<DrawSection> sections{draw_header, draw_overview, draw_category_bars, draw_measurements,
                                    draw_injury_risk, draw_percentiles};
  if (!m.questionnaire.empty()) sections.push_back(draw_questionnaire);
  sections.push_back(draw_suggestions);
  sections.push_back(draw_programme);

  // Pagination: a section that does not fit below the previous one starts the next page.
  struct Placed {
    DrawSection draw;
    int page;
    double y;
  };
  std::vector<Placed> placed;
  int page = 0;
  double y = kMargin;
  for (auto draw : sections) {
    double height = measure(fonts, draw, m);
    if (y > kMargin && y + height > kContentBottom) {
      ++page;
      y = kMargin;
    }
    placed.push_back({draw, page, y});
    y += height + kGap;
  }
  const int pages = page + 1;

  RenderedReport out;
  Surface pdf{cairo_pdf_surface_create_for_stream(append, &out.pdf, kPageWidth, kPageHeight), &cairo_surface_destroy};
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, m.client_name.c_str());
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_CREATOR, "The5HC");
  cairo_t* cr = cairo_create(pdf.get());
  Canvas canvas(cr, fonts);
  for (int p = 0; p < pages; ++p) {
    for (const auto& s : placed) {
      if (s.page != p) continue;
      cairo_save(cr);
      cairo_translate(cr, kMargin, s.y);
      s.draw(canvas, kContentWidth, m);
      cairo_restore(cr);
    }
    cairo_save(cr);
    cairo_translate(cr, kMargin, kPageHeight - kMargin - kFooterHeight);
    draw_footer(canvas, kContentWidth, m, p + 1, pages);
    cairo_restore(cr);
    cairo_show_page(cr);
  }
  cairo_destroy(cr);
  cairo_surface_finish(pdf.get());
  out.pages = pages;
  return out;
}

std::vector<std::string> embedded_fonts(std::string_view pdf) {
  // cairo writes each subset as "/FontName /ABCDEF+PostScriptName"
  static const std::regex font_name(R"(/FontName\s*/[A-Z]{6}\+([A-Za-z0-9_-]+))");
  std::vector<std::string> names;
  const std::string text(pdf);
  for (std::sregex_iterator it(text.begin(), text.end(), font_name), end; it != end; ++it) {
    std::string name = (*it)[1];
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

bool report_fonts_embedded() {
  ReportModel model;
  model.client_name = "글꼴 확인";
  auto embedded = embedded_fonts(render_report(model).pdf);
  for (const char* face : kReportFonts)
    if (std::find(embedded.begin(), embedded.end(), face) == embedded.end()) return false;
  return true;
}

}  // namespace the5hc::report
