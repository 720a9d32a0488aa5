#include "service/assessments.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "service/assessment_json.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/assessment_validation.hpp"
#include "domain/client_rules.hpp"
#include "domain/grades.hpp"
#include "domain/legacy_rescoring.hpp"
#include "domain/report_rules.hpp"
#include "domain/rounding.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/bookkeeping.hpp"
#include "service/notifications.hpp"
#include "service/clients.hpp"
#include "store/clients.hpp"
#include "store/database.hpp"
#include "store/mcq.hpp"
#include "store/organizations.hpp"
#include "store/reference_data.hpp"

namespace the5hc::service {
namespace {

namespace d = the5hc::domain;
using nlohmann::json;

std::chrono::sys_days days_of(const Date& dt) {
  return std::chrono::sys_days{std::chrono::year{dt.year} / dt.month / dt.day};
}

d::ClientFacts facts_of(const store::AssessmentMeta& m, const std::string& gender) {
  return {m.client_age, d::parse_gender(gender), m.client_weight};
}

std::vector<d::McqResponse> responses_of(soci::session& sql, std::int64_t assessment_id) {
  std::vector<d::McqResponse> out;
  for (auto& r : store::load_mcq_responses(sql, assessment_id)) out.push_back(std::move(r.response));
  return out;
}

// Scores `input` and fills the write with the results and their stored JSON renderings.
store::AssessmentWrite scored(const store::AssessmentMeta& meta, const d::AssessmentInput& input,
                              const std::string& gender, const std::vector<d::McqResponse>& responses,
                              const LoadedReference& ref, const std::string& now) {
  store::AssessmentWrite w{meta, input, d::evaluate_assessment(input, facts_of(meta, gender), responses, ref.ref())};
  w.risk_factors_json = risk_factors_json(w.evaluation.risk, std::nullopt);  // the request picks "label"
  w.mcq_category_scores_json = mcq_category_scores_json(w.evaluation.mcq);
  w.scored_at = now;
  return w;
}

// The clients an actor may assess, by name (the form's select and the list's filter).
std::vector<store::Client> visible_clients(soci::session& sql, const Actor& actor) {
  if (!actor.is_superuser && !actor.organization_id) return {};
  store::ClientFilter f;
  f.organization_id = actor.organization_id;
  f.only_trainer_id = own_clients_only(actor);
  return store::list_clients(sql, f, {{store::ClientSort::name, false}}, 100000, 0);
}

d::RecordedScores recorded_scores(const d::AssessmentScores& s) {
  return {s.overhead_squat_score, s.push_up_score,      s.toe_touch_score, s.shoulder_mobility_score,
          s.harvard_step_test_score, s.single_leg_balance_score, s.farmer_carry_score};
}

// A legacy row shown as recorded: its stored scores, no risk factors, percentiles from the stored measures.
d::Evaluation recorded_evaluation(const store::Assessment& a, const LoadedReference& ref) {
  d::Evaluation e;
  e.scores = a.results.scores;
  e.risk.physical = a.results.injury_risk_physical.value_or(0);
  e.risk.mcq = a.results.injury_risk_mcq;
  e.risk.score = a.results.injury_risk_score.value_or(e.risk.physical);
  e.risk.level = d::risk_level(e.risk.score);
  e.comprehensive_score = a.results.comprehensive_score;
  auto facts = facts_of(a.meta, a.client_gender);
  e.percentiles = d::compute_percentiles(a.input, e.scores, facts, ref.norms);
  e.performance_age = d::performance_age(e.scores.overall_score, facts, ref.norms);
  return e;
}

AssessmentView view_of(soci::session& sql, const Context& ctx, const store::Assessment& a,
                       const LoadedReference& ref) {
  AssessmentView v{a, {}, organization_zone(sql, ctx, a.meta.organization_id)};
  if (a.is_legacy) v.evaluation = recorded_evaluation(a, ref);
  else
    v.evaluation = d::evaluate_assessment(a.input, facts_of(a.meta, a.client_gender), responses_of(sql, a.id), ref.ref());
  return v;
}

// The client named in a write: visible, else 400 with the "invalid pk" message (API.md §1.4).
store::Client referenced_client(soci::session& sql, const Context& ctx, std::int64_t id) {
  try {
    return visible_client(sql, ctx, id, d::Action::edit_assessment);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::not_found) throw;
    throw Error::field("client", i18n::args("Invalid pk \"{id}\" - object does not exist.", {{"id", std::to_string(id)}}));
  }
}

// The conducting trainer: owners, seniors and superusers may name one of the organisation's trainers; otherwise
// the actor's own trainer profile, or the client's trainer when the actor has none (DOMAIN.md §1.6).
std::int64_t conducting_trainer(soci::session& sql, const Context& ctx, const store::Client& client,
                                std::optional<std::int64_t> requested, std::optional<std::int64_t> current) {
  const auto& actor = require_actor(ctx);
  bool chooses = !own_clients_only(actor);  // owners, seniors and superusers
  if (chooses && requested) {
    auto t = store::find_trainer(sql, *requested);
    if (!t || t->organization_id != client.organization_id)
      throw Error::field("trainer", i18n::args("Invalid pk \"{id}\" - object does not exist.",
                                               {{"id", std::to_string(*requested)}}));
    return t->id;
  }
  if (current) return *current;
  return actor.trainer_id.value_or(client.fields.trainer_id);
}

// Field errors of the inputs and the date ("not in the future" in the organisation's zone).
std::string checked_date(const Context& ctx, const AssessmentDraft& draft, const std::string& zone,
                         const std::optional<std::string>& current) {
  FieldErrors errors = d::validate_assessment_input(draft.input);
  for (const auto& [field, msgs] : draft.input_errors) errors[field] = msgs;
  const Date today = local_date(ctx.clock.now(), zone);
  std::string date = draft.date.value_or(current.value_or(today.str()));
  if (auto dt = parse_date(date)) errors.merge(d::validate_assessment_date(days_of(*dt), days_of(today)));
  if (!errors.empty()) throw Error::validation(errors);
  return date;
}

json audit_summary(const store::AssessmentWrite& w) {
  const auto& s = w.evaluation.scores;
  auto n = [](const auto& v) { return v ? json(*v) : json(nullptr); };
  return {{"client", w.meta.client_id},       {"date", w.meta.date},          {"trainer", w.meta.trainer_id},
          {"overall_score", n(s.overall_score)}, {"injury_risk_score", w.evaluation.risk.score}};
}

}  // namespace

store::Assessment visible_assessment(soci::session& sql, const Context& ctx, std::int64_t id, d::Action action) {
  auto a = store::find_assessment(sql, id);
  if (!a) throw Error::not_found();
  d::Target t;
  t.organization_id = a->meta.organization_id;
  t.trainer_id = a->client_trainer_id;
  authorize(ctx, action, t);
  return *a;
}

std::shared_ptr<const LoadedReference> load_reference(soci::session& sql) {
  // Scoring and every assessment view need the whole reference set; reading it costs dozens of rows per request,
  // so it is kept in memory per database and re-read only when its stamp changes (any write to the reference
  // tables, also from another process such as `seed-standards`). The stamp is read in the caller's transaction,
  // so the data always matches the snapshot the caller sees.
  struct Cached {
    store::ReferenceStamp stamp;
    std::shared_ptr<const LoadedReference> data;
  };
  static std::mutex mutex;
  static std::vector<Cached> cache;  // one entry per database instance (tests open several)
  auto stamp = store::reference_stamp(sql);
  {
    std::lock_guard lock(mutex);
    for (const auto& c : cache)
      if (c.stamp == stamp) return c.data;
  }
  auto data = std::make_shared<const LoadedReference>(
      LoadedReference{store::load_test_standards(sql), store::load_normative_data(sql), store::load_mcq_bank(sql)});
  std::lock_guard lock(mutex);
  auto same_db = std::find_if(cache.begin(), cache.end(), [&](const Cached& c) { return c.stamp.instance == stamp.instance; });
  if (same_db != cache.end()) *same_db = {stamp, data};
  else cache.push_back({stamp, data});
  return data;
}

store::AssessmentWrite rescore(soci::session& sql, const store::Assessment& row, const LoadedReference& ref,
                               const std::string& now) {
  d::AssessmentInput input = row.input;
  if (row.is_legacy) input = d::legacy_rescore_input(row.input, recorded_scores(row.results.scores));
  return scored(row.meta, input, row.client_gender, responses_of(sql, row.id), ref, now);
}

AssessmentList list_assessments(const Context& ctx, const AssessmentQuery& q) {
  const auto& actor = require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    AssessmentList out;
    out.zone = organization_zone(sql, ctx, actor.organization_id);
    if (!actor.is_superuser && !actor.organization_id) return out;
    store::AssessmentFilter f;
    f.organization_id = actor.organization_id;
    f.only_client_trainer_id = own_clients_only(actor);
    f.search = q.search;
    f.client_id = q.client_id;
    f.trainer_id = q.trainer_id;
    f.date_from = q.date_from;
    f.date_to = q.date_to;
    f.push_up_type = q.push_up_type;
    f.test_environment = q.test_environment;
    f.risk_level = q.risk_level;
    f.has_variations = q.has_variations;
    f.is_complete = q.is_complete;
    f.is_legacy = q.is_legacy;
    auto band_range = [](const std::optional<std::string>& text) -> std::optional<std::pair<double, double>> {
      if (!text) return std::nullopt;
      auto band = d::parse_score_band(*text);
      if (!band) return std::nullopt;
      return std::pair{band->min, band->max >= 100 ? 1e9 : band->max + 1};
    };
    f.overall_range = band_range(q.score_range);
    f.strength_range = band_range(q.strength_range);
    f.mobility_range = band_range(q.mobility_range);
    out.count = store::count_assessments(sql, f);
    out.results = store::list_assessments(sql, f, q.sort, q.limit, q.offset);
    if (q.with_overview) {
      out.average_overall = store::average_overall_score(sql, f);
      out.clients = visible_clients(sql, actor);
    }
    return out;
  });
}

AssessmentList client_assessments(const Context& ctx, std::int64_t client_id) {
  return ctx.db.read([&](soci::session& sql) {
    auto client = visible_client(sql, ctx, client_id, d::Action::view_assessment);
    AssessmentList out;
    out.zone = organization_zone(sql, ctx, client.organization_id);
    store::AssessmentFilter f;
    f.client_id = client_id;
    out.results = store::list_assessments(sql, f, {{store::AssessmentSort::date, true}}, 100000, 0);
    out.count = static_cast<std::int64_t>(out.results.size());
    return out;
  });
}

AssessmentView assessment_view(soci::session& sql, const Context& ctx, const store::Assessment& a) {
  return view_of(sql, ctx, a, *load_reference(sql));
}

AssessmentView get_assessment(const Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) {
    auto a = visible_assessment(sql, ctx, id, d::Action::view_assessment);
    return view_of(sql, ctx, a, *load_reference(sql));
  });
}

namespace {

// Create and preview share everything but the INSERT.
struct Prepared {
  store::Client client;
  store::AssessmentWrite write;
  std::string zone;
};

Prepared prepare_new(soci::session& sql, const Context& ctx, const AssessmentDraft& draft) {
  if (!draft.client_id) {
    FieldErrors errors = draft.input_errors;
    if (!errors.count("client")) errors["client"].push_back("This field is required.");
    throw Error::validation(errors);
  }
  auto client = referenced_client(sql, ctx, *draft.client_id);
  const std::string zone = organization_zone(sql, ctx, client.organization_id);
  store::AssessmentMeta meta;
  meta.organization_id = client.organization_id;
  meta.client_id = client.id;
  meta.trainer_id = conducting_trainer(sql, ctx, client, draft.trainer_id, std::nullopt);
  meta.date = checked_date(ctx, draft, zone, std::nullopt);
  meta.client_age = client.fields.age;  // the snapshot scoring uses from now on
  meta.client_weight = client.fields.weight;
  const std::string now = format_timestamp(ctx.clock.now());
  auto w = scored(meta, draft.input, client.fields.gender, {}, *load_reference(sql), now);
  return {client, std::move(w), zone};
}

// Whether what prepare_new read still holds inside the write: the client (visible, same organisation, and the
// age, gender, weight and name that scoring, the audit and the notification used) and the conducting trainer.
bool still_current(soci::session& sql, const Context& ctx, const AssessmentDraft& draft, const Prepared& p) {
  auto client = referenced_client(sql, ctx, *draft.client_id);  // throws as prepare_new would
  const auto& was = p.client;
  return client.organization_id == was.organization_id && client.fields.age == was.fields.age &&
         client.fields.gender == was.fields.gender && client.fields.weight == was.fields.weight &&
         client.fields.name == was.fields.name &&
         conducting_trainer(sql, ctx, client, draft.trainer_id, std::nullopt) == p.write.meta.trainer_id;
}

}  // namespace

AssessmentView create_assessment(const Context& ctx, const AssessmentDraft& draft) {
  // Validation and scoring read the database but change nothing, so they run before the write, in the request's
  // read transaction: the group-commit writer — one thread for every write of the process — then only checks that
  // what they read still holds, inserts and answers (issue 11). Invalid input never reaches the writer.
  auto p = ctx.db.read([&](soci::session& sql) { return prepare_new(sql, ctx, draft); });
  const std::int64_t created_by = require_actor(ctx).user_id;
  auto row = store::assessment_row(p.write, created_by, format_timestamp(ctx.clock.now()));
  auto summary = audit_summary(p.write).dump();
  return ctx.db.write([&](soci::session& sql) {
    if (!still_current(sql, ctx, draft, p)) {  // changed in between (rare): prepared again, here
      p = prepare_new(sql, ctx, draft);
      row = store::assessment_row(p.write, created_by, format_timestamp(ctx.clock.now()));
      summary = audit_summary(p.write).dump();
    }
    auto stored = store::insert_assessment_read_back(sql, row);
    const auto id = stored.id;
    audit(sql, ctx, "assessment_created", "assessment", id, p.client.fields.name + " " + p.write.meta.date,
          p.client.organization_id, {std::nullopt, summary});
    const auto& overall = p.write.evaluation.scores.overall_score;
    notify(sql, ctx, "assessment_completed",
           {{"client", p.client.fields.name}, {"overall", overall ? d::format1(*overall) : std::string("-")}},
           {p.client.organization_id, "assessment", id, "/assessments/" + std::to_string(id) + "/"});
    // The evaluation just computed is the view's (a new assessment has no MCQ responses yet), and the row the one
    // just written: scoring it again or reading it back would keep the group-commit writer busy for nothing.
    return AssessmentView{std::move(stored), std::move(p.write.evaluation), p.zone};
  });
}

namespace {

// What a preview shows of a write that is not stored (id 0).
AssessmentView unsaved_view(soci::session& sql, const Prepared& p) {
  AssessmentView v;
  v.row.meta = p.write.meta;
  v.row.input = p.write.input;
  v.row.client_name = p.client.fields.name;
  v.row.client_gender = p.client.fields.gender;
  v.row.client_trainer_id = p.client.fields.trainer_id;
  if (auto t = store::find_trainer(sql, p.write.meta.trainer_id)) v.row.trainer_name = t->name;
  v.row.results.scores = p.write.evaluation.scores;
  v.evaluation = p.write.evaluation;
  v.zone = p.zone;
  return v;
}

}  // namespace

AssessmentView preview_assessment(const Context& ctx, const AssessmentDraft& draft) {
  return ctx.db.read([&](soci::session& sql) { return unsaved_view(sql, prepare_new(sql, ctx, draft)); });
}

AssessmentView preview_assessment_update(const Context& ctx, std::int64_t id, const AssessmentDraft& draft) {
  return ctx.db.read([&](soci::session& sql) {
    auto current = visible_assessment(sql, ctx, id, d::Action::edit_assessment);
    auto client = *store::find_client_record(sql, current.meta.client_id);
    const std::string zone = organization_zone(sql, ctx, current.meta.organization_id);
    store::AssessmentMeta meta = current.meta;
    meta.date = checked_date(ctx, draft, zone, current.meta.date);
    d::AssessmentInput input = draft.input;
    if (current.is_legacy) input = d::legacy_rescore_input(input, recorded_scores(current.results.scores));
    auto w = scored(meta, input, client.fields.gender, responses_of(sql, id), *load_reference(sql),
                    format_timestamp(ctx.clock.now()));
    return unsaved_view(sql, Prepared{client, std::move(w), zone});
  });
}

AssessmentView update_assessment(const Context& ctx, std::int64_t id, const DraftReader& read_draft) {
  return ctx.db.write([&](soci::session& sql) {
    auto current = visible_assessment(sql, ctx, id, d::Action::edit_assessment);
    const AssessmentDraft draft = read_draft(current.input);
    if (draft.client_id && *draft.client_id != current.meta.client_id)
      throw Error::field("client", "The client of an assessment cannot be changed.");  // 평가의 회원은 변경할 수 없습니다.
    auto client = *store::find_client_record(sql, current.meta.client_id);
    const std::string zone = organization_zone(sql, ctx, current.meta.organization_id);
    const std::string now = format_timestamp(ctx.clock.now());
    store::AssessmentMeta meta = current.meta;
    meta.trainer_id = conducting_trainer(sql, ctx, client, draft.trainer_id, current.meta.trainer_id);
    meta.date = checked_date(ctx, draft, zone, current.meta.date);
    json before = {{"date", current.meta.date}, {"trainer", current.meta.trainer_id},
                   {"overall_score", current.results.scores.overall_score ? json(*current.results.scores.overall_score)
                                                                          : json(nullptr)}};
    json after;
    if (current.is_legacy && !draft.touches_tests) {
      store::update_assessment_meta(sql, id, meta.date, meta.trainer_id, draft.input.notes, now);
      after = {{"date", meta.date}, {"trainer", meta.trainer_id}};
    } else {
      const auto reference = load_reference(sql);  // keeps the shared set alive while ref is used
      const LoadedReference& ref = *reference;
      d::AssessmentInput input = draft.input;
      if (current.is_legacy) input = d::legacy_rescore_input(input, recorded_scores(current.results.scores));
      auto w = scored(meta, input, client.fields.gender, responses_of(sql, id), ref, now);
      store::update_assessment(sql, id, w, now);
      after = audit_summary(w);
    }
    audit(sql, ctx, "assessment_updated", "assessment", id, client.fields.name + " " + meta.date,
          current.meta.organization_id, {before.dump(), after.dump()});
    return view_of(sql, ctx, *store::find_assessment(sql, id), *load_reference(sql));
  });
}

void delete_assessment(const Context& ctx, std::int64_t id) {
  ctx.db.write([&](soci::session& sql) {
    auto a = visible_assessment(sql, ctx, id, d::Action::delete_assessment);
    store::delete_assessment(sql, id);
    audit(sql, ctx, "assessment_deleted", "assessment", id, a.client_name + " " + a.meta.date, a.meta.organization_id,
          {json{{"client", a.meta.client_id}, {"date", a.meta.date}}.dump(), std::nullopt});
  });
}

Comparison compare_with_previous(const Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) {
    auto a = visible_assessment(sql, ctx, id, d::Action::view_assessment);
    auto previous_id = store::previous_assessment_id(sql, a);
    // 이전 평가 기록이 없습니다.
    if (!previous_id) throw Error::not_found("There is no previous assessment.");
    const auto reference = load_reference(sql);  // keeps the shared set alive while ref is used
    const LoadedReference& ref = *reference;
    auto previous = *store::find_assessment(sql, *previous_id);
    int days = days_between(*parse_date(previous.meta.date), *parse_date(a.meta.date));
    return Comparison{view_of(sql, ctx, a, ref), view_of(sql, ctx, previous, ref), days};
  });
}

AssessmentOverview assessment_overview(const Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) {
    auto a = visible_assessment(sql, ctx, id, d::Action::view_assessment);
    const auto reference = load_reference(sql);  // keeps the shared set alive while ref is used
    const LoadedReference& ref = *reference;
    AssessmentOverview out;
    out.view = view_of(sql, ctx, a, ref);
    if (auto previous_id = store::previous_assessment_id(sql, a))
      out.previous = view_of(sql, ctx, *store::find_assessment(sql, *previous_id), ref);
    store::ReportFilter reports;
    reports.scope = visibility_scope(ctx);
    reports.assessment_id = id;
    out.reports = store::list_reports(sql, reports);
    out.mcq_categories = store::list_mcq_categories(sql, true);
    return out;
  });
}

AssessmentFormData assessment_form(const Context& ctx, std::optional<std::int64_t> client_id,
                                   std::optional<std::int64_t> assessment_id) {
  const auto& actor = require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    AssessmentFormData out;
    if (assessment_id) {
      auto a = visible_assessment(sql, ctx, *assessment_id, d::Action::edit_assessment);
      out.assessment = view_of(sql, ctx, a, *load_reference(sql));
      client_id = a.meta.client_id;
    }
    const std::string zone = organization_zone(sql, ctx, actor.organization_id);
    out.today = local_date(ctx.clock.now(), zone).str();
    out.clients = visible_clients(sql, actor);
    if (client_id)
      for (const auto& c : out.clients)
        if (c.id == *client_id) out.client = c;
    // a client named in the address but not visible is simply not chosen (the select stays open)
    return out;
  });
}

std::vector<AssessmentView> compare_assessments(const Context& ctx, const std::vector<std::int64_t>& ids) {
  if (auto errors = d::validate_comparison_count(ids.size()); !errors.empty()) throw Error::validation(errors);
  return ctx.db.read([&](soci::session& sql) {
    const auto reference = load_reference(sql);  // keeps the shared set alive while ref is used
    const LoadedReference& ref = *reference;
    std::vector<AssessmentView> views;
    for (auto id : ids)
      views.push_back(view_of(sql, ctx, visible_assessment(sql, ctx, id, d::Action::view_assessment), ref));
    return views;
  });
}

}  // namespace the5hc::service
