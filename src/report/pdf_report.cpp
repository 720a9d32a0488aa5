#include "report/pdf_report.hpp"

#include <cairo-pdf.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>

#include "report/sections.hpp"

namespace the5hc::report {
namespace {

constexpr double kPageWidth = 595.276, kPageHeight = 841.890;  // A4 in points
constexpr double kMargin = 42.520;                               // 15 mm
constexpr double kGap = 14;                                      // between sections
constexpr double kContentWidth = kPageWidth - 2 * kMargin;
constexpr double kContentBottom = kPageHeight - kMargin - kFooterHeight - 6;
constexpr double kMinFirstPart = 30;  // a split leaves at least a title and a row on the first page
constexpr double kMinRestPart = 14;   // and at least one row on the next

using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
using DrawSection = double (*)(Canvas&, double, const ReportModel&);

struct Measured {
  double height = 0;
  std::vector<double> breaks;  // where the section may continue on the next page (Canvas::allow_break)
};

// The height of a section, found by drawing it once onto a recording surface that is thrown away (cheap: about a
// tenth of a render), so that pagination can move a whole section to the next page. Replaying the recording onto
// the PDF instead of drawing again would save that, but cairo's PDF backend replays recordings several times slower.
Measured measure(const Fonts& fonts, DrawSection draw, const ReportModel& m) {
  Surface scratch{cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr), &cairo_surface_destroy};
  cairo_t* cr = cairo_create(scratch.get());
  Canvas canvas(cr, fonts);
  Measured out;
  canvas.record_breaks(&out.breaks);
  out.height = draw(canvas, kContentWidth, m);
  cairo_destroy(cr);
  return out;
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

  // Pagination: a section that does not fit below the previous one continues on the next page from its lowest
  // break that fits (so page 1 does not end in a blank band), or moves there whole when it has none.
  struct Placed {
    DrawSection draw;
    int page;
    double y;                          // of the section's top (above the page for a continued section)
    std::optional<double> until, from;  // the part shown: section heights [from, until)
    double height;
  };
  std::vector<Placed> placed;
  int page = 0;
  double y = kMargin;
  for (auto draw : sections) {
    auto [height, breaks] = measure(fonts, draw, m);
    if (y > kMargin && y + height > kContentBottom) {
      double cut = 0;
      for (double b : breaks)
        if (y + b <= kContentBottom && b > cut) cut = b;
      if (cut >= kMinFirstPart && height - cut >= kMinRestPart) {
        placed.push_back({draw, page, y, cut, std::nullopt, height});
        ++page;
        placed.push_back({draw, page, kMargin - cut, std::nullopt, cut, height});
        y = kMargin + (height - cut) + kGap;
        continue;
      }
      ++page;
      y = kMargin;
    }
    placed.push_back({draw, page, y, std::nullopt, std::nullopt, height});
    y += height + kGap;
  }
  const int pages = page + 1;
  double first_page_bottom = 0;
  for (const auto& s : placed)
    if (s.page == 0) first_page_bottom = s.y + s.until.value_or(s.height);

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
      if (s.until || s.from) {  // one part of a split section: the page shows only its rows
        double top = s.from ? *s.from : -s.y, bottom = s.until ? *s.until : kPageHeight - s.y;
        cairo_rectangle(cr, -kMargin, top, kPageWidth, bottom - top);
        cairo_clip(cr);
      }
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
  out.first_page_filled = (first_page_bottom - kMargin) / (kContentBottom - kMargin);
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
