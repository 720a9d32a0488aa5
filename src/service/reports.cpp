#include "service/reports.hpp"

#include <soci/soci.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/digest.hpp"
#include "common/error.hpp"
#include "common/metrics.hpp"
#include "common/time.hpp"
#include "domain/client_rules.hpp"
#include "domain/report_rules.hpp"
#include "report/pdf_report.hpp"
#include "service/assessment_json.hpp"
#include "service/assessments.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/bookkeeping.hpp"
#include "service/identity.hpp"
#include "service/share_links.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"

namespace the5hc::service {
namespace {

namespace d = the5hc::domain;
using nlohmann::json;

// What a report of this assessment shows now, and a fingerprint of it (with the renderer's layout version): a
// stored report with the same fingerprint is still current. (Timestamps are stored to the second, so "newer than
// updated_at" cannot tell an edit made in the same second as the last render; the fingerprint also notices a
// renamed client or organisation, and a new layout.)
struct Source {
  report::ReportModel model;
  std::string fingerprint;
  std::int64_t organization_id = 0;
};

// The English text of a risky answer (McqRiskItem carries the Korean question and answer), else the Korean one.
std::string english_answer(const d::McqBank& bank, const d::McqRiskItem& item) {
  for (const auto& q : bank.questions)
    if (q.category_code == item.category && q.question_text_ko == item.question)
      for (const auto& c : q.choices)
        if (c.choice_text_ko == item.answer && !c.choice_text.empty()) return c.choice_text;
  return item.answer;
}

Source report_source(const Context& ctx, const AssessmentView& view, Lang lang) {
  const auto& a = view.row;
  report::ReportModel m;
  m.lang = lang;
  m.trainer_name = a.trainer_name;
  m.client_name = a.client_name;
  if (a.meta.client_age > 0) m.client_age = a.meta.client_age;
  m.client_gender = d::parse_gender(a.client_gender);
  if (a.meta.client_weight > 0) m.client_weight = a.meta.client_weight;
  m.assessment_date = *parse_date(a.meta.date);
  m.is_legacy = a.is_legacy;
  m.input = a.input;
  m.evaluation = view.evaluation;
  ctx.db.read([&](soci::session& sql) {
    if (auto org = store::find_organization(sql, a.meta.organization_id)) m.organization_name = org->name;
    if (auto client = store::find_client_record(sql, a.meta.client_id); client && client->fields.height > 0)
      m.client_height = client->fields.height;
    if (auto previous_id = store::previous_assessment_id(sql, a))
      if (auto previous = store::find_assessment(sql, *previous_id)) {
        const auto& s = previous->results.scores;
        m.previous_categories = std::array{s.strength_score, s.mobility_score, s.balance_score, s.cardio_score};
      }
    if (m.evaluation.mcq.has_responses) {
      const auto bank = load_reference(sql)->bank;
      for (const auto& c : bank.categories) {
        if (!c.is_active) continue;
        auto it = m.evaluation.mcq.category_scores.find(c.code);
        m.questionnaire.push_back({c.code, lang == Lang::en ? c.name : c.name_ko,
                                   it == m.evaluation.mcq.category_scores.end() ? std::nullopt : it->second});
      }
      m.questionnaire_risks = m.evaluation.mcq.risk_items;
      // the risky answers hold the bank's Korean texts; the English report shows the bank's English ones
      if (lang == Lang::en)
        for (auto& r : m.questionnaire_risks) r.answer = english_answer(bank, r);
      // the insights' advice (DOMAIN.md §2.8) in the suggestions box, per answered category
      for (const auto& q : m.questionnaire)
        if (q.score)
          for (const auto* text : d::mcq_recommendations(q.code, *q.score))
            m.questionnaire_advice.push_back(i18n::tr(lang, text));
    }
  });
  // The report's facts beside the assessment's own members (an object in key order, as nlohmann::json wrote it).
  std::vector<JsonMember> facts = {{"report", [&](JsonWriter& w) {
                                      w.begin_array()
                                          .value(m.organization_name)
                                          .value(m.trainer_name)
                                          .value(m.client_name)
                                          .value(m.client_age.value_or(0))
                                          .value(a.client_gender)
                                          .value(m.client_height.value_or(0))
                                          .value(m.client_weight.value_or(0))
                                          .value(a.meta.date)
                                          .value(m.is_legacy)
                                          .value(lang_code(lang))
                                          .value(report::kLayoutVersion)
                                          .end_array();
                                    }}};
  if (m.previous_categories)
    facts.push_back({"previous", [&](JsonWriter& w) {
                       w.begin_array();
                       for (const auto& v : *m.previous_categories) w.value(v);
                       w.end_array();
                     }});
  if (!m.questionnaire.empty())
    facts.push_back({"questionnaire", [&](JsonWriter& w) {
                       w.begin_array();
                       for (const auto& q : m.questionnaire) w.begin_array().value(q.code).value(q.name).end_array();
                       w.end_array();
                     }});
  JsonWriter source;
  write_assessment_object(source, {&m.input, &m.evaluation, lang}, std::move(facts));
  return {std::move(m), digest::sha256_hex(source.text()), a.meta.organization_id};
}

// Drawing takes milliseconds and needs no database: the request's shared read ends first, so that its pooled
// connection serves others meanwhile.
report::RenderedReport timed_render(const Context& ctx, const report::ReportModel& m) {
  ctx.db.end_shared_read();
  static auto& seconds = metrics::Registry::global()
                             .histogram("the5hc_pdf_render_seconds", "Time to render one PDF assessment report.", {},
                                        {0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1})
                             .get();
  auto start = std::chrono::steady_clock::now();
  auto rendered = report::render_report(m);
  seconds.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return rendered;
}

ReportFile render_and_store(const Context& ctx, std::int64_t assessment_id, Source source) {
  auto rendered = timed_render(ctx, source.model);  // outside any transaction
  return ctx.db.write([&](soci::session& sql) {
    // still there and visible: it may have been deleted while the report was drawn
    visible_assessment(sql, ctx, assessment_id, d::Action::view_assessment);
    store::Report r;
    r.assessment_id = assessment_id;
    r.organization_id = source.organization_id;
    r.generated_by_id = require_actor(ctx).user_id;
    r.generated_at = format_timestamp(ctx.clock.now());
    r.language = lang_code(source.model.lang);
    r.file_name = d::report_file_name(source.model.client_name, to_sys_days(source.model.assessment_date));
    r.source_sha256 = source.fingerprint;
    auto id = store::insert_report(sql, r, rendered.pdf);
    auto stored = *store::find_report(sql, id);
    audit(sql, ctx, "report_generated", "assessment_report", id, r.file_name, r.organization_id,
          {std::nullopt,
           json{{"assessment", assessment_id}, {"language", r.language}, {"pages", rendered.pages},
                {"file_size", stored.file_size}}
               .dump()});
    return ReportFile{std::move(stored), std::move(rendered.pdf), actor_zone(ctx)};
  });
}

// A report is visible when its assessment's client is (DOMAIN.md §6.1); deleting needs delete_assessment.
store::Report visible_report(soci::session& sql, const Context& ctx, std::int64_t id, d::Action action) {
  auto r = store::find_report(sql, id);
  if (!r) throw Error::not_found();
  d::Target target;
  target.organization_id = r->organization_id;
  target.trainer_id = r->client_trainer_id;
  authorize(ctx, action, target);
  return *r;
}

// The stored report of the assessment that still shows it as it is now, if any.
std::optional<ReportFile> current_report(const Context& ctx, std::int64_t assessment_id, const Source& source,
                                         const std::string& zone) {
  return ctx.db.read([&](soci::session& sql) -> std::optional<ReportFile> {
    auto latest = store::latest_report(sql, assessment_id, lang_code(source.model.lang));
    if (!latest || latest->source_sha256 != source.fingerprint) return std::nullopt;
    auto pdf = store::report_pdf(sql, latest->id);
    if (!pdf) return std::nullopt;
    return ReportFile{*latest, std::move(*pdf), zone};
  });
}

}  // namespace

ReportFile assessment_report(const Context& ctx, std::int64_t assessment_id, Lang lang) {
  // get_assessment: 404 / 403 for an invisible assessment
  auto source = report_source(ctx, get_assessment(ctx, assessment_id), lang);
  if (auto stored = current_report(ctx, assessment_id, source, actor_zone(ctx))) return std::move(*stored);
  return render_and_store(ctx, assessment_id, std::move(source));
}

ReportFile generate_report(const Context& ctx, std::int64_t assessment_id, Lang lang) {
  return render_and_store(ctx, assessment_id, report_source(ctx, get_assessment(ctx, assessment_id), lang));
}

std::optional<ReportFile> shared_report(const Context& ctx, auth::RateLimiter& limiter, const std::string& token) {
  auto link = open_share_link(ctx, limiter, token);
  if (!link) return std::nullopt;
  auto view = ctx.db.read([&](soci::session& sql) {
    store::AssessmentFilter f;
    f.client_id = link->client_id;
    auto rows = store::list_assessments(
        sql, f, {{store::AssessmentSort::date, true}, {store::AssessmentSort::id, true}}, 1, 0);
    if (rows.empty()) throw Error::not_found();
    return assessment_view(sql, ctx, rows.front());
  });
  auto source = report_source(ctx, view, i18n::parse(link->language));
  if (auto stored = current_report(ctx, view.row.id, source, view.zone)) return stored;
  // Not stored: the reports list holds what the studio generated, not the client's downloads.
  auto rendered = timed_render(ctx, source.model);
  ReportFile out;
  out.report.assessment_id = view.row.id;
  out.report.language = link->language;
  out.report.file_name = d::report_file_name(source.model.client_name, to_sys_days(source.model.assessment_date));
  out.report.file_size = static_cast<std::int64_t>(rendered.pdf.size());
  out.pdf = std::move(rendered.pdf);
  out.zone = view.zone;
  return out;
}

Rows<store::Report> list_reports(const Context& ctx, const ReportQuery& query) {
  store::ReportFilter f;
  f.scope = visibility_scope(ctx);
  f.search = query.search;
  f.assessment_id = query.assessment_id;
  f.client_id = query.client_id;
  f.report_type = query.report_type;
  f.sort = query.sort;
  f.limit = query.limit;
  f.offset = query.offset;
  // the period is of local days in the studio's zone
  const std::string zone = actor_zone(ctx);
  if (query.generated_from) f.generated_from = format_timestamp(start_of_day(*query.generated_from, zone));
  if (query.generated_to) f.generated_before = format_timestamp(start_of_day(add_days(*query.generated_to, 1), zone));
  return ctx.db.read([&](soci::session& sql) {
    auto count = store::count_reports(sql, f);
    return Rows<store::Report>{count, store::list_reports(sql, f), actor_zone(ctx)};
  });
}

Shown<store::Report> get_report(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    return Shown<store::Report>{visible_report(sql, ctx, id, d::Action::view_assessment), actor_zone(ctx)};
  });
}

ReportFile download_report(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    auto r = visible_report(sql, ctx, id, d::Action::view_assessment);
    auto pdf = store::report_pdf(sql, id);
    if (!pdf) throw Error::not_found();
    return ReportFile{std::move(r), std::move(*pdf), actor_zone(ctx)};
  });
}

void delete_report(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  ctx.db.write([&](soci::session& sql) {
    auto r = visible_report(sql, ctx, id, d::Action::delete_assessment);
    store::delete_report(sql, id);
    audit(sql, ctx, "report_deleted", "assessment_report", id, r.file_name, r.organization_id,
          {json{{"assessment", r.assessment_id}, {"language", r.language}}.dump(), std::nullopt});
  });
}

}  // namespace the5hc::service
