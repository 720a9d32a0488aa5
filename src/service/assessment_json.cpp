#include "service/assessment_json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
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

// --- The assessment as JSON text ----------------------------------------------------------------------------------

namespace {

void write_detail(JsonWriter& w, const d::DetailValue& v);

// A details object in key order, a key given twice written once with its last value (as a std::map keeps it). The
// keys are the rules' own names (written unescaped, as JsonWriter::key wants). Sorted by insertion: stable, no
// allocation for the few keys a rule gives, and one comparison a key when the rule gives them in order already.
void write_detail_object(JsonWriter& w, const d::DetailValue::Object& o) {
  using Entry = d::DetailValue::Object::value_type;
  const Entry* few[16];
  std::vector<const Entry*> many;
  const Entry** sorted = few;
  if (o.size() > std::size(few)) {
    many.resize(o.size());
    sorted = many.data();
  }
  std::size_t n = 0;
  for (const auto& e : o) {
    std::size_t i = n++;
    for (; i > 0 && e.first < sorted[i - 1]->first; --i) sorted[i] = sorted[i - 1];
    sorted[i] = &e;
  }
  w.begin_object();
  for (std::size_t i = 0; i < n; ++i)
    if (i + 1 == n || sorted[i + 1]->first != sorted[i]->first)
      write_detail(w.key(sorted[i]->first), sorted[i]->second);
  w.end_object();
}

void write_detail(JsonWriter& w, const d::DetailValue& v) {
  std::visit(
      [&w](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) w.null();
        else if constexpr (std::is_same_v<T, d::DetailValue::Array>) {
          w.begin_array();
          for (const auto& e : x) write_detail(w, e);
          w.end_array();
        } else if constexpr (std::is_same_v<T, d::DetailValue::Object>) write_detail_object(w, x);
        else w.value(x);
      },
      v.value);
}

void write_risk_factors(JsonWriter& w, const d::InjuryRisk& r, std::optional<Lang> lang) {
  w.begin_array();
  for (const auto& f : r.factors) {
    w.begin_object().field("code", f.code);
    write_detail_object(w.key("details"), f.details);
    if (lang) w.field("label", *lang == Lang::en ? f.label_en : f.label_ko);
    w.field("label_en", f.label_en).field("label_ko", f.label_ko).field("points", f.points).end_object();
  }
  w.end_array();
}

void write_mcq_category_scores(JsonWriter& w, const d::McqResult& m) {
  w.begin_object();
  if (m.has_responses)
    for (const auto& [code, score] : m.category_scores) w.data_key(code).value(score);  // a std::map: in key order
  w.end_object();
}

void write_percentile(JsonWriter& w, const std::optional<d::Percentile>& p) {
  if (!p) {
    w.null();
    return;
  }
  w.begin_object()
      .field("measure", p->measure)
      .field("percentile", p->percentile)
      .field("source", p->source)
      .field("top_percent", p->top_percent)
      .field("unit", p->unit)
      .field("year", p->year)
      .end_object();
}

void write_performance_age(JsonWriter& w, const std::optional<d::PerformanceAge>& pa, Lang lang) {
  if (!pa) {
    w.null();
    return;
  }
  w.begin_object()
      .field("age_difference", pa->age_difference)
      .field("chronological_age", pa->chronological_age)
      .field("interpretation", lang == Lang::en ? pa->interpretation_en : pa->interpretation_ko)
      .field("performance_age", pa->performance_age)
      .end_object();
}

// The members of an assessment's object, in key order. Each is written from the input or from the evaluation
// (or from either, the evaluation's preferred); the list is built and sorted once.
using Write = std::function<void(JsonWriter&, const AssessmentJson&)>;
struct Member {
  std::string_view key;
  Write from_input, from_evaluation;
};

template <class M>
Write input_field(M d::AssessmentInput::*field) {
  return [field](JsonWriter& w, const AssessmentJson& a) { w.value(a.input->*field); };
}
template <class M>
Write score_field(M d::AssessmentScores::*field) {
  return [field](JsonWriter& w, const AssessmentJson& a) { w.value(a.evaluation->scores.*field); };
}
Write mcq_category(const char* code) {
  return [code](JsonWriter& w, const AssessmentJson& a) {
    const auto& scores = a.evaluation->mcq.category_scores;
    auto it = scores.find(code);
    if (it == scores.end()) w.null();
    else w.value(it->second);
  };
}

std::vector<Member> assessment_members() {
  using S = d::AssessmentScores;
  std::vector<std::pair<std::string_view, Write>> input, evaluation;
  for (const auto& f : bool_fields) input.emplace_back(f.name, input_field(f.member));
  for (const auto& f : int_fields)
    if (!std::string_view(f.name).ends_with("_score")) input.emplace_back(f.name, input_field(f.member));
  for (const auto& f : real_fields)
    if (!std::string_view(f.name).ends_with("_score")) input.emplace_back(f.name, input_field(f.member));
  for (const auto& f : text_fields) input.emplace_back(f.name, input_field(f.member));
  input.emplace_back("push_up_type", [](JsonWriter& w, const AssessmentJson& a) {
    const auto t = a.input->push_up_type;
    w.value(t == d::PushUpType::modified ? "modified" : t == d::PushUpType::wall ? "wall" : "standard");
  });
  input.emplace_back("test_environment", [](JsonWriter& w, const AssessmentJson& a) {
    w.value(a.input->test_environment == d::TestEnvironment::outdoor ? "outdoor" : "indoor");
  });

  evaluation = {
      {"overhead_squat_performed", score_field(&S::overhead_squat_performed)},
      {"overhead_squat_score", score_field(&S::overhead_squat_score)},
      {"push_up_score", score_field(&S::push_up_score)},
      {"single_leg_balance_score", score_field(&S::single_leg_balance_score)},
      {"toe_touch_score", score_field(&S::toe_touch_score)},
      {"shoulder_mobility_score", score_field(&S::shoulder_mobility_score)},
      {"farmer_carry_score", score_field(&S::farmer_carry_score)},
      {"harvard_step_test_score", score_field(&S::harvard_step_test_score)},
      {"overhead_squat_score_manual_override", score_field(&S::overhead_squat_score_manual_override)},
      {"push_up_score_manual_override", score_field(&S::push_up_score_manual_override)},
      {"single_leg_balance_score_manual_override", score_field(&S::single_leg_balance_score_manual_override)},
      {"toe_touch_score_manual_override", score_field(&S::toe_touch_score_manual_override)},
      {"farmer_carry_score_manual_override", score_field(&S::farmer_carry_score_manual_override)},
      {"harvard_step_test_score_manual_override", score_field(&S::harvard_step_test_score_manual_override)},
      {"harvard_step_test_pfi", score_field(&S::harvard_step_test_pfi)},
      {"farmer_carry_percentage", score_field(&S::farmer_carry_percentage)},
      {"farmer_carry_percentage_entered", score_field(&S::farmer_carry_percentage_entered)},
      {"shoulder_mobility_asymmetry", score_field(&S::shoulder_mobility_asymmetry)},
      {"strength_score", score_field(&S::strength_score)},
      {"mobility_score", score_field(&S::mobility_score)},
      {"balance_score", score_field(&S::balance_score)},
      {"cardio_score", score_field(&S::cardio_score)},
      {"overall_score", score_field(&S::overall_score)},
      {"is_complete", score_field(&S::is_complete)},
      {"injury_risk_physical", [](JsonWriter& w, const AssessmentJson& a) { w.value(a.evaluation->risk.physical); }},
      {"injury_risk_mcq", [](JsonWriter& w, const AssessmentJson& a) { w.value(a.evaluation->risk.mcq); }},
      {"injury_risk_score", [](JsonWriter& w, const AssessmentJson& a) { w.value(a.evaluation->risk.score); }},
      {"injury_risk_level",
       [](JsonWriter& w, const AssessmentJson& a) { w.value(d::risk_level_label(a.evaluation->risk.level).code); }},
      {"injury_risk_level_display",
       [](JsonWriter& w, const AssessmentJson& a) {
         const auto& label = d::risk_level_label(a.evaluation->risk.level);
         w.value(a.lang == Lang::en ? label.en : label.ko);
       }},
      {"risk_factors",
       [](JsonWriter& w, const AssessmentJson& a) { write_risk_factors(w, a.evaluation->risk, a.lang); }},
      {"primary_concerns",
       [](JsonWriter& w, const AssessmentJson& a) {
         const auto& r = a.evaluation->risk;
         w.begin_array();
         for (auto i : r.primary_concerns) w.value(a.lang == Lang::en ? r.factors[i].label_en : r.factors[i].label_ko);
         w.end_array();
       }},
      {"knowledge_score", mcq_category("knowledge")},
      {"lifestyle_score", mcq_category("lifestyle")},
      {"readiness_score", mcq_category("readiness")},
      {"mcq_category_scores",
       [](JsonWriter& w, const AssessmentJson& a) { write_mcq_category_scores(w, a.evaluation->mcq); }},
      {"comprehensive_score",
       [](JsonWriter& w, const AssessmentJson& a) { w.value(a.evaluation->comprehensive_score); }},
      {"percentiles",
       [](JsonWriter& w, const AssessmentJson& a) {
         const auto& p = a.evaluation->percentiles;
         w.begin_object();
         write_percentile(w.key("farmer_carry"), p.farmer_carry);
         write_percentile(w.key("harvard_step"), p.harvard_step);
         write_percentile(w.key("overall"), p.overall);
         write_percentile(w.key("push_up"), p.push_up);
         w.end_object();
       }},
      {"performance_age",
       [](JsonWriter& w, const AssessmentJson& a) { write_performance_age(w, a.evaluation->performance_age, a.lang); }},
  };

  std::vector<Member> members;
  for (auto& [key, write] : input) members.push_back({key, std::move(write), {}});
  for (auto& item : evaluation) {  // not a structured binding: clang 14 (the fuzz build) cannot capture those
    auto same = std::find_if(members.begin(), members.end(), [&](const Member& m) { return m.key == item.first; });
    if (same == members.end()) members.push_back({item.first, {}, std::move(item.second)});
    else same->from_evaluation = std::move(item.second);
  }
  std::sort(members.begin(), members.end(), [](const Member& a, const Member& b) { return a.key < b.key; });
  return members;
}

}  // namespace

void write_assessment_object(JsonWriter& w, const AssessmentJson& a, std::vector<JsonMember> extra) {
  static const std::vector<Member> members = assessment_members();
  std::sort(extra.begin(), extra.end(), [](const JsonMember& x, const JsonMember& y) { return x.key < y.key; });
  auto next = extra.begin();
  auto extras_before = [&](std::string_view key) {
    for (; next != extra.end() && next->key < key; ++next) next->write(w.key(next->key));
  };
  w.begin_object();
  for (const auto& m : members) {
    extras_before(m.key);
    if (next != extra.end() && next->key == m.key) {
      next->write(w.key(m.key));
      ++next;
    } else if (a.evaluation && m.from_evaluation) {
      m.from_evaluation(w.key(m.key), a);
    } else if (a.input && m.from_input) {
      m.from_input(w.key(m.key), a);
    }
  }
  for (; next != extra.end(); ++next) next->write(w.key(next->key));
  w.end_object();
}

std::string risk_factors_json(const d::InjuryRisk& r, std::optional<Lang> lang) {
  JsonWriter w;
  write_risk_factors(w, r, lang);
  return w.take();
}

std::string mcq_category_scores_json(const d::McqResult& m) {
  JsonWriter w;
  write_mcq_category_scores(w, m);
  return w.take();
}

void write_assessment_input(json& out, const d::AssessmentInput& in) {
  JsonWriter w;
  write_assessment_object(w, {&in, nullptr});
  out.update(json::parse(w.text()));
}

json detail_to_json(const d::DetailValue& v) {
  JsonWriter w;
  write_detail(w, v);
  return json::parse(w.text());
}

}  // namespace the5hc::service
