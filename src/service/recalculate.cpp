#include "service/recalculate.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/risk.hpp"
#include "service/assessments.hpp"
#include "service/audit.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"

namespace the5hc::service {
namespace {

using nlohmann::json;
constexpr int kBatch = 500;

template <class T>
json n(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

// What a rescoring may change, as one comparable value.
json results_of(const domain::AssessmentScores& s, std::optional<double> physical, std::optional<double> risk,
                std::optional<std::string> level, std::optional<double> comprehensive, bool legacy) {
  return json::array({n(s.overhead_squat_score), n(s.push_up_score), n(s.single_leg_balance_score),
                      n(s.toe_touch_score), n(s.shoulder_mobility_score), n(s.farmer_carry_score),
                      n(s.harvard_step_test_score), n(s.harvard_step_test_pfi), n(s.farmer_carry_percentage),
                      n(s.strength_score), n(s.mobility_score), n(s.balance_score), n(s.cardio_score),
                      n(s.overall_score), s.is_complete, n(physical), n(risk), n(level), n(comprehensive), legacy});
}

}  // namespace

RecalculateResult recalculate(const Context& ctx, const RecalculateOptions& o) {
  std::optional<std::int64_t> org;
  if (o.organization_slug) {
    auto found = ctx.db.read([&](soci::session& sql) { return store::find_organization_by_slug(sql, *o.organization_slug); });
    if (!found) throw Error(ErrorCode::usage, "unknown organisation: " + *o.organization_slug);
    org = found->id;
  }
  if (o.id) {
    auto found = ctx.db.read([&](soci::session& sql) { return store::find_assessment(sql, *o.id); });
    if (!found || (org && found->meta.organization_id != *org))
      throw Error(ErrorCode::usage, "unknown assessment id: " + std::to_string(*o.id));
  }
  RecalculateResult result;
  std::int64_t after = 0;
  for (;;) {
    auto batch = [&](soci::session& sql) {
      auto ids = o.id ? std::vector<std::int64_t>{*o.id} : store::assessment_ids(sql, org, o.include_legacy, after, kBatch);
      const auto reference = load_reference(sql);  // keeps the shared set alive while ref is used
      const LoadedReference& ref = *reference;
      const std::string now = format_timestamp(ctx.clock.now());
      for (auto id : ids) {
        after = id;
        auto row = *store::find_assessment(sql, id);
        if (row.is_legacy && !o.include_legacy) continue;
        ++result.examined;
        auto w = rescore(sql, row, ref, now);
        const auto& r = row.results;
        bool same = results_of(r.scores, r.injury_risk_physical, r.injury_risk_score, r.injury_risk_level,
                               r.comprehensive_score, row.is_legacy) ==
                    results_of(w.evaluation.scores, w.evaluation.risk.physical, w.evaluation.risk.score,
                               std::string(domain::risk_level_label(w.evaluation.risk.level).code),
                               w.evaluation.comprehensive_score, false);
        if (same) {
          ++result.unchanged;
          continue;
        }
        ++result.changed;
        if (!o.dry_run) store::update_assessment(sql, id, w, now);
      }
      return ids.size();
    };
    std::size_t size = o.dry_run ? ctx.db.read(batch) : ctx.db.write(batch);
    if (o.id || size < static_cast<std::size_t>(kBatch)) break;
  }
  if (!o.dry_run)
    ctx.db.write([&](soci::session& sql) {
      json extra = {{"examined", result.examined},
                    {"changed", result.changed},
                    {"unchanged", result.unchanged},
                    {"include_legacy", o.include_legacy}};
      audit(sql, ctx, "assessments_recalculated", "assessment", o.id, "recalculate", org,
            {std::nullopt, std::nullopt, extra.dump()});
    });
  return result;
}

}  // namespace the5hc::service
