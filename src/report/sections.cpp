#include "report/sections.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

#include "domain/client_rules.hpp"
#include "domain/grades.hpp"
#include "domain/report_rules.hpp"
#include "domain/rounding.hpp"

namespace the5hc::report {
namespace {

namespace d = the5hc::domain;

constexpr Rgb kAccent = hex(0x667eea), kAccentEnd = hex(0x764ba2);
// WEB.md §7: strength, mobility, balance, cardio in the order of domain::Category
constexpr Rgb kCategoryColours[] = {hex(0x667eea), hex(0x00c9a7), hex(0xfbbc05), hex(0xea4335)};
constexpr d::Category kCategories[] = {d::Category::strength, d::Category::mobility, d::Category::balance,
                                       d::Category::cardio};
constexpr Rgb kExcellent = hex(0x34a853), kGood = hex(0x4285f4), kAverage = hex(0xf9ab00), kPoor = hex(0xea4335);

std::string fmt1(double v) { return d::format1(v); }

std::string label(const d::Label& l, Lang lang) { return lang == Lang::en ? l.en : l.ko; }

std::optional<double> category_score(const d::AssessmentScores& s, d::Category c) {
  switch (c) {
    case d::Category::strength: return s.strength_score;
    case d::Category::mobility: return s.mobility_score;
    case d::Category::balance: return s.balance_score;
    case d::Category::cardio: break;
  }
  return s.cardio_score;
}

Rgb band_colour(double score) {
  if (score >= 80) return kExcellent;
  if (score >= 70) return kGood;
  if (score >= 60) return kAverage;
  return kPoor;
}

// A section title with the accent mark; returns the height below which the section's content starts.
double title(Canvas& c, double width, const std::string& text) {
  c.fill_rounded(0, 1.5, 3.5, 13, 1.5, kAccent);
  c.text(9, 0, width - 9, text, {.size = 11.5, .bold = true});
  return 21;
}

std::string format_date(const Date& date, Lang lang, bool dotted) {
  char buf[32];
  if (dotted) std::snprintf(buf, sizeof buf, "%04d.%02d.%02d", date.year, date.month, date.day);
  else if (lang == Lang::en) std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  else std::snprintf(buf, sizeof buf, "%04d년 %02d월 %02d일", date.year, date.month, date.day);
  return buf;
}

Date date_of(std::chrono::sys_days day) {
  std::chrono::year_month_day ymd{day};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// ---- 2: client tile, score tile, radar chart ---------------------------------------------------------------

double client_tile(Canvas& c, double x, double w, double h, const ReportModel& m) {
  Words t{m.lang};
  c.tile(x, 0, w, h);
  c.text(x + 12, 10, w - 24, t("회원 정보", "Client"), {.size = 10.5, .bold = true});
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back(t("이름", "Name"), m.client_name);
  if (m.client_age) rows.emplace_back(t("나이", "Age"), std::to_string(*m.client_age) + t("세", ""));
  if (m.client_gender) rows.emplace_back(t("성별", "Gender"), label(d::gender_label(*m.client_gender), m.lang));
  if (m.client_height) rows.emplace_back(t("신장", "Height"), fmt1(*m.client_height) + " cm");
  if (m.client_weight) rows.emplace_back(t("체중", "Weight"), fmt1(*m.client_weight) + " kg");
  if (m.client_height && m.client_weight)
    if (auto bmi = d::bmi(*m.client_height, *m.client_weight))
      rows.emplace_back("BMI", fmt1(*bmi) + " (" + label(d::bmi_category_label(d::bmi_category(*bmi)), m.lang) + ")");
  double y = 32;
  for (const auto& [name, value] : rows) {
    c.text(x + 12, y, 44, name, {.size = 8.5, .colour = kMuted});
    // a long name takes two lines and then ends in "…"
    y += std::max(15.0, c.text(x + 58, y, w - 70, value, {.size = 9, .bold = true, .max_lines = 2}) + 4);
  }
  return y;
}

void score_tile(Canvas& c, double x, double w, double h, const ReportModel& m) {
  Words t{m.lang};
  const auto& e = m.evaluation;
  const bool comprehensive = e.comprehensive_score.has_value() && !m.questionnaire.empty();
  std::optional<double> score = comprehensive ? e.comprehensive_score : e.scores.overall_score;
  c.tile(x, 0, w, h);
  TextStyle centred{.size = 10.5, .bold = true, .align = PANGO_ALIGN_CENTER};
  c.text(x + 6, 10, w - 12, comprehensive ? t("종합 건강 점수", "Health score") : t("종합 점수", "Overall score"),
         centred);
  if (score) {
    Rgb colour = band_colour(*score);
    c.text(x, 38, w, fmt1(*score), {.size = 32, .bold = true, .colour = colour, .align = PANGO_ALIGN_CENTER});
    c.text(x, 80, w, "/ 100", {.size = 8.5, .colour = kMuted, .align = PANGO_ALIGN_CENTER});
    double bw = w - 20;
    c.fill_rounded(x + 10, 98, bw, 18, 9, colour);
    c.text(x + 10, 100.5, bw, label(d::score_band(*score), m.lang),
           {.size = 9, .bold = true, .colour = kWhite, .align = PANGO_ALIGN_CENTER});
  } else {
    c.text(x, 55, w, t("점수 없음", "No score"), {.size = 14, .bold = true, .colour = kMuted, .align = PANGO_ALIGN_CENTER});
  }
  double y = 124;
  if (comprehensive && e.scores.overall_score)
    y += c.text(x + 6, y, w - 12, std::string(t("체력 점수 ", "Fitness score ")) + fmt1(*e.scores.overall_score),
                {.size = 8, .colour = kMuted, .align = PANGO_ALIGN_CENTER});
  if (!e.scores.is_complete)
    y += c.text(x + 6, y, w - 12, t("미완료 평가", "Incomplete assessment"),
                {.size = 8.5, .bold = true, .colour = kPoor, .align = PANGO_ALIGN_CENTER});
  if (m.is_legacy)
    c.text(x + 6, y, w - 12, t("이전 시스템 기록", "Recorded by the previous system"),
           {.size = 8, .colour = kMuted, .align = PANGO_ALIGN_CENTER});
}

void radar(Canvas& c, double x, double w, double h, const ReportModel& m) {
  Words t{m.lang};
  cairo_t* cr = c.cr();
  c.tile(x, 0, w, h);
  c.text(x + 12, 10, w - 24, t("카테고리 균형", "Category balance"), {.size = 10.5, .bold = true});
  const double cx = x + w / 2, cy = 24 + (h - 24) / 2, radius = std::min(w / 2 - 20, (h - 24) / 2 - 18);
  // strength at the top, then clockwise mobility, balance, cardio
  auto point = [&](int axis, double value) {
    double angle = -std::numbers::pi / 2 + axis * std::numbers::pi / 2;
    double r = radius * std::clamp(value, 0.0, 100.0) / 100.0;
    return std::pair{cx + r * std::cos(angle), cy + r * std::sin(angle)};
  };
  auto polygon = [&](const std::array<double, 4>& values) {
    for (int i = 0; i < 4; ++i) {
      auto [px, py] = point(i, values[i]);
      if (i == 0) cairo_move_to(cr, px, py);
      else cairo_line_to(cr, px, py);
    }
    cairo_close_path(cr);
  };
  cairo_set_line_width(cr, 0.6);
  for (int level = 20; level <= 100; level += 20) {
    polygon({double(level), double(level), double(level), double(level)});
    c.colour(level == 100 ? hex(0xc5cae0) : kLine);
    cairo_stroke(cr);
  }
  for (int i = 0; i < 4; ++i) {
    auto [px, py] = point(i, 100);
    cairo_move_to(cr, cx, cy);
    cairo_line_to(cr, px, py);
    c.colour(kLine);
    cairo_stroke(cr);
  }
  for (int level = 20; level <= 100; level += 40) {
    auto [px, py] = point(0, level);
    c.text(px + 2, py - 4, 20, std::to_string(level), {.size = 5.5, .colour = kMuted});
  }
  std::array<double, 4> current{};
  for (int i = 0; i < 4; ++i) current[i] = category_score(m.evaluation.scores, kCategories[i]).value_or(0);
  if (m.previous_categories) {
    std::array<double, 4> previous{};
    for (int i = 0; i < 4; ++i) previous[i] = (*m.previous_categories)[i].value_or(0);
    polygon(previous);
    const double dash[] = {3.5, 2.5};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_set_line_width(cr, 1.1);
    c.colour(kAccentEnd, 0.85);
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  polygon(current);
  c.colour(kAccent, 0.28);
  cairo_fill_preserve(cr);
  cairo_set_line_width(cr, 1.6);
  c.colour(kAccent);
  cairo_stroke(cr);
  for (int i = 0; i < 4; ++i) {
    auto [px, py] = point(i, current[i]);
    cairo_arc(cr, px, py, 2.2, 0, 2 * std::numbers::pi);
    c.colour(kCategoryColours[i]);
    cairo_fill(cr);
  }
  // axis names outside the 100 ring: above and below the vertical axis, above the ends of the horizontal one
  for (int i = 0; i < 4; ++i) {
    auto [px, py] = point(i, 100);
    std::string name = label(d::category_label(kCategories[i]), m.lang);
    if (m.lang == Lang::en && kCategories[i] == d::Category::cardio) name = "Cardio";
    TextStyle style{.size = 7.5, .bold = true, .colour = kCategoryColours[i], .align = PANGO_ALIGN_CENTER};
    if (i == 0) c.text(px - 40, py - 12, 80, name, style);
    else if (i == 2) c.text(px - 40, py + 3, 80, name, style);
    else if (i == 1) c.text(px - 60, py - 13, 70, name, {.size = 7.5, .bold = true, .colour = style.colour, .align = PANGO_ALIGN_RIGHT});
    else c.text(px - 10, py - 13, 70, name, {.size = 7.5, .bold = true, .colour = style.colour});
  }
  if (m.previous_categories) {  // legend in the top right corner
    auto legend_line = [&](double ly, const Rgb& colour, bool dashed) {
      const double dash[] = {3.5, 2.5};
      cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
      cairo_move_to(cr, x + w - 66, ly + 4);
      cairo_line_to(cr, x + w - 54, ly + 4);
      c.colour(colour);
      cairo_set_line_width(cr, dashed ? 1.1 : 1.6);
      cairo_stroke(cr);
      cairo_set_dash(cr, nullptr, 0, 0);
    };
    legend_line(9, kAccent, false);
    c.text(x + w - 51, 9, 45, t("이번 평가", "This time"), {.size = 6.5, .colour = kMuted, .max_lines = 1});
    legend_line(19, kAccentEnd, true);
    c.text(x + w - 51, 19, 45, t("이전 평가", "Previous"), {.size = 6.5, .colour = kMuted, .max_lines = 1});
  }
}

// ---- 4: measurement rows ------------------------------------------------------------------------------------

struct Measurement {
  std::string item, value, score;
  std::optional<d::Label> grade;
  Rgb grade_colour;
};

Rgb grade_colour_1_4(double score) {
  switch (static_cast<int>(std::floor(score))) {
    case 4: return kExcellent;
    case 3: return kGood;
    case 2: return kAverage;
    default: break;
  }
  return kPoor;
}
Rgb grade_colour_0_3(int score) { return score >= 3 ? kExcellent : score == 2 ? kAverage : kPoor; }

std::string opt1(const std::optional<double>& v) { return v ? fmt1(*v) : "–"; }

std::vector<Measurement> measurements(const ReportModel& m) {
  Words t{m.lang};
  const auto& in = m.input;
  const auto& s = m.evaluation.scores;
  const std::string manual = t(" (수동)", " (manual)");
  const std::string not_performed = t("측정 안 함", "Not performed");
  std::vector<Measurement> rows;
  auto add = [&](std::string item, std::optional<double> score, bool fms, bool sm, bool is_manual, std::string value,
                 bool decimal) {
    Measurement row{std::move(item), score ? std::move(value) : not_performed, "–", std::nullopt, kMuted};
    if (score) {
      if (fms) {
        row.score = std::to_string(int(*score)) + "/3";
        row.grade = d::fms_label(int(*score), sm);
        row.grade_colour = grade_colour_0_3(int(*score));
      } else {
        row.score = decimal ? fmt1(*score) : std::to_string(int(*score));
        row.grade = d::test_grade(*score);
        row.grade_colour = grade_colour_1_4(*score);
      }
      if (is_manual) row.score += manual;
    }
    rows.push_back(std::move(row));
  };
  auto as_double = [](auto v) -> std::optional<double> { return v ? std::optional<double>(*v) : std::nullopt; };

  std::vector<std::string> found;
  if (in.overhead_squat_knee_valgus) found.push_back(t("무릎 외반", "knee valgus"));
  if (in.overhead_squat_forward_lean) found.push_back(t("상체 전방 기울기", "forward lean"));
  if (in.overhead_squat_heel_lift) found.push_back(t("발뒤꿈치 들림", "heel lift"));
  if (in.overhead_squat_arm_drop) found.push_back(t("팔 떨어짐", "arm drop"));
  if (in.overhead_squat_pain) found.push_back(t("통증", "pain"));
  std::string ohs = found.empty() ? t("보상 동작 없음", "No compensations") : "";
  for (std::size_t i = 0; i < found.size(); ++i) ohs += (i ? ", " : "") + found[i];
  add(t("오버헤드 스쿼트 (보상 동작)", "Overhead squat (compensations)"),
      s.overhead_squat_performed ? as_double(s.overhead_squat_score) : std::nullopt, true, false,
      s.overhead_squat_score_manual_override, ohs, false);

  const char* types[][2] = {{"표준", "standard"}, {"무릎", "knee"}, {"벽", "wall"}};
  const auto* type = types[static_cast<int>(in.push_up_type)];
  add(t("푸시업 (회, 유형)", "Push-up (reps, type)"), as_double(s.push_up_score), false, false,
      s.push_up_score_manual_override,
      (in.push_up_reps ? std::to_string(*in.push_up_reps) : std::string("–")) + t("회 (", " reps (") +
          t(type[0], type[1]) + ")",
      false);

  add(t("외발 서기 (초)", "Single-leg balance (s)"), s.single_leg_balance_score, false, false,
      s.single_leg_balance_score_manual_override,
      std::string(t("눈 뜨고 우 ", "Eyes open R ")) + opt1(in.single_leg_balance_right_eyes_open) + t(" · 좌 ", " · L ") +
          opt1(in.single_leg_balance_left_eyes_open) + t(", 눈 감고 우 ", ", eyes closed R ") +
          opt1(in.single_leg_balance_right_eyes_closed) + t(" · 좌 ", " · L ") +
          opt1(in.single_leg_balance_left_eyes_closed),
      true);

  std::string reach = "–";
  if (in.toe_touch_distance) reach = (*in.toe_touch_distance > 0 ? "+" : "") + fmt1(*in.toe_touch_distance) + " cm";
  add(t("발끝 닿기 (cm)", "Toe touch (cm)"), as_double(s.toe_touch_score), false, false,
      s.toe_touch_score_manual_override, reach, false);

  std::string shoulder = std::string(t("우 ", "R ")) + opt1(in.shoulder_mobility_right) + t(" / 좌 ", " / L ") +
                         opt1(in.shoulder_mobility_left) + " cm";
  if (s.shoulder_mobility_asymmetry)
    shoulder += std::string(t(", 비대칭 ", ", asymmetry ")) + fmt1(*s.shoulder_mobility_asymmetry) + " cm";
  if (in.shoulder_mobility_pain) shoulder += t(", 통증", ", pain");
  // shoulder mobility is always scored by the trainer, so "(수동)" would say nothing here
  add(t("어깨 가동성 (우/좌 cm)", "Shoulder mobility (R/L cm)"), as_double(s.shoulder_mobility_score), true, true, false,
      shoulder, false);

  std::string carry = opt1(in.farmer_carry_weight) + " kg";
  if (s.farmer_carry_percentage) carry += " (" + fmt1(*s.farmer_carry_percentage) + " %BW)";
  carry += ", " + opt1(in.farmer_carry_distance) + " m, " + opt1(in.farmer_carry_time) + t("초", " s");
  add(t("파머스 캐리", "Farmer's carry"), s.farmer_carry_score, false, false, s.farmer_carry_score_manual_override,
      carry, true);

  add(t("하버드 스텝 테스트 (PFI)", "Harvard step test (PFI)"), as_double(s.harvard_step_test_score), false, false,
      s.harvard_step_test_score_manual_override, "PFI " + opt1(s.harvard_step_test_pfi), false);
  return rows;
}

std::string risk_level_text(d::RiskLevel level, Lang lang) { return label(d::risk_level_label(level), lang); }

Rgb risk_colour(d::RiskLevel level) {
  switch (level) {
    case d::RiskLevel::low: return kExcellent;
    case d::RiskLevel::low_moderate: return kAverage;
    case d::RiskLevel::moderate: return hex(0xff7a00);
    case d::RiskLevel::high: break;
  }
  return kPoor;
}

// Bars of a labelled list: label column, track, value text; returns the height.
double labelled_bar(Canvas& c, double y, double width, const std::string& name, std::optional<double> value,
                    const Rgb& colour, const std::string& right, double label_width = 86, double right_width = 118) {
  c.text(0, y, label_width - 6, name, {.size = 9, .bold = true, .max_lines = 1});
  double track = width - label_width - right_width - 8;
  c.bar(label_width, y + 2.5, track, 8, value.value_or(0), colour);
  c.text(label_width + track + 8, y, right_width, right, {.size = 9, .colour = value ? kInk : kMuted, .max_lines = 1});
  return 17;
}

}  // namespace

// ---- sections ----------------------------------------------------------------------------------------------

double draw_header(Canvas& c, double width, const ReportModel& m) {
  Words t{m.lang};
  cairo_t* cr = c.cr();
  constexpr double height = 66;
  cairo_pattern_t* gradient = cairo_pattern_create_linear(0, 0, width, height);
  cairo_pattern_add_color_stop_rgb(gradient, 0, kAccent.r, kAccent.g, kAccent.b);
  cairo_pattern_add_color_stop_rgb(gradient, 1, kAccentEnd.r, kAccentEnd.g, kAccentEnd.b);
  c.rounded_rect(0, 0, width, height, 8);
  cairo_set_source(cr, gradient);
  cairo_fill(cr);
  cairo_pattern_destroy(gradient);
  const std::string organization = m.organization_name.empty() ? "The5HC" : m.organization_name;
  // a long organisation name gives way in the middle, so the title still ends in "체력 평가 보고서"
  c.text(18, 13, width - 36, organization + t(" 체력 평가 보고서", " Fitness Assessment Report"),
         {.size = 17, .bold = true, .colour = kWhite, .max_lines = 1, .ellipsize = PANGO_ELLIPSIZE_MIDDLE});
  std::string line = std::string(t("평가일 ", "Assessment date ")) + format_date(m.assessment_date, m.lang, false);
  if (!m.trainer_name.empty()) line += std::string(t(" | 담당: ", " | Trainer: ")) + m.trainer_name;
  c.text(18, 40, width - 36, line, {.size = 9.5, .colour = kWhite, .max_lines = 1});
  return height;
}

double draw_overview(Canvas& c, double width, const ReportModel& m) {
  constexpr double gap = 10, height = 172;
  const double client_w = 168, score_w = 124, radar_w = width - client_w - score_w - 2 * gap;
  client_tile(c, 0, client_w, height, m);
  score_tile(c, client_w + gap, score_w, height, m);
  radar(c, client_w + score_w + 2 * gap, radar_w, height, m);
  return height;
}

double draw_category_bars(Canvas& c, double width, const ReportModel& m) {
  Words t{m.lang};
  double y = title(c, width, t("카테고리별 점수", "Category scores"));
  for (int i = 0; i < 4; ++i) {
    auto score = category_score(m.evaluation.scores, kCategories[i]);
    std::string right = score ? fmt1(*score) + t("점", " pts") + "  " + label(d::score_band(*score), m.lang)
                              : t("측정 안 함", "Not measured");
    std::string name = label(d::category_label(kCategories[i]), m.lang);
    if (m.lang == Lang::en && kCategories[i] == d::Category::cardio) name = "Cardio";
    y += labelled_bar(c, y, width, name, score, kCategoryColours[i], right, 70, 130);
  }
  return y - 4;
}

double draw_measurements(Canvas& c, double width, const ReportModel& m) {
  Words t{m.lang};
  double y = title(c, width, t("세부 측정 결과", "Detailed results"));
  const double item_w = 142, score_w = 62, grade_w = 100, value_w = width - item_w - score_w - grade_w;
  const double columns[] = {0, item_w, item_w + value_w, item_w + value_w + score_w};
  c.fill_rounded(0, y, width, 18, 3, hex(0xeef0fb));
  const char* heads[] = {t("측정 항목", "Test"), t("측정값", "Result"), t("점수", "Score"), t("등급", "Grade")};
  for (int i = 0; i < 4; ++i) c.text(columns[i] + 6, y + 4, 140, heads[i], {.size = 8.5, .bold = true, .colour = kMuted});
  y += 20;
  int index = 0;
  for (const auto& row : measurements(m)) {
    double h = std::max(c.measure(item_w - 10, row.item, {.size = 8.5, .bold = true}),
                        c.measure(value_w - 10, row.value, {.size = 8.5})) + 8;
    h = std::max(h, 20.0);
    if (index++ % 2) c.fill_rounded(0, y, width, h, 2, kTile);
    c.text(columns[0] + 6, y + 4, item_w - 10, row.item, {.size = 8.5, .bold = true});
    c.text(columns[1] + 6, y + 4, value_w - 10, row.value, {.size = 8.5, .colour = row.grade ? kInk : kMuted});
    c.text(columns[2] + 6, y + 4, score_w - 8, row.score, {.size = 8.5, .max_lines = 1});
    if (row.grade) {
      c.fill_rounded(columns[3] + 4, y + (h - 14) / 2, grade_w - 8, 14, 7, row.grade_colour);
      c.text(columns[3] + 4, y + (h - 14) / 2 + 2, grade_w - 8, label(*row.grade, m.lang),
             {.size = 7.5, .bold = true, .colour = kWhite, .align = PANGO_ALIGN_CENTER, .max_lines = 1});
    } else {
      c.text(columns[3] + 6, y + 4, grade_w - 8, "–", {.size = 8.5, .colour = kMuted});
    }
    y += h;
    c.allow_break(y);
  }
  // Conditions that change how the numbers read, then the trainer's notes (each at most three lines).
  const auto& in = m.input;
  std::vector<std::string> conditions;
  if (in.test_environment == d::TestEnvironment::outdoor) {
    std::string outdoor = t("실외 측정", "Measured outdoors");
    if (in.temperature) outdoor += " (" + fmt1(*in.temperature) + "°C)";
    conditions.push_back(outdoor);
  } else if (in.temperature) {
    conditions.push_back(std::string(t("측정 온도 ", "Temperature ")) + fmt1(*in.temperature) + "°C");
  }
  if (in.push_up_type != d::PushUpType::standard)
    conditions.push_back(t("푸시업 변형 적용", "Push-up variation"));
  if (m.evaluation.scores.farmer_carry_percentage_entered)
    conditions.push_back(t("파머스 캐리 %BW 직접 입력", "Farmer's carry %BW entered"));
  y += 4;
  if (!conditions.empty()) {
    std::string text = t("측정 조건: ", "Conditions: ");
    for (std::size_t i = 0; i < conditions.size(); ++i) text += (i ? ", " : "") + conditions[i];
    y += c.text(0, y, width, text, {.size = 8, .colour = kMuted}) + 2;
  }
  const std::pair<const char*, const std::optional<std::string>*> notes[] = {
      {t("오버헤드 스쿼트", "Overhead squat"), &in.overhead_squat_notes},
      {t("푸시업", "Push-up"), &in.push_up_notes},
      {t("외발 서기", "Balance"), &in.single_leg_balance_notes},
      {t("발끝 닿기", "Toe touch"), &in.toe_touch_notes},
      {t("어깨 가동성", "Shoulder mobility"), &in.shoulder_mobility_notes},
      {t("파머스 캐리", "Farmer's carry"), &in.farmer_carry_notes},
      {t("하버드 스텝", "Harvard step"), &in.harvard_step_test_notes},
      {t("메모", "Notes"), &in.notes},
  };
  for (const auto& [name, note] : notes)
    if (*note && !(*note)->empty()) {
      y += c.text(0, y, width, std::string(name) + ": " + **note, {.size = 8, .colour = kMuted, .max_lines = 3}) + 2;
      c.allow_break(y);
    }
  return y;
}

double draw_injury_risk(Canvas& c, double width, const ReportModel& m) {
  Words t{m.lang};
  const auto& risk = m.evaluation.risk;
  double y = title(c, width, t("부상 위험도", "Injury risk"));
  const Rgb colour = risk_colour(risk.level);
  const double left_w = 150;
  c.tile(0, y, left_w, 74);
  c.text(0, y + 8, left_w, fmt1(risk.score), {.size = 24, .bold = true, .colour = colour, .align = PANGO_ALIGN_CENTER});
  c.text(0, y + 38, left_w, risk_level_text(risk.level, m.lang), {.size = 9.5, .bold = true, .colour = colour, .align = PANGO_ALIGN_CENTER});
  c.bar(14, y + 58, left_w - 28, 7, risk.score, colour);
  double right_x = left_w + 14, right_w = width - right_x;
  double ry = y;
  if (!risk.primary_concerns.empty()) {
    c.text(right_x, ry, right_w, t("주요 우려 사항", "Main concerns"), {.size = 9, .bold = true});
    ry += 15;
    int n = 0;
    for (auto i : risk.primary_concerns) {
      if (i >= risk.factors.size() || n == 3) continue;
      const auto& f = risk.factors[i];
      ry += c.text(right_x + 6, ry, right_w - 6, std::to_string(++n) + ". " + (m.lang == Lang::en ? f.label_en : f.label_ko),
                   {.size = 8.5, .max_lines = 1}) + 2;
    }
    ry += 4;
  }
  if (risk.factors.empty()) {
    c.text(right_x, ry, right_w,
           m.is_legacy ? t("이전 시스템 기록에는 위험 요인이 없습니다.", "The previous system recorded no risk factors.")
                       : t("확인된 위험 요인이 없습니다.", "No risk factors found."),
           {.size = 8.5, .colour = kMuted});
    return std::max(y + 74, ry + 14);
  }
  c.text(right_x, ry, right_w, t("위험 요인", "Risk factors"), {.size = 9, .bold = true});
  ry += 15;
  // two columns of "label ……… +N.N점"
  const double col_w = (right_w - 10) / 2;
  for (std::size_t i = 0; i < risk.factors.size(); ++i) {
    const auto& f = risk.factors[i];
    double fx = right_x + (i % 2) * (col_w + 10), fy = ry + (i / 2) * 14;
    c.text(fx + 6, fy, col_w - 56, m.lang == Lang::en ? f.label_en : f.label_ko, {.size = 8, .max_lines = 1});
    c.text(fx + col_w - 50, fy, 50, "+" + fmt1(f.points) + t("점", " pts"),
           {.size = 8, .bold = true, .colour = colour, .align = PANGO_ALIGN_RIGHT});
  }
  // the factor rows below the score tile may continue on the next page
  for (std::size_t row = 1; row * 2 < risk.factors.size(); ++row)
    if (ry + row * 14 >= y + 74) c.allow_break(ry + row * 14);
  ry += ((risk.factors.size() + 1) / 2) * 14;
  return std::max(y + 74, ry);
}

double draw_percentiles(Canvas& c, double width, const ReportModel& m) {
  Words t{m.lang};
  double y = title(c, width, t("백분위 및 체력 나이", "Percentiles and performance age"));
  const auto& p = m.evaluation.percentiles;
  const std::pair<const char*, const std::optional<d::Percentile>*> rows[] = {
      {t("푸시업", "Push-up"), &p.push_up},
      {t("하버드 스텝 (PFI)", "Harvard step (PFI)"), &p.harvard_step},
      {t("파머스 캐리 (%BW)", "Farmer's carry (%BW)"), &p.farmer_carry},
      {t("종합 점수", "Overall score"), &p.overall},
  };
  bool any = false;
  for (const auto& [name, value] : rows) {
    if (!*value) continue;
    any = true;
    const auto& v = **value;
    std::string right = std::string(t("상위 ", "Top ")) + fmt1(v.top_percent) + "%";
    y += labelled_bar(c, y, width - 150, name, v.percentile, kAccent, right, 110, 70) - 17;
    c.text(width - 148, y, 148, v.source + (v.year ? " (" + std::to_string(v.year) + ")" : ""),
           {.size = 7, .colour = kMuted, .max_lines = 1});
    y += 17;
    c.allow_break(y);
  }
  if (!any) y += c.text(0, y, width, t("규준 자료가 없습니다.", "No normative data."), {.size = 8.5, .colour = kMuted}) + 4;
  if (const auto& age = m.evaluation.performance_age) {
    std::string sentence = m.lang == Lang::en
                               ? "Performance age " + fmt1(age->performance_age) + " (actual age " +
                                     std::to_string(age->chronological_age) + "): " + age->interpretation_en
                               : "체력 나이 " + fmt1(age->performance_age) + "세 (실제 나이 " +
                                     std::to_string(age->chronological_age) + "세): " + age->interpretation_ko;
    y += c.text(0, y + 2, width, sentence, {.size = 9, .bold = true, .colour = kAccentEnd}) + 2;
  }
  return y;
}

double draw_questionnaire(Canvas& c, double width, const ReportModel& m) {
  Words t{m.lang};
  double y = title(c, width, t("종합 건강 설문", "Health questionnaire"));
  for (const auto& q : m.questionnaire) {
    Rgb colour = q.code == "knowledge" ? hex(0x9c27b0) : q.code == "lifestyle" ? hex(0xff9800) : hex(0x4caf50);
    std::string right = q.score ? fmt1(*q.score) + t("점", " pts") : t("응답 없음", "No answers");
    y += labelled_bar(c, y, width, q.name, q.score, colour, right, 150, 90);  // "Lifestyle Assessment" fits
  }
  if (!m.questionnaire_risks.empty()) {
    y += 2;
    c.text(0, y, width, t("위험 요소", "Risk answers"), {.size = 9, .bold = true});
    y += 15;
    for (const auto& r : m.questionnaire_risks) {
      std::string category = r.category;
      for (const auto& q : m.questionnaire)
        if (q.code == r.category) category = q.name;
      char weight[32];
      std::snprintf(weight, sizeof weight, "%.1f", r.risk_weight);
      y += c.text(6, y, width - 6,
                  "• " + category + ": " + r.answer + t(" (위험도 ", " (risk ") + weight + ")",
                  {.size = 8.5, .max_lines = 2}) + 2;
    }
  }
  return y;
}

double draw_suggestions(Canvas& c, double width, const ReportModel& m) {
  Words t{m.lang};
  double y = title(c, width, t("개선 제안사항", "Improvement suggestions"));
  struct Box {
    std::string heading;
    std::vector<std::string> lines;
    Rgb colour;
  };
  std::vector<Box> boxes;
  for (int i = 0; i < 4; ++i) {
    auto lines = d::category_suggestions(kCategories[i], category_score(m.evaluation.scores, kCategories[i]), m.lang);
    if (!lines.empty()) boxes.push_back({d::suggestion_title(kCategories[i], m.lang), lines, kCategoryColours[i]});
  }
  if (!m.questionnaire_advice.empty())
    boxes.push_back({t("설문 기반 권장 사항", "From the questionnaire"), m.questionnaire_advice, hex(0x9c27b0)});
  if (boxes.empty()) {
    c.fill_rounded(0, y, width, 26, 5, hex(0xe8f5e9));
    c.text(12, y + 7, width - 24, t("모든 영역이 양호합니다. 현재 운동 습관을 유지하세요.",
                                     "Every area is in good shape. Keep up your current exercise habits."),
           {.size = 9, .bold = true, .colour = hex(0x1e7e34)});
    return y + 26;
  }
  // two boxes per row, each as tall as the taller of the pair
  const double gap = 10, box_w = (width - gap) / 2;
  auto box_height = [&](const Box& b) {
    double h = 26;
    for (const auto& line : b.lines) h += c.measure(box_w - 30, line, {.size = 8.5, .max_lines = 2}) + 3;
    return h + 4;
  };
  for (std::size_t i = 0; i < boxes.size(); i += 2) {
    double h = box_height(boxes[i]);
    if (i + 1 < boxes.size()) h = std::max(h, box_height(boxes[i + 1]));
    for (std::size_t j = i; j < std::min(i + 2, boxes.size()); ++j) {
      const auto& b = boxes[j];
      double x = (j - i) * (box_w + gap);
      c.tile(x, y, box_w, h);
      c.fill_rounded(x, y, 4, h, 2, b.colour);
      c.text(x + 14, y + 8, box_w - 24, b.heading, {.size = 9.5, .bold = true, .colour = b.colour});
      double ly = y + 26;
      for (const auto& line : b.lines)
        ly += c.text(x + 16, ly, box_w - 30, "• " + line, {.size = 8.5, .max_lines = 2}) + 3;
    }
    y += h + 8;
    c.allow_break(y - 4);
  }
  return y - 8;
}

double draw_programme(Canvas& c, double width, const ReportModel& m) {
  Words t{m.lang};
  double y = title(c, width, t("맞춤형 운동 프로그램", "Your 12-week programme"));
  const double gap = 10, box_w = (width - 2 * gap) / 3, h = 56;
  const auto& phases = d::twelve_week_programme();
  for (std::size_t i = 0; i < phases.size(); ++i) {
    double x = i * (box_w + gap);
    c.tile(x, y, box_w, h);
    c.fill_rounded(x + 10, y + 9, 56, 15, 7.5, i == 0 ? kAccent : i == 1 ? hex(0x6f63c6) : kAccentEnd);
    c.text(x + 10, y + 11, 56, m.lang == Lang::en ? phases[i].weeks_en : phases[i].weeks,
           {.size = 7.5, .bold = true, .colour = kWhite, .align = PANGO_ALIGN_CENTER, .max_lines = 1});
    c.text(x + 10, y + 29, box_w - 20, m.lang == Lang::en ? phases[i].description_en : phases[i].description,
           {.size = 8.5, .max_lines = 2});
  }
  return y + h;
}

void draw_footer(Canvas& c, double width, const ReportModel& m, int page, int pages) {
  Words t{m.lang};
  cairo_t* cr = c.cr();
  cairo_move_to(cr, 0, 0.5);
  cairo_line_to(cr, width, 0.5);
  c.colour(kLine);
  cairo_set_line_width(cr, 0.8);
  cairo_stroke(cr);
  auto follow = d::follow_up_dates(to_sys_days(m.assessment_date));
  std::string dates = std::string(t("평가일 ", "Assessed ")) + format_date(m.assessment_date, m.lang, true) +
                      t("  |  중간 점검 ", "  |  Check-in ") + format_date(date_of(follow.midpoint_check), m.lang, true) +
                      t("  |  재평가 예정 ", "  |  Re-assessment ") + format_date(date_of(follow.reassessment), m.lang, true);
  c.text(0, 6, width - 60, dates, {.size = 8, .bold = true, .colour = kMuted, .max_lines = 1});
  c.text(width - 60, 6, 60, std::to_string(page) + " / " + std::to_string(pages),
         {.size = 8, .bold = true, .colour = kMuted, .align = PANGO_ALIGN_RIGHT});
  const std::string organization = m.organization_name.empty() ? "The5HC" : m.organization_name;
  std::string statement = m.lang == Lang::en
                              ? "This report is based on the fitness assessment carried out at " + organization + "."
                              : "본 보고서는 " + organization + "에서 실시한 체력 평가를 바탕으로 작성되었습니다.";
  c.text(0, 19, width, statement, {.size = 7, .colour = kMuted, .max_lines = 1});
}

}  // namespace the5hc::report
