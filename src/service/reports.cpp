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

Source report_source(const Context& ctx, std::int64_t assessment_id, Lang lang) {
  AssessmentView view = get_assessment(ctx, assessment_id);  // 404 / 403 for an invisible assessment
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
    if (auto client = store::find_client(sql, a.meta.client_id, "9999-12-31"); client && client->fields.height > 0)
      m.client_height = client->fields.height;
    if (auto previous_id = store::previous_assessment_id(sql, a))
      if (auto previous = store::find_assessment(sql, *previous_id)) {
        const auto& s = previous->results.scores;
        m.previous_categories = std::array{s.strength_score, s.mobility_score, s.balance_score, s.cardio_score};
      }
    if (m.evaluation.mcq.has_responses) {
      for (const auto& c : load_reference(sql).bank.categories) {
        if (!c.is_active) continue;
        auto it = m.evaluation.mcq.category_scores.find(c.code);
        m.questionnaire.push_back({c.code, lang == Lang::en ? c.name : c.name_ko,
                                   it == m.evaluation.mcq.category_scores.end() ? std::nullopt : it->second});
      }
      m.questionnaire_risks = m.evaluation.mcq.risk_items;
    }
  });
  json source = json::object();
  write_assessment_input(source, m.input);
  write_evaluation(source, m.evaluation, lang);
  source["report"] = {m.organization_name, m.trainer_name, m.client_name, m.client_age.value_or(0),
                      a.client_gender, m.client_height.value_or(0), m.client_weight.value_or(0), a.meta.date,
                      m.is_legacy, lang_code(lang), report::kLayoutVersion};
  if (m.previous_categories)
    for (const auto& v : *m.previous_categories) source["previous"].push_back(v ? json(*v) : json(nullptr));
  for (const auto& q : m.questionnaire) source["questionnaire"].push_back({q.code, q.name});
  return {std::move(m), digest::sha256_hex(source.dump()), a.meta.organization_id};
}

report::RenderedReport timed_render(const report::ReportModel& m) {
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
  auto rendered = timed_render(source.model);  // outside any transaction
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

}  // namespace

ReportFile assessment_report(const Context& ctx, std::int64_t assessment_id, Lang lang) {
  auto source = report_source(ctx, assessment_id, lang);
  auto stored = ctx.db.read([&](soci::session& sql) -> std::optional<ReportFile> {
    auto latest = store::latest_report(sql, assessment_id, lang_code(lang));
    if (!latest || latest->source_sha256 != source.fingerprint) return std::nullopt;
    auto pdf = store::report_pdf(sql, latest->id);
    if (!pdf) return std::nullopt;
    return ReportFile{*latest, std::move(*pdf), actor_zone(ctx)};
  });
  if (stored) return std::move(*stored);
  return render_and_store(ctx, assessment_id, std::move(source));
}

ReportFile generate_report(const Context& ctx, std::int64_t assessment_id, Lang lang) {
  return render_and_store(ctx, assessment_id, report_source(ctx, assessment_id, lang));
}

Rows<store::Report> list_reports(const Context& ctx, const ReportQuery& query) {
  store::ReportFilter f{visibility_scope(ctx), query.search, query.assessment_id, query.client_id, query.report_type,
                        query.sort, query.limit, query.offset};
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
