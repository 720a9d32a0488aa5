#pragma once
// Drawing primitives of the PDF report on cairo + pango: text that wraps or ellipsises inside a width, filled and
// rounded boxes, bars. Every length is in PDF points (1/72 inch); pango runs at 72 dpi so a font size is points.
#include <cairo.h>
#include <pango/pangocairo.h>

#include <string_view>
#include <vector>

namespace the5hc::report {

struct Rgb {
  double r = 0, g = 0, b = 0;
};
// #rrggbb as a compile-time colour
constexpr Rgb hex(unsigned v) {
  return {((v >> 16) & 0xff) / 255.0, ((v >> 8) & 0xff) / 255.0, (v & 0xff) / 255.0};
}

inline constexpr Rgb kInk = hex(0x2d3142), kMuted = hex(0x6b7280), kLine = hex(0xe3e6f0), kTile = hex(0xf7f8fc),
                     kWhite = hex(0xffffff), kTrack = hex(0xeceef5);

struct TextStyle {
  double size = 9;
  bool bold = false;
  Rgb colour = kInk;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  int max_lines = 0;  // 0 = wrap without limit; otherwise ellipsise the last allowed line
  PangoEllipsizeMode ellipsize = PANGO_ELLIPSIZE_END;
};

// One pango context for a whole document (NanumGothic through fontconfig), shared by every cairo target. All
// contexts share one process-wide font map: create and use Fonts only while holding the renderer's lock.
class Fonts {
 public:
  Fonts();
  ~Fonts();
  Fonts(const Fonts&) = delete;
  Fonts& operator=(const Fonts&) = delete;
  PangoLayout* layout(std::string_view text, double width, const TextStyle& style) const;  // caller unrefs

 private:
  PangoContext* context_;
  PangoFontDescription* regular_;
  PangoFontDescription* bold_;
};

class Canvas {
 public:
  Canvas(cairo_t* cr, const Fonts& fonts) : cr_(cr), fonts_(fonts) {}
  cairo_t* cr() const { return cr_; }

  // Draws `text` with its top-left at (x, y) inside `width`; returns the height used.
  double text(double x, double y, double width, std::string_view text, const TextStyle& style = {});
  // Height `text` would take, without drawing.
  double measure(double width, std::string_view text, const TextStyle& style = {}) const;

  void colour(const Rgb& c, double alpha = 1.0);
  void rounded_rect(double x, double y, double w, double h, double radius);
  void fill_rounded(double x, double y, double w, double h, double radius, const Rgb& fill);
  void tile(double x, double y, double w, double h);  // light panel with a hairline border
  // A track 0–100 with `value` filled in `fill` (nothing filled without a value).
  void bar(double x, double y, double w, double h, double value, const Rgb& fill);

  // A height (from the section's top) where the section may continue on the next page: between table rows or
  // boxes, never through text. Only recorded while the section is measured (record_breaks).
  void allow_break(double y) {
    if (breaks_) breaks_->push_back(y);
  }
  void record_breaks(std::vector<double>* breaks) { breaks_ = breaks; }

 private:
  cairo_t* cr_;
  const Fonts& fonts_;
  std::vector<double>* breaks_ = nullptr;
};

}  // namespace the5hc::report
