#include "report/canvas.hpp"

#include <algorithm>
#include <numbers>

namespace the5hc::report {

Fonts::Fonts() {
  // One font map for the process: pango's default is one per thread, and loading NanumGothic through fontconfig
  // costs more than a whole report, which every server worker thread would pay again. The map is not thread-safe,
  // so render_report draws one report at a time.
  static PangoFontMap* const font_map = pango_cairo_font_map_new();
  // A context of its own so that resolution and font options are fixed: 72 dpi makes font sizes points, and
  // unhinted metrics keep the layout identical on every target.
  context_ = pango_font_map_create_context(font_map);
  pango_cairo_context_set_resolution(context_, 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(context_, options);
  cairo_font_options_destroy(options);
  regular_ = pango_font_description_from_string("NanumGothic");
  bold_ = pango_font_description_from_string("NanumGothic Bold");
}

Fonts::~Fonts() {
  pango_font_description_free(regular_);
  pango_font_description_free(bold_);
  g_object_unref(context_);
}

PangoLayout* Fonts::layout(std::string_view text, double width, const TextStyle& style) const {
  PangoLayout* layout = pango_layout_new(context_);
  PangoFontDescription* font = pango_font_description_copy_static(style.bold ? bold_ : regular_);
  pango_font_description_set_size(font, static_cast<int>(style.size * PANGO_SCALE));
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment(layout, style.align);
  if (style.max_lines > 0) {
    pango_layout_set_height(layout, -style.max_lines);
    pango_layout_set_ellipsize(layout, style.ellipsize);
  }
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  return layout;
}

double Canvas::measure(double width, std::string_view text, const TextStyle& style) const {
  PangoLayout* layout = fonts_.layout(text, width, style);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

double Canvas::text(double x, double y, double width, std::string_view text, const TextStyle& style) {
  PangoLayout* layout = fonts_.layout(text, width, style);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  colour(style.colour);
  cairo_move_to(cr_, x, y);
  pango_cairo_show_layout(cr_, layout);
  g_object_unref(layout);
  return static_cast<double>(h) / PANGO_SCALE;
}

void Canvas::colour(const Rgb& c, double alpha) { cairo_set_source_rgba(cr_, c.r, c.g, c.b, alpha); }

void Canvas::rounded_rect(double x, double y, double w, double h, double radius) {
  radius = std::min({radius, w / 2, h / 2});
  constexpr double quarter = std::numbers::pi / 2;
  cairo_new_sub_path(cr_);
  cairo_arc(cr_, x + w - radius, y + radius, radius, -quarter, 0);
  cairo_arc(cr_, x + w - radius, y + h - radius, radius, 0, quarter);
  cairo_arc(cr_, x + radius, y + h - radius, radius, quarter, 2 * quarter);
  cairo_arc(cr_, x + radius, y + radius, radius, 2 * quarter, 3 * quarter);
  cairo_close_path(cr_);
}

void Canvas::fill_rounded(double x, double y, double w, double h, double radius, const Rgb& fill) {
  rounded_rect(x, y, w, h, radius);
  colour(fill);
  cairo_fill(cr_);
}

void Canvas::tile(double x, double y, double w, double h) {
  rounded_rect(x, y, w, h, 6);
  colour(kTile);
  cairo_fill_preserve(cr_);
  colour(kLine);
  cairo_set_line_width(cr_, 0.6);
  cairo_stroke(cr_);
}

void Canvas::bar(double x, double y, double w, double h, double value, const Rgb& fill) {
  fill_rounded(x, y, w, h, h / 2, kTrack);
  double filled = w * std::clamp(value, 0.0, 100.0) / 100.0;
  if (filled > 0.5) fill_rounded(x, y, std::max(filled, h), h, h / 2, fill);
}

}  // namespace the5hc::report
