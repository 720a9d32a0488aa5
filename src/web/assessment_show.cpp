// What the assessment pages show of a scored assessment (WEB.md §4.4): per-test lines with grade words, the four
// categories, injury risk with its factors, percentiles, performance age, questionnaire summary, and the compare
// columns. Everything here is formatting of what the service computed; no score is derived in this file.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "domain/client_rules.hpp"
#include "domain/grades.hpp"
#include "domain/report_rules.hpp"
#include "domain/risk.hpp"
#include "domain/rounding.hpp"
#include "service/assessment_json.hpp"
#include "web/assessment_views.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

std::string tr(Lang lang, const char* msgid) { return i18n::tr(lang, msgid); }

std::string points_text(std::optional<double> v, Lang lang) {
  if (!v) return "-";
  return i18n::translate(lang, "{x} points", {{"x", one_decimal(v)}});
}

double clamp_pct(double v) { return std::max(0.0, std::min(100.0, v)); }

// One test's score line: "3 / 4 · 양호", manual or not performed.
struct TestScore {
  const char* key;
  const char* name;  // msgid
  std::optional<double> score;
  int max;
  bool decimal, fms, shoulder, manual;
};

std::vector<TestScore> test_scores(const d::AssessmentScores& s) {
  auto as_real = [](std::optional<int> v) { return v ? std::optional<double>(*v) : std::nullopt; };
  return {
      {"overhead_squat", "Overhead squat", as_real(s.overhead_squat_score), 3, false, true, false,
       s.overhead_squat_score_manual_override},
      {"push_up", "Push-up", as_real(s.push_up_score), 4, false, false, false, s.push_up_score_manual_override},
      {"single_leg_balance", "Single-leg balance", s.single_leg_balance_score, 4, true, false, false,
       s.single_leg_balance_score_manual_override},
      {"toe_touch", "Toe touch", as_real(s.toe_touch_score), 4, false, false, false, s.toe_touch_score_manual_override},
      {"shoulder_mobility", "Shoulder mobility", as_real(s.shoulder_mobility_score), 3, false, true, true, false},
      {"farmer_carry", "Farmer's carry", s.farmer_carry_score, 4, true, false, false,
       s.farmer_carry_score_manual_override},
      {"harvard_step_test", "Harvard step test", as_real(s.harvard_step_test_score), 4, false, false, false,
       s.harvard_step_test_score_manual_override},
  };
}

json score_line(const TestScore& t, Lang lang) {
  json line = {{"key", t.key}, {"name", tr(lang, t.name)}, {"field", std::string(t.key) + "_score"},
               {"manual", t.manual}, {"performed", t.score.has_value()}, {"value", ""}, {"grade", ""},
               {"score", ""}, {"max", ""}, {"measured", ""}, {"notes", nullptr}};
  if (t.score) {
    line["score"] = score_text(t.score, t.decimal);
    line["value"] = t.decimal ? one_decimal(t.score) : score_text(t.score, false);
    line["max"] = std::to_string(t.max);
    line["grade"] = label(t.fms ? d::fms_label(static_cast<int>(*t.score), t.shoulder) : d::test_grade(*t.score), lang);
    line["level"] = "grade-" + std::to_string(static_cast<int>(std::floor(*t.score)) + (t.fms ? 1 : 0));
  }
  return line;
}

struct Category {
  const char* key;
  const char* name;
  std::optional<double> d::AssessmentScores::*member;
};
constexpr Category kCategories[] = {{"strength", "Strength", &d::AssessmentScores::strength_score},
                                    {"mobility", "Mobility", &d::AssessmentScores::mobility_score},
                                    {"balance", "Balance", &d::AssessmentScores::balance_score},
                                    {"cardio", "Cardio", &d::AssessmentScores::cardio_score}};

json categories(const d::AssessmentScores& s, Lang lang) {
  json out = json::array();
  for (const auto& c : kCategories) {
    auto v = s.*c.member;
    out.push_back({{"key", c.key}, {"name", tr(lang, c.name)}, {"value", v ? json(one_decimal(v)) : json(nullptr)},
                   {"text", points_text(v, lang)}, {"class", score_class(v)},
                   {"pct", v ? one_decimal(clamp_pct(*v)) : "0"}});
  }
  return out;
}

json overall(const d::AssessmentScores& s, Lang lang) {
  json o = {{"value", s.overall_score ? json(one_decimal(s.overall_score)) : json(nullptr)},
            {"class", score_class(s.overall_score)}, {"complete", s.is_complete}};
  if (s.overall_score) o["band"] = label(d::score_band(*s.overall_score), lang);
  if (!s.is_complete) {
    std::string missing;
    for (const auto& c : kCategories)
      if (!(s.*c.member)) missing += (missing.empty() ? "" : ", ") + tr(lang, c.name);
    o["missing"] = i18n::translate(lang, "Incomplete ({what} missing)", {{"what", missing}});
  }
  return o;
}

std::string category_name(const std::string& code, Lang lang) {
  for (const auto& c : kCategories)
    if (code == c.key) return tr(lang, c.name);
  return code;
}

std::string number_of(const json& v) {
  if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
  if (v.is_number()) return one_decimal(v.get<double>());
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

// The factor's details in words (WEB.md §4.4: "기동성: 40.0점 (평균 대비 46.1% 차이)", "어깨 비대칭 6.0cm").
std::vector<std::string> factor_details(const d::RiskFactor& f, Lang lang) {
  json det = service::detail_to_json(d::DetailValue{f.details});
  std::vector<std::string> out;
  if (f.code == "category_imbalance" && det.contains("categories")) {
    for (const auto& c : det["categories"])
      out.push_back(i18n::translate(lang, "{category}: {score} points ({pct}% from the average)",
                                    {{"category", category_name(c.value("category", ""), lang)},
                                     {"score", number_of(c["score"])}, {"pct", number_of(c["percentage"])}}));
  } else if (f.code.starts_with("balance_asymmetry") && det.contains("asymmetry_percentage")) {
    out.push_back(i18n::translate(lang, "Right {right} s / left {left} s, asymmetry {pct}%",
                                  {{"right", number_of(det["right"])}, {"left", number_of(det["left"])},
                                   {"pct", number_of(det["asymmetry_percentage"])}}));
  } else if (f.code == "shoulder_asymmetry" && det.contains("difference_cm")) {
    out.push_back(i18n::translate(lang, "Shoulder asymmetry {cm} cm", {{"cm", number_of(det["difference_cm"])}}));
  } else if (f.code == "mcq_risk" && det.contains("answers")) {
    for (const auto& a : det["answers"])
      out.push_back(a.value("question", "") + " → " + a.value("answer", ""));
  } else {
    for (const auto& [k, v] : det.items())
      if (!v.is_array() && !v.is_object()) out.push_back(k + ": " + number_of(v));
  }
  return out;
}

json risk_view(const d::InjuryRisk& r, Lang lang) {
  const auto& level = d::risk_level_label(r.level);
  json factors = json::array();
  for (const auto& f : r.factors) {
    json details = json::array();
    for (auto& text : factor_details(f, lang)) details.push_back(text);
    factors.push_back({{"label", lang == Lang::en ? f.label_en : f.label_ko},
                       {"points", i18n::translate(lang, "{x} points", {{"x", one_decimal(f.points)}})},
                       {"details", details}});
  }
  json concerns = json::array();
  for (auto i : r.primary_concerns) concerns.push_back(lang == Lang::en ? r.factors[i].label_en : r.factors[i].label_ko);
  return {{"score", one_decimal(r.score)}, {"level", label(level, lang)}, {"code", level.code},
          {"pct", one_decimal(clamp_pct(r.score))}, {"concerns", concerns}, {"has_concerns", !concerns.empty()},
          {"factors", factors}, {"has_factors", !factors.empty()}};
}

std::string two_decimals(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string signed_one(double v) { return (v > 0 ? "+" : "") + one_decimal(v); }

// 측정값 of the detail table, from the stored inputs and derived measures.
std::string measured(const std::string& key, const d::AssessmentInput& in, const d::AssessmentScores& s, Lang lang) {
  auto s1 = [](std::optional<double> v) { return v ? one_decimal(v) : std::string("-"); };
  auto n = [](std::optional<int> v) { return v ? std::to_string(*v) : std::string("-"); };
  if (key == "overhead_squat") {
    std::vector<std::string> parts;
    if (in.overhead_squat_knee_valgus) parts.push_back(tr(lang, "Knee valgus"));
    if (in.overhead_squat_forward_lean) parts.push_back(tr(lang, "Forward lean"));
    if (in.overhead_squat_heel_lift) parts.push_back(tr(lang, "Heel lift"));
    if (in.overhead_squat_arm_drop) parts.push_back(tr(lang, "Arm drop"));
    if (in.overhead_squat_pain) parts.push_back(tr(lang, "Pain"));
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out.empty() ? tr(lang, "No compensations") : out;
  }
  if (key == "push_up") {
    if (!in.push_up_reps) return "-";
    const char* type = in.push_up_type == d::PushUpType::modified ? "Modified (knee)"
                       : in.push_up_type == d::PushUpType::wall   ? "Wall"
                                                                  : "Standard";
    return i18n::translate(lang, "{n} reps", {{"n", n(in.push_up_reps)}}) + " · " + tr(lang, type);
  }
  if (key == "single_leg_balance")
    return i18n::translate(lang, "Eyes open R {ro} / L {lo} s · eyes closed R {rc} / L {lc} s",
                           {{"ro", s1(in.single_leg_balance_right_eyes_open)},
                            {"lo", s1(in.single_leg_balance_left_eyes_open)},
                            {"rc", s1(in.single_leg_balance_right_eyes_closed)},
                            {"lc", s1(in.single_leg_balance_left_eyes_closed)}});
  if (key == "toe_touch") return in.toe_touch_distance ? signed_one(*in.toe_touch_distance) + " cm" : "-";
  // only what was measured, joined by " · "
  auto joined = [](std::initializer_list<std::pair<std::optional<double>, std::string>> parts) {
    std::string out;
    for (const auto& [v, text] : parts)
      if (v) out += (out.empty() ? "" : " · ") + text;
    return out.empty() ? std::string("-") : out;
  };
  if (key == "shoulder_mobility")
    return joined({{in.shoulder_mobility_right, tr(lang, "Right") + " " + s1(in.shoulder_mobility_right) + " cm"},
                   {in.shoulder_mobility_left, tr(lang, "Left") + " " + s1(in.shoulder_mobility_left) + " cm"},
                   {s.shoulder_mobility_asymmetry,
                    tr(lang, "Asymmetry") + " " + s1(s.shoulder_mobility_asymmetry) + " cm"}});
  if (key == "farmer_carry")
    return joined({{in.farmer_carry_weight, s1(in.farmer_carry_weight) + " kg"},
                   {s.farmer_carry_percentage, s1(s.farmer_carry_percentage) + " %BW"},
                   {in.farmer_carry_distance, s1(in.farmer_carry_distance) + " m"},
                   {in.farmer_carry_time, s1(in.farmer_carry_time) + " " + tr(lang, "s")}});
  if (key == "harvard_step_test")
    return "HR " + n(in.harvard_step_test_hr1) + " / " + n(in.harvard_step_test_hr2) + " / " +
           n(in.harvard_step_test_hr3) + " bpm · " + s1(in.harvard_step_test_duration.value_or(180)) + " s · PFI " +
           s1(s.harvard_step_test_pfi);
  return "-";
}

std::optional<std::string> test_notes(const std::string& key, const d::AssessmentInput& in) {
  if (key == "overhead_squat") return in.overhead_squat_notes;
  if (key == "push_up") return in.push_up_notes;
  if (key == "single_leg_balance") return in.single_leg_balance_notes;
  if (key == "toe_touch") return in.toe_touch_notes;
  if (key == "shoulder_mobility") return in.shoulder_mobility_notes;
  if (key == "farmer_carry") return in.farmer_carry_notes;
  return in.harvard_step_test_notes;
}

json percentile_line(const char* name, const std::optional<d::Percentile>& p, Lang lang) {
  json line = {{"name", tr(lang, name)}, {"known", p.has_value()}};
  if (!p) return line;
  // units of DOMAIN.md §2.9 in the page's words
  std::string unit = p->unit == "reps" ? tr(lang, "reps") : p->unit == "points" ? tr(lang, "points") : p->unit == "pfi" ? "" : p->unit;
  line["measure"] = (p->unit == "reps" ? score_text(p->measure, false) : one_decimal(p->measure)) + (unit.empty() ? "" : " " + unit);
  line["percentile"] = one_decimal(p->percentile);
  line["top"] = i18n::translate(lang, "Top {pct}%", {{"pct", one_decimal(p->top_percent)}});
  line["source"] = i18n::translate(lang, "Source: {source} ({year})", {{"source", p->source}, {"year", std::to_string(p->year)}});
  line["pct"] = one_decimal(clamp_pct(p->percentile));
  return line;
}

json performance_age_view(const std::optional<d::PerformanceAge>& pa, Lang lang) {
  if (!pa) return nullptr;
  auto pos = [](double age) { return one_decimal(clamp_pct((age - 20) / 50 * 100)); };
  return {{"actual", i18n::translate(lang, "{n} years", {{"n", std::to_string(pa->chronological_age)}})},
          {"fitness", i18n::translate(lang, "{n} years", {{"n", one_decimal(pa->performance_age)}})},
          {"difference", i18n::translate(lang, "{x} years", {{"x", signed_one(pa->age_difference)}})},
          {"younger", pa->age_difference >= 0},
          {"interpretation", lang == Lang::en ? pa->interpretation_en : pa->interpretation_ko},
          {"actual_pos", pos(pa->chronological_age)}, {"fitness_pos", pos(pa->performance_age)}};
}

json chart_scores(const d::AssessmentScores& s) {
  json out = json::array();
  for (const auto& c : kCategories) out.push_back(s.*c.member ? json(*(s.*c.member)) : json(nullptr));
  return out;
}

json chart_labels(Lang lang) {
  json out = json::array();
  for (const auto& c : kCategories) out.push_back(tr(lang, c.name));
  return out;
}

}  // namespace

std::string score_text(std::optional<double> score, bool decimal) {
  if (!score) return "-";
  if (decimal) return one_decimal(score);
  return std::to_string(static_cast<long long>(std::llround(*score)));
}

json preview_view(const service::AssessmentView& v, Lang lang) {
  const auto& s = v.evaluation.scores;
  json tests = json::array();
  for (const auto& t : test_scores(s)) tests.push_back(score_line(t, lang));
  json derived = {{"pfi", s.harvard_step_test_pfi ? json(one_decimal(s.harvard_step_test_pfi)) : json(nullptr)},
                  {"farmer_percentage", s.farmer_carry_percentage ? one_decimal(s.farmer_carry_percentage) : ""},
                  {"asymmetry", s.shoulder_mobility_asymmetry ? one_decimal(s.shoulder_mobility_asymmetry) : ""},
                  {"harvard_score", s.harvard_step_test_score ? std::to_string(*s.harvard_step_test_score) : ""}};
  return {{"tests", tests}, {"categories", categories(s, lang)}, {"overall", overall(s, lang)},
          {"risk", risk_view(v.evaluation.risk, lang)}, {"derived", derived}};
}

json detail_view(const service::AssessmentOverview& o, Lang lang) {
  const auto& a = o.view.row;
  const auto& e = o.view.evaluation;
  const auto& s = e.scores;
  json v = preview_view(o.view, lang);
  v["id"] = a.id;
  v["client_id"] = a.meta.client_id;
  v["client_name"] = a.client_name;
  v["trainer_name"] = a.trainer_name;
  v["date"] = long_date(a.meta.date, lang);
  v["legacy"] = a.is_legacy;
  v["notes"] = a.input.notes ? json(*a.input.notes) : json(nullptr);
  json rows = json::array();
  auto lines = test_scores(s);
  for (const auto& t : lines) {
    json row = score_line(t, lang);
    row["measured"] = row["performed"].get<bool>() ? measured(t.key, a.input, s, lang) : "";
    if (auto note = test_notes(t.key, a.input)) row["notes"] = *note;
    rows.push_back(row);
  }
  v["rows"] = rows;
  // 테스트 조건
  json conditions = json::array();
  if (a.input.test_environment == d::TestEnvironment::outdoor) {
    std::string text = tr(lang, "Outdoor");
    if (a.input.temperature)
      text += " · " + one_decimal(a.input.temperature) + " °C (" +
              i18n::translate(lang, "correction factor ×{f}", {{"f", two_decimals(s.temperature_factor)}}) + ")";
    conditions.push_back(text);
  }
  if (a.input.push_up_reps && a.input.push_up_type != d::PushUpType::standard)
    conditions.push_back(tr(lang, "Push-up type") + ": " +
                         tr(lang, a.input.push_up_type == d::PushUpType::modified ? "Modified (knee)" : "Wall"));
  if (s.farmer_carry_percentage_entered && s.farmer_carry_percentage)
    conditions.push_back(i18n::translate(lang, "{pct}% of body weight used", {{"pct", one_decimal(s.farmer_carry_percentage)}}));
  v["conditions"] = conditions;
  v["has_conditions"] = !conditions.empty();
  v["percentiles"] = json::array({percentile_line("Push-up reps", e.percentiles.push_up, lang),
                                  percentile_line("Harvard PFI", e.percentiles.harvard_step, lang),
                                  percentile_line("Farmer's carry %BW", e.percentiles.farmer_carry, lang),
                                  percentile_line("Overall", e.percentiles.overall, lang)});
  v["performance_age"] = performance_age_view(e.performance_age, lang);
  // radar: this assessment and the previous one
  json radar = {{"labels", chart_labels(lang)},
                {"datasets", json::array({{{"label", a.meta.date}, {"data", chart_scores(s)}}})}};
  if (o.previous) {
    radar["datasets"].push_back({{"label", o.previous->row.meta.date}, {"data", chart_scores(o.previous->evaluation.scores)}});
    v["previous_id"] = o.previous->row.id;
  }
  v["radar"] = radar.dump();
  // questionnaire
  json mcq = {{"done", e.mcq.has_responses}};
  if (e.mcq.has_responses) {
    json cats = json::array();
    for (const auto& c : o.mcq_categories) {
      auto it = e.mcq.category_scores.find(c.category.code);
      std::optional<double> score = it == e.mcq.category_scores.end() ? std::nullopt : it->second;
      json cat = {{"name", (lang == Lang::en ? c.category.name : c.category.name_ko) + " (" +
                               std::to_string(std::llround(c.category.weight * 100)) + "%)"},
                  {"text", points_text(score, lang)}, {"class", score_class(score)},
                  {"pct", score ? one_decimal(clamp_pct(*score)) : "0"}};
      if (score) {
        cat["level"] = label(d::score_band(*score), lang);
        json recs = json::array();
        for (const char* r : d::mcq_recommendations(c.category.code, *score)) recs.push_back(tr(lang, r));
        cat["recommendations"] = recs;
      }
      cats.push_back(cat);
    }
    mcq["categories"] = cats;
    mcq["comprehensive"] = points_text(e.comprehensive_score, lang);
    json risks = json::array();
    for (const auto& r : e.mcq.risk_items) risks.push_back({{"question", r.question}, {"answer", r.answer}});
    mcq["risks"] = risks;
    mcq["has_risks"] = !risks.empty();
  }
  v["mcq"] = mcq;
  json reports = json::array();
  for (const auto& r : o.reports)
    reports.push_back({{"id", r.id}, {"when", local_date_time(r.generated_at, o.view.zone)},
                       {"by", r.generated_by_name}, {"size", one_decimal(static_cast<double>(r.file_size) / 1024) + " KB"},
                       {"language", r.language == "en" ? "English" : "한국어"}});
  v["reports"] = reports;
  v["has_reports"] = !reports.empty();
  v["delete_question"] = tr(lang, "Do you really want to delete this assessment?");
  return v;
}

json compare_view(const std::vector<service::AssessmentView>& views, Lang lang) {
  std::vector<d::ComparedScores> compared;
  for (const auto& v : views) {
    const auto& s = v.evaluation.scores;
    compared.push_back({v.row.id, s.overall_score, s.strength_score, s.mobility_score, s.balance_score,
                        s.cardio_score, v.evaluation.risk.score});
  }
  auto best = d::best_scores(compared);
  json columns = json::array();
  json radar = {{"labels", chart_labels(lang)}, {"datasets", json::array()}};
  for (const auto& v : views) {
    const auto& a = v.row;
    const auto& s = v.evaluation.scores;
    const auto& in = a.input;
    auto gender = d::parse_gender(a.client_gender);
    std::string date = a.meta.date.size() >= 10 ? a.meta.date.substr(0, 4) + "." + a.meta.date.substr(5, 2) + "." +
                                                      a.meta.date.substr(8, 2)
                                                : a.meta.date;
    auto cell = [&](std::optional<double> x, std::optional<std::int64_t> best_id) {
      return json{{"text", x ? one_decimal(x) : "-"}, {"best", best_id == a.id && x.has_value()}, {"class", score_class(x)}};
    };
    auto avg = [](std::initializer_list<std::optional<double>> xs) -> std::optional<double> {
      double sum = 0;
      for (auto x : xs) {
        if (!x) return std::nullopt;
        sum += *x;
      }
      return sum / static_cast<double>(xs.size());
    };
    auto opt = [](std::optional<int> x) { return x ? std::optional<double>(*x) : std::nullopt; };
    auto balance_average = avg({in.single_leg_balance_right_eyes_open, in.single_leg_balance_left_eyes_open,
                                in.single_leg_balance_right_eyes_closed, in.single_leg_balance_left_eyes_closed});
    json tests = json::array({
        score_text(opt(s.overhead_squat_score), false) + (s.overhead_squat_score ? " / 3" : ""),
        in.push_up_reps ? i18n::translate(lang, "{n} reps", {{"n", std::to_string(*in.push_up_reps)}}) : "-",
        balance_average ? one_decimal(balance_average) + " s" : "-",
        in.toe_touch_distance ? signed_one(*in.toe_touch_distance) + " cm" : "-",
        score_text(opt(s.shoulder_mobility_score), false) + (s.shoulder_mobility_score ? " / 3" : ""),
        in.farmer_carry_time ? one_decimal(in.farmer_carry_time) + " s" : "-",
        s.harvard_step_test_pfi ? one_decimal(s.harvard_step_test_pfi) : "-"});
    json col = {{"id", a.id}, {"client_name", a.client_name}, {"date", date},
                {"facts", i18n::translate(lang, "{n} years", {{"n", std::to_string(a.meta.client_age)}}) +
                              (gender ? ", " + label(d::gender_label(*gender), lang) : "")},
                {"overall", cell(s.overall_score, best.overall)},
                {"strength", cell(s.strength_score, best.strength)},
                {"mobility", cell(s.mobility_score, best.mobility)},
                {"balance", cell(s.balance_score, best.balance)},
                {"cardio", cell(s.cardio_score, best.cardio)},
                {"risk", {{"text", one_decimal(v.evaluation.risk.score) + " · " + label(d::risk_level_label(v.evaluation.risk.level), lang)},
                          {"best", best.injury_risk == a.id}}},
                {"tests", tests}};
    columns.push_back(col);
    radar["datasets"].push_back({{"label", a.client_name + " " + date}, {"data", chart_scores(s)}});
  }
  json test_names = json::array();
  for (const char* n : {"Overhead squat", "Push-up", "Single-leg balance (average s)", "Toe touch", "Shoulder mobility",
                        "Farmer's carry", "PFI"})
    test_names.push_back(tr(lang, n));
  // the table is row-major: one row per measure, one cell per assessment
  json rows = json::array();
  auto add_row = [&](const char* name, const char* key) {
    json cells = json::array();
    for (const auto& c : columns) cells.push_back(c[key]);
    rows.push_back({{"name", tr(lang, name)}, {"cells", cells}});
  };
  add_row("Overall", "overall");
  add_row("Strength", "strength");
  add_row("Mobility", "mobility");
  add_row("Balance", "balance");
  add_row("Cardio", "cardio");
  add_row("Injury risk", "risk");
  json test_rows = json::array();
  for (size_t i = 0; i < test_names.size(); ++i) {
    json cells = json::array();
    for (const auto& c : columns) cells.push_back({{"text", c["tests"][i]}});
    test_rows.push_back({{"name", test_names[i]}, {"cells", cells}});
  }
  return {{"columns", columns}, {"rows", rows}, {"test_rows", test_rows}, {"radar", radar.dump()},
          {"bars", radar.dump()}};
}

}  // namespace the5hc::web
