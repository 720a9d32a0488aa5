#include "api/assessments_api.hpp"

#include "service/assessment_json.hpp"
#include "api/assessment_views.hpp"
#include "api/body.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "domain/report_rules.hpp"
#include "http/json_response.hpp"
#include "service/assessments.hpp"

namespace the5hc::api {
namespace {

using nlohmann::json;

const std::set<std::string> kMeta = {"client", "date", "trainer"};
// Detail fields a client may send back unchanged; they are ignored (API.md §1.1).
const std::set<std::string> kReadOnly = {
    "id", "client_name", "trainer_name", "client_age", "client_weight", "client_gender",
    "overhead_squat_score_manual_override", "push_up_score_manual_override",
    "single_leg_balance_score_manual_override", "toe_touch_score_manual_override",
    "farmer_carry_score_manual_override", "harvard_step_test_score_manual_override", "harvard_step_test_pfi",
    "harvard_step_test_legacy_hr", "farmer_carry_percentage_entered", "strength_score", "mobility_score",
    "balance_score", "cardio_score", "overall_score", "is_complete", "injury_risk_score", "injury_risk_physical",
    "injury_risk_mcq", "injury_risk_level", "injury_risk_level_display", "risk_factors", "primary_concerns",
    "knowledge_score", "lifestyle_score", "readiness_score", "comprehensive_score", "mcq_category_scores",
    "percentiles", "performance_age", "is_legacy", "scored_at", "created_at", "updated_at"};

// The body of a write: `start` is the input it changes (the stored one for PATCH, empty for POST/PUT).
service::AssessmentDraft read_draft(const http::Request& req, domain::AssessmentInput start) {
  json body = http::json_body(req);
  service::AssessmentDraft draft;
  draft.input = std::move(start);
  static const std::set<std::string> other = [] {
    auto fields = kMeta;
    fields.insert(kReadOnly.begin(), kReadOnly.end());
    return fields;
  }();
  FieldErrors errors = service::read_assessment_input(body, draft.input, other);
  json meta = json::object();
  draft.touches_tests = false;
  for (const auto& [key, value] : body.items()) {
    if (kMeta.count(key)) meta[key] = value;
    else if (!kReadOnly.count(key) && key != "notes") draft.touches_tests = true;
  }
  Body fields(meta, kMeta);
  draft.client_id = fields.integer("client");
  draft.date = fields.date("date");
  draft.trainer_id = fields.integer("trainer", false, true);
  errors.merge(fields.errors());
  draft.input_errors = std::move(errors);  // judged with the range checks so every mistake shows at once
  return draft;
}

service::AssessmentQuery read_query(const http::Request& req) {
  service::AssessmentQuery q;
  q.search = search_terms(req);
  q.client_id = query_int(req, "client");
  q.trainer_id = query_int(req, "trainer");
  q.date_from = query_date(req, "date_from");
  q.date_to = query_date(req, "date_to");
  q.push_up_type = query_choice(req, "push_up_type", {"standard", "modified", "wall"});
  q.test_environment = query_choice(req, "test_environment", {"indoor", "outdoor"});
  q.has_variations = query_bool(req, "has_variations");
  q.score_range = query_choice(req, "score_range", {"90-100", "80-89", "70-79", "60-69", "0-59"});
  q.risk_level = query_choice(req, "risk_level", {"low", "low_moderate", "moderate", "high"});
  q.is_complete = query_bool(req, "is_complete");
  q.is_legacy = query_bool(req, "is_legacy");
  q.sort = sort_keys<store::AssessmentSort>(req, {{"date", store::AssessmentSort::date},
                                                  {"overall_score", store::AssessmentSort::overall_score},
                                                  {"injury_risk_score", store::AssessmentSort::injury_risk_score},
                                                  {"created_at", store::AssessmentSort::created_at}});
  return q;
}

}  // namespace

void register_assessment_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/assessments/", [&deps](http::Request& req) {
    auto page = page_request(req);
    auto q = read_query(req);
    q.limit = page.page_size;
    q.offset = page.offset();
    auto list = service::list_assessments(front::context(req, deps), q);
    return http::Response::json(200, page_envelope_text(req, page, list.count, list.results,
                                                        [&](JsonWriter& w, const store::Assessment& a) {
                                                          write_assessment_summary(w, a, list.zone);
                                                        }));
  }, "assessments-list");

  router.post("/api/v1/assessments/", [&deps](http::Request& req) {
    auto draft = read_draft(req, {});
    auto view = service::create_assessment(front::context(req, deps), draft);
    return http::Response::json(201, assessment_detail_text(view, req.lang));
  }, "assessments-create");

  router.post("/api/v1/assessments/preview/", [&deps](http::Request& req) {
    auto draft = read_draft(req, {});
    auto view = service::preview_assessment(front::context(req, deps), draft);
    return http::Response::json(200, assessment_detail_text(view, req.lang));
  }, "assessments-preview");

  router.get("/api/v1/assessments/compare/", [&deps](http::Request& req) {
    auto views = service::compare_assessments(front::context(req, deps), query_int_list(req, "ids"));
    JsonWriter w;
    std::vector<domain::ComparedScores> compared;
    w.begin_object().key("assessments").begin_array();
    for (const auto& v : views) {
      write_assessment_detail(w, v, req.lang);
      const auto& r = v.row.results;
      compared.push_back({v.row.id, r.scores.overall_score, r.scores.strength_score, r.scores.mobility_score,
                          r.scores.balance_score, r.scores.cardio_score, r.injury_risk_score});
    }
    auto best = domain::best_scores(compared);
    w.end_array()
        .key("best")
        .begin_object()  // keys in order, as every assessment object
        .field("balance_score", best.balance)
        .field("cardio_score", best.cardio)
        .field("injury_risk_score", best.injury_risk)
        .field("mobility_score", best.mobility)
        .field("overall_score", best.overall)
        .field("strength_score", best.strength)
        .end_object()
        .end_object();
    return http::Response::json(200, w.take());
  }, "assessments-compare");

  router.get("/api/v1/assessments/{id:int}/", [&deps](http::Request& req) {
    auto view = service::get_assessment(front::context(req, deps), req.param_int("id"));
    return http::Response::json(200, assessment_detail_text(view, req.lang));
  }, "assessments-detail");

  for (const char* method : {"PUT", "PATCH"}) {
    const bool partial = std::string(method) == "PATCH";
    router.add(method, "/api/v1/assessments/{id:int}/", [&deps, partial](http::Request& req) {
      // the body is read by the use case once the assessment is found: invisible → 404 before it is judged
      auto draft_of = [&req, partial](const domain::AssessmentInput& stored) {
        auto draft = read_draft(req, partial ? stored : domain::AssessmentInput{});
        if (!partial) draft.touches_tests = true;  // PUT replaces every input
        return draft;
      };
      auto view = service::update_assessment(front::context(req, deps), req.param_int("id"), draft_of);
      return http::Response::json(200, assessment_detail_text(view, req.lang));
    }, partial ? "assessments-partial-update" : "assessments-update");
  }

  router.del("/api/v1/assessments/{id:int}/", [&deps](http::Request& req) {
    service::delete_assessment(front::context(req, deps), req.param_int("id"));
    return http::Response{.status = 204};
  }, "assessments-delete");

  router.get("/api/v1/assessments/{id:int}/comparison/", [&deps](http::Request& req) {
    auto c = service::compare_with_previous(front::context(req, deps), req.param_int("id"));
    const auto& cur = c.current.row.results.scores;
    const auto& prev = c.previous.row.results.scores;
    using domain::improvement;
    JsonWriter w;
    w.begin_object().key("current");
    write_assessment_detail(w, c.current, req.lang);
    w.field("days_between", c.days_between)
        .key("improvements")
        .begin_object()  // keys in order, as every assessment object
        .field("balance_score", improvement(cur.balance_score, prev.balance_score))
        .field("cardio_score", improvement(cur.cardio_score, prev.cardio_score))
        .field("injury_risk_score",
               improvement(c.current.row.results.injury_risk_score, c.previous.row.results.injury_risk_score))
        .field("mobility_score", improvement(cur.mobility_score, prev.mobility_score))
        .field("overall_score", improvement(cur.overall_score, prev.overall_score))
        .field("strength_score", improvement(cur.strength_score, prev.strength_score))
        .end_object()
        .key("previous");
    write_assessment_detail(w, c.previous, req.lang);
    w.end_object();
    return http::Response::json(200, w.take());
  }, "assessments-comparison");
}

}  // namespace the5hc::api
