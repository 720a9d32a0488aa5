#include "store/assessments.hpp"

#include <soci/soci.h>

#include <array>
#include <cmath>
#include <stdexcept>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>

#include "domain/rounding.hpp"
#include "domain/risk.hpp"
#include "store/batch_insert.hpp"
#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

namespace d = the5hc::domain;

const char* push_up_type_code(d::PushUpType t) {
  return t == d::PushUpType::modified ? "modified" : t == d::PushUpType::wall ? "wall" : "standard";
}

// Inputs, per-test scores and results: every column a write replaces.
Columns write_columns(const Assessment& a) {
  const auto& in = a.input;
  const auto& r = a.results;
  const auto& s = r.scores;
  return {
      {"client_id", val(a.meta.client_id)},
      {"trainer_id", val(a.meta.trainer_id)},
      {"date", val(a.meta.date)},
      {"client_age", val(a.meta.client_age)},
      {"client_weight", val(a.meta.client_weight)},
      {"test_environment", val(in.test_environment == d::TestEnvironment::outdoor ? "outdoor" : "indoor")},
      {"temperature", val(in.temperature)},
      {"notes", val(in.notes)},
      {"overhead_squat_performed", val(s.overhead_squat_performed)},
      {"overhead_squat_pain", val(in.overhead_squat_pain)},
      {"overhead_squat_knee_valgus", val(in.overhead_squat_knee_valgus)},
      {"overhead_squat_forward_lean", val(in.overhead_squat_forward_lean)},
      {"overhead_squat_heel_lift", val(in.overhead_squat_heel_lift)},
      {"overhead_squat_arm_drop", val(in.overhead_squat_arm_drop)},
      {"overhead_squat_notes", val(in.overhead_squat_notes)},
      {"overhead_squat_score", val(s.overhead_squat_score)},
      {"overhead_squat_score_manual_override", val(s.overhead_squat_score_manual_override)},
      {"push_up_reps", val(in.push_up_reps)},
      {"push_up_type", val(push_up_type_code(in.push_up_type))},
      {"push_up_notes", val(in.push_up_notes)},
      {"push_up_score", val(s.push_up_score)},
      {"push_up_score_manual_override", val(s.push_up_score_manual_override)},
      {"single_leg_balance_right_eyes_open", val(in.single_leg_balance_right_eyes_open)},
      {"single_leg_balance_left_eyes_open", val(in.single_leg_balance_left_eyes_open)},
      {"single_leg_balance_right_eyes_closed", val(in.single_leg_balance_right_eyes_closed)},
      {"single_leg_balance_left_eyes_closed", val(in.single_leg_balance_left_eyes_closed)},
      {"single_leg_balance_notes", val(in.single_leg_balance_notes)},
      {"single_leg_balance_score", val(s.single_leg_balance_score)},
      {"single_leg_balance_score_manual_override", val(s.single_leg_balance_score_manual_override)},
      {"toe_touch_distance", val(in.toe_touch_distance)},
      {"toe_touch_notes", val(in.toe_touch_notes)},
      {"toe_touch_score", val(s.toe_touch_score)},
      {"toe_touch_score_manual_override", val(s.toe_touch_score_manual_override)},
      {"shoulder_mobility_right", val(in.shoulder_mobility_right)},
      {"shoulder_mobility_left", val(in.shoulder_mobility_left)},
      {"shoulder_mobility_asymmetry", val(s.shoulder_mobility_asymmetry)},
      {"shoulder_mobility_pain", val(in.shoulder_mobility_pain)},
      {"shoulder_mobility_notes", val(in.shoulder_mobility_notes)},
      {"shoulder_mobility_score", val(s.shoulder_mobility_score)},
      {"farmer_carry_weight", val(in.farmer_carry_weight)},
      {"farmer_carry_distance", val(in.farmer_carry_distance)},
      {"farmer_carry_time", val(in.farmer_carry_time)},
      {"farmer_carry_percentage", val(s.farmer_carry_percentage)},
      {"farmer_carry_percentage_entered", val(s.farmer_carry_percentage_entered)},
      {"farmer_carry_notes", val(in.farmer_carry_notes)},
      {"farmer_carry_score", val(s.farmer_carry_score)},
      {"farmer_carry_score_manual_override", val(s.farmer_carry_score_manual_override)},
      {"harvard_step_test_hr1", val(in.harvard_step_test_hr1)},
      {"harvard_step_test_hr2", val(in.harvard_step_test_hr2)},
      {"harvard_step_test_hr3", val(in.harvard_step_test_hr3)},
      {"harvard_step_test_duration", val(in.harvard_step_test_duration)},
      {"harvard_step_test_notes", val(in.harvard_step_test_notes)},
      {"harvard_step_test_pfi", val(s.harvard_step_test_pfi)},
      {"harvard_step_test_score", val(s.harvard_step_test_score)},
      {"harvard_step_test_score_manual_override", val(s.harvard_step_test_score_manual_override)},
      {"strength_score", val(s.strength_score)},
      {"mobility_score", val(s.mobility_score)},
      {"balance_score", val(s.balance_score)},
      {"cardio_score", val(s.cardio_score)},
      {"overall_score", val(s.overall_score)},
      {"is_complete", val(s.is_complete)},
      {"injury_risk_physical", val(r.injury_risk_physical)},
      {"injury_risk_mcq", val(r.injury_risk_mcq)},
      {"injury_risk_score", val(r.injury_risk_score)},
      {"injury_risk_level", val(r.injury_risk_level)},
      {"risk_factors", val(r.risk_factors_json)},
      {"knowledge_score", val(r.knowledge_score)},
      {"lifestyle_score", val(r.lifestyle_score)},
      {"readiness_score", val(r.readiness_score)},
      {"mcq_category_scores", val(r.mcq_category_scores_json)},
      {"comprehensive_score", val(r.comprehensive_score)},
      {"is_legacy", val(a.is_legacy)},
      {"scored_at", val(a.scored_at)},
  };
}

// A write replaces every column of write_columns; an insert adds those set once.
Columns insert_columns(const Assessment& a) {
  Columns c{{"organization_id", val(a.meta.organization_id)},
            {"harvard_step_test_legacy_hr", val(a.harvard_step_test_legacy_hr)},
            {"created_by_id", val(a.created_by_id)},
            {"created_at", val(a.created_at)},
            {"updated_at", val(a.updated_at)}};
  auto w = write_columns(a);
  c.insert(c.end(), std::make_move_iterator(w.begin()), std::make_move_iterator(w.end()));
  return c;
}

std::string placeholder(SqlParams& p, const Value& v) {
  return std::visit([&](const auto& o) { return o ? p.add(*o) : std::string("NULL"); }, v);
}

const char* kSelect =
    "SELECT a.*, c.name AS client_name, c.gender AS client_gender, c.trainer_id AS client_trainer_id, "
    "u.name AS trainer_name FROM assessments a JOIN clients c ON c.id = a.client_id "
    "JOIN trainers t ON t.id = a.trainer_id JOIN users u ON u.id = t.user_id ";

// The columns to_assessment reads (kSelect's a.* and its joined names), found once per query rather than by name on
// every read: a hundred lookups of a name per row were a third of the assessment list (issue 11). slot() is
// evaluated while compiling, so a misspelt column name does not build.
constexpr std::string_view kReadColumns[] = {
    "id", "organization_id", "client_id", "trainer_id", "date", "client_age", "client_weight",
    "overhead_squat_performed", "overhead_squat_score", "overhead_squat_score_manual_override", "push_up_score",
    "push_up_score_manual_override", "single_leg_balance_score", "single_leg_balance_score_manual_override",
    "toe_touch_score", "toe_touch_score_manual_override", "shoulder_mobility_score", "shoulder_mobility_asymmetry",
    "farmer_carry_percentage", "farmer_carry_percentage_entered", "farmer_carry_score",
    "farmer_carry_score_manual_override", "harvard_step_test_pfi", "harvard_step_test_score",
    "harvard_step_test_score_manual_override", "strength_score", "mobility_score", "balance_score", "cardio_score",
    "overall_score", "is_complete", "injury_risk_physical", "injury_risk_mcq", "injury_risk_score",
    "injury_risk_level", "risk_factors", "mcq_category_scores", "knowledge_score", "lifestyle_score",
    "readiness_score", "comprehensive_score", "test_environment", "temperature", "notes", "overhead_squat_pain",
    "overhead_squat_knee_valgus", "overhead_squat_forward_lean", "overhead_squat_heel_lift",
    "overhead_squat_arm_drop", "overhead_squat_notes", "push_up_reps", "push_up_type", "push_up_notes",
    "single_leg_balance_right_eyes_open", "single_leg_balance_left_eyes_open",
    "single_leg_balance_right_eyes_closed", "single_leg_balance_left_eyes_closed", "single_leg_balance_notes",
    "toe_touch_distance", "toe_touch_notes", "shoulder_mobility_right", "shoulder_mobility_left",
    "shoulder_mobility_pain", "shoulder_mobility_notes", "farmer_carry_weight", "farmer_carry_distance",
    "farmer_carry_time", "farmer_carry_notes", "harvard_step_test_hr1", "harvard_step_test_hr2",
    "harvard_step_test_hr3", "harvard_step_test_duration", "harvard_step_test_notes", "harvard_step_test_legacy_hr",
    "is_legacy", "scored_at", "created_by_id", "created_at", "updated_at", "client_name", "client_gender",
    "client_trainer_id", "trainer_name"};
consteval std::size_t slot(std::string_view name) {
  for (std::size_t i = 0; i < std::size(kReadColumns); ++i)
    if (kReadColumns[i] == name) return i;
  throw "not a column of kReadColumns";
}
// Where each of kReadColumns is in this query's rows (all rows of one query share their columns).
struct ReadPositions {
  std::array<std::size_t, std::size(kReadColumns)> of{};
  explicit ReadPositions(const Row& r) {
    // Never destroyed: a request may still read rows while the process exits.
    static const auto& slots = *[] {
      auto* m = new std::unordered_map<std::string_view, std::size_t>;
      for (std::size_t k = 0; k < std::size(kReadColumns); ++k) m->emplace(kReadColumns[k], k);
      return m;
    }();
    std::vector<bool> found(std::size(kReadColumns), false);
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::string_view name = r.name(i);
      if (auto k = slots.find(name); k != slots.end() && !found[k->second]) {
        of[k->second] = i;
        found[k->second] = true;
      }
    }
    for (std::size_t k = 0; k < found.size(); ++k)
      if (!found[k]) throw std::runtime_error("no column " + std::string(kReadColumns[k]));
  }
};

template <class T>
std::optional<T> opt_int(const Row& r, std::size_t i) {
  auto v = get_opt_int(r, i);
  return v ? std::optional<T>(static_cast<T>(*v)) : std::nullopt;
}

Assessment to_assessment(const Row& r, const ReadPositions& at) {
  auto real = [&](std::size_t s) { return get_opt_real(r, at.of[s]); };
  auto text = [&](std::size_t s) { return get_opt_text(r, at.of[s]); };
  auto boolean = [&](std::size_t s) { return get_bool(r, at.of[s]); };
  Assessment a;
  a.id = get_int(r, at.of[slot("id")]);
  a.meta.organization_id = get_int(r, at.of[slot("organization_id")]);
  a.meta.client_id = get_int(r, at.of[slot("client_id")]);
  a.meta.trainer_id = get_int(r, at.of[slot("trainer_id")]);
  a.meta.date = get_text(r, at.of[slot("date")]);
  a.meta.client_age = static_cast<int>(get_int(r, at.of[slot("client_age")]));
  a.meta.client_weight = get_real(r, at.of[slot("client_weight")]);

  auto& s = a.results.scores;
  s.overhead_squat_performed = boolean(slot("overhead_squat_performed"));
  s.overhead_squat_score = opt_int<int>(r, at.of[slot("overhead_squat_score")]);
  s.overhead_squat_score_manual_override = boolean(slot("overhead_squat_score_manual_override"));
  s.push_up_score = opt_int<int>(r, at.of[slot("push_up_score")]);
  s.push_up_score_manual_override = boolean(slot("push_up_score_manual_override"));
  s.single_leg_balance_score = real(slot("single_leg_balance_score"));
  s.single_leg_balance_score_manual_override = boolean(slot("single_leg_balance_score_manual_override"));
  s.toe_touch_score = opt_int<int>(r, at.of[slot("toe_touch_score")]);
  s.toe_touch_score_manual_override = boolean(slot("toe_touch_score_manual_override"));
  s.shoulder_mobility_score = opt_int<int>(r, at.of[slot("shoulder_mobility_score")]);
  s.shoulder_mobility_asymmetry = real(slot("shoulder_mobility_asymmetry"));
  s.farmer_carry_percentage = real(slot("farmer_carry_percentage"));
  s.farmer_carry_percentage_entered = boolean(slot("farmer_carry_percentage_entered"));
  s.farmer_carry_score = real(slot("farmer_carry_score"));
  s.farmer_carry_score_manual_override = boolean(slot("farmer_carry_score_manual_override"));
  s.harvard_step_test_pfi = real(slot("harvard_step_test_pfi"));
  s.harvard_step_test_score = opt_int<int>(r, at.of[slot("harvard_step_test_score")]);
  s.harvard_step_test_score_manual_override = boolean(slot("harvard_step_test_score_manual_override"));
  s.strength_score = real(slot("strength_score"));
  s.mobility_score = real(slot("mobility_score"));
  s.balance_score = real(slot("balance_score"));
  s.cardio_score = real(slot("cardio_score"));
  s.overall_score = real(slot("overall_score"));
  s.is_complete = boolean(slot("is_complete"));
  auto& res = a.results;
  res.injury_risk_physical = real(slot("injury_risk_physical"));
  res.injury_risk_mcq = real(slot("injury_risk_mcq"));
  res.injury_risk_score = real(slot("injury_risk_score"));
  res.injury_risk_level = text(slot("injury_risk_level"));
  res.risk_factors_json = text(slot("risk_factors")).value_or("[]");
  res.mcq_category_scores_json = text(slot("mcq_category_scores")).value_or("{}");
  res.knowledge_score = real(slot("knowledge_score"));
  res.lifestyle_score = real(slot("lifestyle_score"));
  res.readiness_score = real(slot("readiness_score"));
  res.comprehensive_score = real(slot("comprehensive_score"));

  auto& in = a.input;
  in.test_environment = get_text(r, at.of[slot("test_environment")]) == "outdoor" ? d::TestEnvironment::outdoor
                                                                                  : d::TestEnvironment::indoor;
  in.temperature = real(slot("temperature"));
  in.notes = text(slot("notes"));
  in.overhead_squat_performed = s.overhead_squat_performed;
  in.overhead_squat_pain = boolean(slot("overhead_squat_pain"));
  in.overhead_squat_knee_valgus = boolean(slot("overhead_squat_knee_valgus"));
  in.overhead_squat_forward_lean = boolean(slot("overhead_squat_forward_lean"));
  in.overhead_squat_heel_lift = boolean(slot("overhead_squat_heel_lift"));
  in.overhead_squat_arm_drop = boolean(slot("overhead_squat_arm_drop"));
  in.overhead_squat_notes = text(slot("overhead_squat_notes"));
  if (s.overhead_squat_score_manual_override) in.overhead_squat_score = s.overhead_squat_score;
  in.push_up_reps = opt_int<int>(r, at.of[slot("push_up_reps")]);
  auto type = get_text(r, at.of[slot("push_up_type")]);
  in.push_up_type = type == "modified" ? d::PushUpType::modified
                    : type == "wall"   ? d::PushUpType::wall
                                       : d::PushUpType::standard;
  in.push_up_notes = text(slot("push_up_notes"));
  if (s.push_up_score_manual_override) in.push_up_score = s.push_up_score;
  in.single_leg_balance_right_eyes_open = real(slot("single_leg_balance_right_eyes_open"));
  in.single_leg_balance_left_eyes_open = real(slot("single_leg_balance_left_eyes_open"));
  in.single_leg_balance_right_eyes_closed = real(slot("single_leg_balance_right_eyes_closed"));
  in.single_leg_balance_left_eyes_closed = real(slot("single_leg_balance_left_eyes_closed"));
  in.single_leg_balance_notes = text(slot("single_leg_balance_notes"));
  if (s.single_leg_balance_score_manual_override) in.single_leg_balance_score = s.single_leg_balance_score;
  in.toe_touch_distance = real(slot("toe_touch_distance"));
  in.toe_touch_notes = text(slot("toe_touch_notes"));
  if (s.toe_touch_score_manual_override) in.toe_touch_score = s.toe_touch_score;
  in.shoulder_mobility_right = real(slot("shoulder_mobility_right"));
  in.shoulder_mobility_left = real(slot("shoulder_mobility_left"));
  // The table has no "entered" flag for the asymmetry: a stored value equal to |right − left| is the computed one
  // and must follow later edits of the sides, anything else was entered.
  in.shoulder_mobility_asymmetry = s.shoulder_mobility_asymmetry;
  if (in.shoulder_mobility_asymmetry && in.shoulder_mobility_right && in.shoulder_mobility_left &&
      *in.shoulder_mobility_asymmetry ==
          d::round1(std::fabs(*in.shoulder_mobility_right - *in.shoulder_mobility_left)))
    in.shoulder_mobility_asymmetry.reset();
  in.shoulder_mobility_pain = boolean(slot("shoulder_mobility_pain"));
  in.shoulder_mobility_notes = text(slot("shoulder_mobility_notes"));
  in.shoulder_mobility_score = s.shoulder_mobility_score;
  in.farmer_carry_weight = real(slot("farmer_carry_weight"));
  in.farmer_carry_distance = real(slot("farmer_carry_distance"));
  in.farmer_carry_time = real(slot("farmer_carry_time"));
  if (s.farmer_carry_percentage_entered) in.farmer_carry_percentage = s.farmer_carry_percentage;
  in.farmer_carry_notes = text(slot("farmer_carry_notes"));
  if (s.farmer_carry_score_manual_override) in.farmer_carry_score = s.farmer_carry_score;
  in.harvard_step_test_hr1 = opt_int<int>(r, at.of[slot("harvard_step_test_hr1")]);
  in.harvard_step_test_hr2 = opt_int<int>(r, at.of[slot("harvard_step_test_hr2")]);
  in.harvard_step_test_hr3 = opt_int<int>(r, at.of[slot("harvard_step_test_hr3")]);
  in.harvard_step_test_duration = real(slot("harvard_step_test_duration"));
  in.harvard_step_test_notes = text(slot("harvard_step_test_notes"));
  if (s.harvard_step_test_score_manual_override) in.harvard_step_test_score = s.harvard_step_test_score;

  a.harvard_step_test_legacy_hr = get_opt_int(r, at.of[slot("harvard_step_test_legacy_hr")]);
  a.is_legacy = boolean(slot("is_legacy"));
  a.scored_at = text(slot("scored_at"));
  a.created_by_id = get_opt_int(r, at.of[slot("created_by_id")]);
  a.created_at = get_text(r, at.of[slot("created_at")]);
  a.updated_at = get_text(r, at.of[slot("updated_at")]);
  a.client_name = get_text(r, at.of[slot("client_name")]);
  a.client_gender = get_text(r, at.of[slot("client_gender")]);
  a.client_trainer_id = get_int(r, at.of[slot("client_trainer_id")]);
  a.trainer_name = get_text(r, at.of[slot("trainer_name")]);
  return a;
}

std::string where(const AssessmentFilter& f, SqlParams& p) {
  std::string w = "WHERE 1 = 1";
  if (f.organization_id) w += " AND a.organization_id = " + p.add(*f.organization_id);
  if (f.only_client_trainer_id) w += " AND c.trainer_id = " + p.add(*f.only_client_trainer_id);
  for (const auto& term : f.search) {
    auto like = like_pattern(term);
    w += " AND (lower(c.name) LIKE " + p.add(like) + " ESCAPE '\\' OR lower(coalesce(a.notes, '')) LIKE " +
         p.add(like) + " ESCAPE '\\')";
  }
  if (f.client_id) w += " AND a.client_id = " + p.add(*f.client_id);
  if (f.trainer_id) w += " AND a.trainer_id = " + p.add(*f.trainer_id);
  if (f.date_from) w += " AND a.date >= " + p.add(*f.date_from);
  if (f.date_to) w += " AND a.date <= " + p.add(*f.date_to);
  if (f.push_up_type) w += " AND a.push_up_type = " + p.add(*f.push_up_type);
  if (f.test_environment) w += " AND a.test_environment = " + p.add(*f.test_environment);
  if (f.risk_level) w += " AND a.injury_risk_level = " + p.add(*f.risk_level);
  if (f.has_variations) {
    const std::string variations =
        "(a.push_up_type <> 'standard' OR a.farmer_carry_percentage_entered = 1 OR a.test_environment = 'outdoor' "
        "OR a.temperature IS NOT NULL)";
    w += *f.has_variations ? " AND " + variations : " AND NOT " + variations;
  }
  if (f.is_complete) w += " AND a.is_complete = " + p.add(std::int64_t{*f.is_complete ? 1 : 0});
  if (f.is_legacy) w += " AND a.is_legacy = " + p.add(std::int64_t{*f.is_legacy ? 1 : 0});
  auto range = [&](const char* column, const std::optional<std::pair<double, double>>& r) {
    if (r) w += std::string(" AND ") + column + " >= " + p.add(r->first) + " AND " + column + " < " + p.add(r->second);
  };
  range("a.overall_score", f.overall_range);
  range("a.strength_score", f.strength_range);
  range("a.mobility_score", f.mobility_range);
  return w;
}

std::string order_sql(const Sort<AssessmentSort>& sort) {
  if (sort.empty()) return order_sql({{AssessmentSort::date, true}, {AssessmentSort::created_at, true}});
  return order_by_sql(sort, [](AssessmentSort key, bool descending) {
    switch (key) {
      case AssessmentSort::overall_score: return directed("a.overall_score", descending);
      case AssessmentSort::injury_risk_score: return directed("a.injury_risk_score", descending);
      case AssessmentSort::created_at: return directed("a.created_at", descending);
      case AssessmentSort::id: return directed("a.id", descending);
      case AssessmentSort::date: break;
    }
    return directed("a.date", descending);
  }, "a.id");
}

}  // namespace

std::vector<Assessment> list_assessments(soci::session& sql, const AssessmentFilter& f,
                                         const Sort<AssessmentSort>& sort, int limit, int offset) {
  SqlParams p;
  std::string q = std::string(kSelect) + where(f, p) + " ORDER BY " + order_sql(sort) + " LIMIT " + std::to_string(limit) +
                  " OFFSET " + std::to_string(offset);
  std::vector<Assessment> out;
  std::optional<ReadPositions> at;
  for_each_row(sql, q, p, [&](const Row& r) {
    if (!at) at.emplace(r);
    out.push_back(to_assessment(r, *at));
  });
  return out;
}

std::int64_t count_assessments(soci::session& sql, const AssessmentFilter& f) {
  SqlParams p;
  const bool whole_organization = f.organization_id && !f.only_client_trainer_id && f.search.empty() && !f.client_id &&
                                  !f.trainer_id && !f.date_from && !f.date_to && !f.push_up_type &&
                                  !f.test_environment && !f.risk_level && !f.has_variations && !f.is_complete &&
                                  !f.is_legacy && !f.overall_range && !f.strength_range && !f.mobility_range;
  if (whole_organization)  // kept on the organisation's row (migration 0011) instead of counted
    return fetch_int(sql, "SELECT assessment_count FROM organizations WHERE id = " + p.add(*f.organization_id), p);
  // The join is there only for filters that read the client (every assessment has one: foreign key).
  const bool reads_client = f.only_client_trainer_id || !f.search.empty();
  return fetch_int(sql,
                   std::string("SELECT COUNT(*) FROM assessments a ") +
                       (reads_client ? "JOIN clients c ON c.id = a.client_id " : "") + where(f, p),
                   p);
}

std::optional<double> average_overall_score(soci::session& sql, const AssessmentFilter& f) {
  SqlParams p;
  std::optional<double> out;
  for_each_row(sql, "SELECT AVG(a.overall_score) FROM assessments a JOIN clients c ON c.id = a.client_id " + where(f, p), p,
               [&](const Row& r) { out = get_opt_real(r, 0); });
  return out;
}

std::optional<Assessment> find_assessment(soci::session& sql, std::int64_t id) {
  SqlParams p;
  std::optional<Assessment> out;
  for_each_row(sql, std::string(kSelect) + "WHERE a.id = " + p.add(id), p,
               [&](const Row& r) { out = to_assessment(r, ReadPositions(r)); });
  return out;
}

std::optional<std::int64_t> previous_assessment_id(soci::session& sql, const Assessment& a) {
  SqlParams p;
  std::string q = "SELECT id FROM assessments WHERE client_id = " + p.add(a.meta.client_id) + " AND (date < " +
                  p.add(a.meta.date) + " OR (date = " + p.add(a.meta.date) + " AND id < " + p.add(a.id) +
                  ")) ORDER BY date DESC, id DESC LIMIT 1";
  auto id = fetch_int(sql, q, p);
  return id ? std::optional<std::int64_t>(id) : std::nullopt;
}

Assessment assessment_row(const AssessmentWrite& w, std::optional<std::int64_t> created_by, const std::string& now) {
  const auto& e = w.evaluation;
  auto category = [&](const char* code) -> std::optional<double> {
    auto it = e.mcq.category_scores.find(code);
    return it == e.mcq.category_scores.end() ? std::nullopt : it->second;
  };
  Assessment a;
  a.meta = w.meta;
  a.input = w.input;
  auto& r = a.results;
  r.scores = e.scores;
  r.injury_risk_physical = e.risk.physical;
  r.injury_risk_mcq = e.risk.mcq;
  r.injury_risk_score = e.risk.score;
  r.injury_risk_level = d::risk_level_label(e.risk.level).code;
  r.risk_factors_json = w.risk_factors_json;
  r.mcq_category_scores_json = w.mcq_category_scores_json;
  r.knowledge_score = category("knowledge");
  r.lifestyle_score = category("lifestyle");
  r.readiness_score = category("readiness");
  r.comprehensive_score = e.comprehensive_score;
  a.scored_at = w.scored_at;
  a.created_by_id = created_by;
  a.created_at = a.updated_at = now;
  return a;
}

std::int64_t insert_assessment(RowBatches& batches, const Assessment& a) {
  return batches.add("assessments", insert_columns(a));
}

Assessment insert_assessment_read_back(soci::session& sql, const Assessment& a) {
  auto columns = insert_columns(a);
  columns.push_back({"id", val(insert_row(sql, "assessments", columns))});
  // kSelect's joined names, through the same joins.
  SqlParams p;
  auto joined = first_row(
      sql,
      "SELECT c.name, c.gender, c.trainer_id, u.name FROM clients c JOIN trainers t ON t.id = " +
          p.add(a.meta.trainer_id) + " JOIN users u ON u.id = t.user_id WHERE c.id = " + p.add(a.meta.client_id),
      p, [](const Row& r) {
        return Columns{{"client_name", val(get_text(r, 0))}, {"client_gender", val(get_text(r, 1))},
                       {"client_trainer_id", val(get_int(r, 2))}, {"trainer_name", val(get_text(r, 3))}};
      });
  if (!joined) throw std::runtime_error("insert_assessment_read_back: the row has no client or trainer");
  columns.insert(columns.end(), std::make_move_iterator(joined->begin()), std::make_move_iterator(joined->end()));
  // The written values as a result row, read by the reader of stored rows: what to_assessment derives from the
  // columns (the input's manual scores, the computed asymmetry...) is derived the same way.
  Row row;
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (const auto& c : columns) names.emplace_back(c.name);
  row.lay_out(std::move(names));
  for (std::size_t i = 0; i < columns.size(); ++i)
    std::visit(
        [&](const auto& v) {
          using T = typename std::decay_t<decltype(v)>::value_type;
          if (!v) row.set_null(i);
          else if constexpr (std::is_same_v<T, std::int64_t>) row.set_int(i, *v);
          else if constexpr (std::is_same_v<T, double>) row.set_real(i, *v);
          else row.set_text(i, v->data(), v->size());
        },
        columns[i].value);
  // Every such row has the same columns in the same order: where each one is, found once.
  static const ReadPositions at(row);
  return to_assessment(row, at);
}

void update_assessment(soci::session& sql, std::int64_t id, const AssessmentWrite& w, const std::string& now) {
  SqlParams p;
  std::string set = "updated_at = " + p.add(now);
  for (const auto& c : write_columns(assessment_row(w, std::nullopt, now)))
    set += std::string(", ") + c.name + " = " + placeholder(p, c.value);
  execute(sql, "UPDATE assessments SET " + set + " WHERE id = " + p.add(id), p);
}

void update_assessment_meta(soci::session& sql, std::int64_t id, const std::string& date, std::int64_t trainer_id,
                            const std::optional<std::string>& notes, const std::string& now) {
  SqlParams p;
  execute(sql,
          "UPDATE assessments SET date = " + p.add(date) + ", trainer_id = " + p.add(trainer_id) +
              ", notes = " + (notes ? p.add(*notes) : std::string("NULL")) + ", updated_at = " + p.add(now) +
              " WHERE id = " + p.add(id),
          p);
}

void delete_assessment(soci::session& sql, std::int64_t id) {
  long long v = id;
  sql << "DELETE FROM assessments WHERE id = :id", soci::use(v);  // responses and reports cascade
}

std::vector<std::int64_t> assessment_ids(soci::session& sql, std::optional<std::int64_t> organization_id,
                                         bool include_legacy, std::int64_t after_id, int limit) {
  SqlParams p;
  std::string q = "SELECT id FROM assessments WHERE id > " + p.add(after_id);
  if (organization_id) q += " AND organization_id = " + p.add(*organization_id);
  if (!include_legacy) q += " AND is_legacy = 0";
  q += " ORDER BY id LIMIT " + std::to_string(limit);
  std::vector<std::int64_t> ids;
  for_each_row(sql, q, p, [&](const Row& r) { ids.push_back(get_int(r, 0)); });
  return ids;
}

}  // namespace the5hc::store
