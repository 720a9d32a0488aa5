#include "service/assessment_json.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>
#include <unordered_map>

#include "domain/assessment_validation.hpp"
#include "domain/client_rules.hpp"

namespace the5hc::service {

using nlohmann::json;
namespace d = the5hc::domain;

namespace {

// Standard field messages (API.md §1.6); the Korean text is the catalog's translation.
constexpr const char* msg_integer = "A valid integer is required.";  // 유효한 정수를 입력하세요.
constexpr const char* msg_number = "A valid number is required.";    // 유효한 숫자를 입력하세요.
constexpr const char* msg_boolean = "Must be a valid boolean.";      // 올바른 불리언 값이 아닙니다.
constexpr const char* msg_string = "Not a valid string.";            // 올바른 문자열이 아닙니다.
constexpr const char* msg_unknown = "Unknown field.";                // 알 수 없는 필드입니다.

template <class M>
struct Field {
  const char* name;
  M d::AssessmentInput::*member;
};

const Field<bool> bool_fields[] = {
    {"overhead_squat_performed", &d::AssessmentInput::overhead_squat_performed},
    {"overhead_squat_pain", &d::AssessmentInput::overhead_squat_pain},
    {"overhead_squat_knee_valgus", &d::AssessmentInput::overhead_squat_knee_valgus},
    {"overhead_squat_forward_lean", &d::AssessmentInput::overhead_squat_forward_lean},
    {"overhead_squat_heel_lift", &d::AssessmentInput::overhead_squat_heel_lift},
    {"overhead_squat_arm_drop", &d::AssessmentInput::overhead_squat_arm_drop},
    {"shoulder_mobility_pain", &d::AssessmentInput::shoulder_mobility_pain},
};

const Field<std::optional<int>> int_fields[] = {
    {"overhead_squat_score", &d::AssessmentInput::overhead_squat_score},
    {"push_up_reps", &d::AssessmentInput::push_up_reps},
    {"push_up_score", &d::AssessmentInput::push_up_score},
    {"toe_touch_score", &d::AssessmentInput::toe_touch_score},
    {"shoulder_mobility_score", &d::AssessmentInput::shoulder_mobility_score},
    {"harvard_step_test_hr1", &d::AssessmentInput::harvard_step_test_hr1},
    {"harvard_step_test_hr2", &d::AssessmentInput::harvard_step_test_hr2},
    {"harvard_step_test_hr3", &d::AssessmentInput::harvard_step_test_hr3},
    {"harvard_step_test_score", &d::AssessmentInput::harvard_step_test_score},
};

const Field<std::optional<double>> real_fields[] = {
    {"temperature", &d::AssessmentInput::temperature},
    {"single_leg_balance_right_eyes_open", &d::AssessmentInput::single_leg_balance_right_eyes_open},
    {"single_leg_balance_left_eyes_open", &d::AssessmentInput::single_leg_balance_left_eyes_open},
    {"single_leg_balance_right_eyes_closed", &d::AssessmentInput::single_leg_balance_right_eyes_closed},
    {"single_leg_balance_left_eyes_closed", &d::AssessmentInput::single_leg_balance_left_eyes_closed},
    {"single_leg_balance_score", &d::AssessmentInput::single_leg_balance_score},
    {"toe_touch_distance", &d::AssessmentInput::toe_touch_distance},
    {"shoulder_mobility_right", &d::AssessmentInput::shoulder_mobility_right},
    {"shoulder_mobility_left", &d::AssessmentInput::shoulder_mobility_left},
    {"shoulder_mobility_asymmetry", &d::AssessmentInput::shoulder_mobility_asymmetry},
    {"farmer_carry_weight", &d::AssessmentInput::farmer_carry_weight},
    {"farmer_carry_distance", &d::AssessmentInput::farmer_carry_distance},
    {"farmer_carry_time", &d::AssessmentInput::farmer_carry_time},
    {"farmer_carry_percentage", &d::AssessmentInput::farmer_carry_percentage},
    {"farmer_carry_score", &d::AssessmentInput::farmer_carry_score},
    {"harvard_step_test_duration", &d::AssessmentInput::harvard_step_test_duration},
};

const Field<std::optional<std::string>> text_fields[] = {
    {"notes", &d::AssessmentInput::notes},
    {"overhead_squat_notes", &d::AssessmentInput::overhead_squat_notes},
    {"push_up_notes", &d::AssessmentInput::push_up_notes},
    {"single_leg_balance_notes", &d::AssessmentInput::single_leg_balance_notes},
    {"toe_touch_notes", &d::AssessmentInput::toe_touch_notes},
    {"shoulder_mobility_notes", &d::AssessmentInput::shoulder_mobility_notes},
    {"farmer_carry_notes", &d::AssessmentInput::farmer_carry_notes},
    {"harvard_step_test_notes", &d::AssessmentInput::harvard_step_test_notes},
};

// Integers may arrive as 26 or 26.0; anything fractional, non-numeric or beyond int is a type error.
std::optional<int> as_int(const json& v) {
  if (v.is_number_integer()) {
    auto i = v.get<std::int64_t>();
    if (i >= std::numeric_limits<int>::min() && i <= std::numeric_limits<int>::max()) return static_cast<int>(i);
    return std::nullopt;
  }
  if (v.is_number_unsigned()) {
    auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<int>::max())) return static_cast<int>(u);
    return std::nullopt;
  }
  if (v.is_number_float()) {
    double x = v.get<double>();
    if (std::isfinite(x) && x == std::trunc(x) && std::fabs(x) <= std::numeric_limits<int>::max())
      return static_cast<int>(x);
  }
  return std::nullopt;
}

std::optional<double> as_real(const json& v) {
  if (!v.is_number()) return std::nullopt;
  double x = v.get<double>();
  return std::isfinite(x) ? std::optional<double>(x) : std::nullopt;
}

// Where each field of the tables above is: a body has some thirty keys, and comparing each with every field name
// was most of the time read_assessment_input took (issue 11).
struct FieldSlot {
  enum Kind : char { boolean, integer, real, text } kind;
  std::size_t index;
};
const std::unordered_map<std::string_view, FieldSlot>& field_slots() {
  static const auto* slots = [] {
    auto* m = new std::unordered_map<std::string_view, FieldSlot>;
    auto add = [&](const auto& fields, FieldSlot::Kind kind) {
      for (std::size_t k = 0; k < std::size(fields); ++k) m->emplace(fields[k].name, FieldSlot{kind, k});
    };
    add(bool_fields, FieldSlot::boolean);
    add(int_fields, FieldSlot::integer);
    add(real_fields, FieldSlot::real);
    add(text_fields, FieldSlot::text);
    return m;
  }();
  return *slots;
}

template <class T>
json nullable(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

FieldErrors read_assessment_input(const json& body, d::AssessmentInput& out,
                                  const std::set<std::string>& other_fields) {
  FieldErrors errors;
  if (!body.is_object()) return {{"non_field_errors", {"Invalid data. Expected a dictionary."}}};  // 잘못된 데이터입니다.
  const auto& slots = field_slots();
  for (const auto& item : body.items()) {
    // Named variables rather than a structured binding: clang 14 (the fuzz build) cannot capture those.
    const std::string& key = item.key();
    const json& value = item.value();
    auto bad = [&](std::string msg) { errors[key].push_back(std::move(msg)); };
    bool known = false;
    if (auto slot = slots.find(key); slot != slots.end()) {
      known = true;
      const std::size_t k = slot->second.index;
      switch (slot->second.kind) {
        case FieldSlot::boolean: {
          auto& f = bool_fields[k];
          if (value.is_null()) out.*f.member = false;
          else if (value.is_boolean()) out.*f.member = value.get<bool>();
          else bad(msg_boolean);
          break;
        }
        case FieldSlot::integer: {
          auto& f = int_fields[k];
          if (value.is_null()) (out.*f.member).reset();
          else if (auto i = as_int(value)) out.*f.member = *i;
          else bad(msg_integer);
          break;
        }
        case FieldSlot::real: {
          auto& f = real_fields[k];
          if (value.is_null()) (out.*f.member).reset();
          else if (auto x = as_real(value)) out.*f.member = *x;
          else bad(msg_number);
          break;
        }
        case FieldSlot::text: {
          auto& f = text_fields[k];
          if (value.is_null()) (out.*f.member).reset();
          else if (!value.is_string()) bad(msg_string);
          else if (auto t = d::trim(value.get_ref<const std::string&>()); t.empty()) (out.*f.member).reset();  // → NULL
          else out.*f.member = t;
          break;
        }
      }
    }
    if (key == "push_up_type") {
      known = true;
      if (value.is_null() || value == "standard") out.push_up_type = d::PushUpType::standard;
      else if (value == "modified") out.push_up_type = d::PushUpType::modified;
      else if (value == "wall") out.push_up_type = d::PushUpType::wall;
      else bad(invalid_choice_message(value));
    }
    if (key == "test_environment") {
      known = true;
      if (value.is_null() || value == "indoor") out.test_environment = d::TestEnvironment::indoor;
      else if (value == "outdoor") out.test_environment = d::TestEnvironment::outdoor;
      else bad(invalid_choice_message(value));
    }
    if (!known && !other_fields.count(key)) bad(msg_unknown);
  }
  d::round_measurements(out);
  return errors;
}

namespace {

// "26" → 26, "2.5" → 2.5, "abc" → "abc" (a type error later), "" → null. Decimal only: strtod's hexadecimal
// ("0x10" → 16), "inf" and "nan" are no measurement.
json form_number(const std::string& text) {
  if (text.empty()) return nullptr;
  const char* end = text.data() + text.size();
  long long i = 0;
  if (auto [p, ec] = std::from_chars(text.data(), end, i); ec == std::errc() && p == end) return i;
  double x = 0;
  if (auto [p, ec] = std::from_chars(text.data(), end, x, std::chars_format::general);
      ec == std::errc() && p == end && std::isfinite(x))
    return x;
  return text;
}

}  // namespace

json assessment_form_body(const std::vector<std::pair<std::string, std::string>>& fields) {
  auto value = [&](const char* name) -> std::optional<std::string> {
    for (const auto& [k, v] : fields)
      if (k == name) return d::trim(v);
    return std::nullopt;
  };
  json body = json::object();
  for (const auto& f : bool_fields) {
    auto v = value(f.name);
    body[f.name] = v && !v->empty() && *v != "false" && *v != "0";
  }
  for (const auto& f : int_fields) body[f.name] = form_number(value(f.name).value_or(""));
  for (const auto& f : real_fields) body[f.name] = form_number(value(f.name).value_or(""));
  for (const auto& f : text_fields) {
    auto v = value(f.name);
    body[f.name] = v && !v->empty() ? json(*v) : json(nullptr);
  }
  for (const char* choice : {"push_up_type", "test_environment"}) {
    auto v = value(choice);
    body[choice] = v && !v->empty() ? json(*v) : json(nullptr);
  }
  return body;
}

FieldErrors read_client_facts(const json& body, d::ClientFacts& out, const std::string& prefix) {
  FieldErrors errors;
  if (!body.is_object()) return {{prefix, {"Invalid data. Expected a dictionary."}}};
  for (const auto& [key, value] : body.items()) {
    const std::string field = prefix + "." + key;
    if (key == "age") {
      if (value.is_null()) out.age.reset();
      else if (auto i = as_int(value); !i) errors[field].push_back(msg_integer);
      // 나이는 1세 이상 120세 이하여야 합니다.
      else if (*i < 1 || *i > 120) errors[field].push_back("Age must be between 1 and 120.");
      else out.age = *i;
    } else if (key == "gender") {
      std::optional<d::Gender> g;
      if (value.is_string()) g = d::parse_gender(value.get<std::string>());
      if (value.is_null()) out.gender.reset();
      else if (!g) errors[field].push_back(invalid_choice_message(value));
      else out.gender = g;
    } else if (key == "weight") {
      if (value.is_null()) out.weight.reset();
      else if (auto x = as_real(value); !x) errors[field].push_back(msg_number);
      // 몸무게는 20kg 이상 500kg 이하여야 합니다.
      else if (*x < 20 || *x > 500) errors[field].push_back("Weight must be between 20 kg and 500 kg.");
      else out.weight = *x;
    } else {
      errors[field].push_back(msg_unknown);
    }
  }
  return errors;
}

std::string invalid_choice_message(const json& v) {
  // "{v}"이(가) 유효하지 않은 선택입니다.
  return i18n::args("\"{v}\" is not a valid choice.", {{"v", v.is_string() ? v.get<std::string>() : v.dump()}});
}

json detail_to_json(const d::DetailValue& v) {
  return std::visit(
      [](const auto& x) -> json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
        else if constexpr (std::is_same_v<T, d::DetailValue::Array>) {
          json a = json::array();
          for (const auto& e : x) a.push_back(detail_to_json(e));
          return a;
        } else if constexpr (std::is_same_v<T, d::DetailValue::Object>) {
          json o = json::object();
          for (const auto& [k, e] : x) o[k] = detail_to_json(e);
          return o;
        } else return x;
      },
      v.value);
}

namespace {

json percentile_json(const std::optional<d::Percentile>& p) {
  if (!p) return nullptr;
  return {{"measure", p->measure}, {"unit", p->unit},     {"percentile", p->percentile},
          {"top_percent", p->top_percent}, {"source", p->source}, {"year", p->year}};
}

}  // namespace

void write_assessment_input(json& out, const d::AssessmentInput& in) {
  for (const auto& f : bool_fields) out[f.name] = in.*f.member;
  for (const auto& f : int_fields)
    if (!std::string_view(f.name).ends_with("_score")) out[f.name] = nullable(in.*f.member);
  for (const auto& f : real_fields)
    if (!std::string_view(f.name).ends_with("_score")) out[f.name] = nullable(in.*f.member);
  for (const auto& f : text_fields) out[f.name] = nullable(in.*f.member);
  out["push_up_type"] = in.push_up_type == d::PushUpType::modified ? "modified"
                        : in.push_up_type == d::PushUpType::wall   ? "wall"
                                                                   : "standard";
  out["test_environment"] = in.test_environment == d::TestEnvironment::outdoor ? "outdoor" : "indoor";
}

json risk_factors_json(const d::InjuryRisk& r, std::optional<Lang> lang) {
  json factors = json::array();
  for (const auto& f : r.factors) {
    json factor = {{"code", f.code},
                   {"label_ko", f.label_ko},
                   {"label_en", f.label_en},
                   {"points", f.points},
                   {"details", detail_to_json(f.details)}};
    if (lang) factor["label"] = *lang == Lang::en ? f.label_en : f.label_ko;
    factors.push_back(std::move(factor));
  }
  return factors;
}

json mcq_category_scores_json(const d::McqResult& m) {
  json categories = json::object();
  if (m.has_responses)
    for (const auto& [code, score] : m.category_scores) categories[code] = nullable(score);
  return categories;
}

void write_evaluation(json& out, const d::Evaluation& e, Lang lang) {
  const bool en = lang == Lang::en;
  const auto& s = e.scores;
  out["overhead_squat_performed"] = s.overhead_squat_performed;
  out["overhead_squat_score"] = nullable(s.overhead_squat_score);
  out["push_up_score"] = nullable(s.push_up_score);
  out["single_leg_balance_score"] = nullable(s.single_leg_balance_score);
  out["toe_touch_score"] = nullable(s.toe_touch_score);
  out["shoulder_mobility_score"] = nullable(s.shoulder_mobility_score);
  out["farmer_carry_score"] = nullable(s.farmer_carry_score);
  out["harvard_step_test_score"] = nullable(s.harvard_step_test_score);
  out["overhead_squat_score_manual_override"] = s.overhead_squat_score_manual_override;
  out["push_up_score_manual_override"] = s.push_up_score_manual_override;
  out["single_leg_balance_score_manual_override"] = s.single_leg_balance_score_manual_override;
  out["toe_touch_score_manual_override"] = s.toe_touch_score_manual_override;
  out["farmer_carry_score_manual_override"] = s.farmer_carry_score_manual_override;
  out["harvard_step_test_score_manual_override"] = s.harvard_step_test_score_manual_override;
  out["harvard_step_test_pfi"] = nullable(s.harvard_step_test_pfi);
  out["farmer_carry_percentage"] = nullable(s.farmer_carry_percentage);
  out["farmer_carry_percentage_entered"] = s.farmer_carry_percentage_entered;
  out["shoulder_mobility_asymmetry"] = nullable(s.shoulder_mobility_asymmetry);
  out["strength_score"] = nullable(s.strength_score);
  out["mobility_score"] = nullable(s.mobility_score);
  out["balance_score"] = nullable(s.balance_score);
  out["cardio_score"] = nullable(s.cardio_score);
  out["overall_score"] = nullable(s.overall_score);
  out["is_complete"] = s.is_complete;

  const auto& r = e.risk;
  out["injury_risk_physical"] = r.physical;
  out["injury_risk_mcq"] = nullable(r.mcq);
  out["injury_risk_score"] = r.score;
  out["injury_risk_level"] = d::risk_level_label(r.level).code;
  out["injury_risk_level_display"] = en ? d::risk_level_label(r.level).en : d::risk_level_label(r.level).ko;
  out["risk_factors"] = risk_factors_json(r, lang);
  json concerns = json::array();
  for (auto i : r.primary_concerns) concerns.push_back(en ? r.factors[i].label_en : r.factors[i].label_ko);
  out["primary_concerns"] = std::move(concerns);

  auto category = [&](const char* code) {
    auto it = e.mcq.category_scores.find(code);
    return it == e.mcq.category_scores.end() ? json(nullptr) : nullable(it->second);
  };
  out["knowledge_score"] = category("knowledge");
  out["lifestyle_score"] = category("lifestyle");
  out["readiness_score"] = category("readiness");
  out["mcq_category_scores"] = mcq_category_scores_json(e.mcq);
  out["comprehensive_score"] = nullable(e.comprehensive_score);

  out["percentiles"] = {{"push_up", percentile_json(e.percentiles.push_up)},
                        {"harvard_step", percentile_json(e.percentiles.harvard_step)},
                        {"farmer_carry", percentile_json(e.percentiles.farmer_carry)},
                        {"overall", percentile_json(e.percentiles.overall)}};
  if (const auto& pa = e.performance_age)
    out["performance_age"] = {{"chronological_age", pa->chronological_age},
                              {"performance_age", pa->performance_age},
                              {"age_difference", pa->age_difference},
                              {"interpretation", en ? pa->interpretation_en : pa->interpretation_ko}};
  else
    out["performance_age"] = nullptr;
}

}  // namespace the5hc::service
