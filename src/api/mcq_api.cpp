#include "api/mcq_api.hpp"

#include "api/mcq_json.hpp"

#include "api/body.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "domain/grades.hpp"
#include "domain/report_rules.hpp"
#include "http/json_response.hpp"
#include "service/mcq.hpp"

namespace the5hc::api {
namespace {

using nlohmann::json;
namespace d = the5hc::domain;

}  // namespace

const char* type_code(d::QuestionType t) {
  static const char* kCodes[] = {"single", "multiple", "scale", "text"};
  return kCodes[static_cast<int>(t)];
}

json category_json(const store::McqCategoryRow& c) {
  return {{"id", c.id},
          {"code", c.category.code},
          {"name", c.category.name},
          {"name_ko", c.category.name_ko},
          {"description", nullable(c.description)},
          {"description_ko", nullable(c.description_ko)},
          {"weight", c.category.weight},
          {"order", c.category.order},
          {"is_active", c.category.is_active},
          {"question_count", c.question_count}};
}

json question_json(const store::McqQuestionRow& r) {
  const auto& q = r.question;
  json choices = json::array();
  for (const auto& c : q.choices)
    choices.push_back({{"id", c.id},
                       {"choice_text", c.choice_text},
                       {"choice_text_ko", c.choice_text_ko},
                       {"points", c.points},
                       {"is_correct", c.is_correct},
                       {"order", c.order},
                       {"contributes_to_risk", c.contributes_to_risk},
                       {"risk_weight", c.risk_weight},
                       {"risk_label", c.risk_label.empty() ? json(nullptr) : json(c.risk_label)},
                       {"risk_label_ko", c.risk_label_ko.empty() ? json(nullptr) : json(c.risk_label_ko)}});
  return {{"id", q.id},
          {"category", {{"id", r.category_id}, {"code", q.category_code}, {"name", r.category_name},
                        {"name_ko", r.category_name_ko}}},
          {"question_text", q.question_text},
          {"question_text_ko", q.question_text_ko},
          {"question_type", type_code(q.question_type)},
          {"points", q.points},
          {"is_required", q.is_required},
          {"help_text", nullable(r.help_text)},
          {"help_text_ko", nullable(r.help_text_ko)},
          {"order", q.order},
          {"is_active", q.is_active},
          {"depends_on", nullable(q.depends_on_id)},
          {"depends_on_choice", nullable(q.depends_on_choice_id)},
          {"choices", std::move(choices)}};
}

namespace {

json insight_json(const std::string& code, double score, Lang lang) {
  json recs = json::array();
  for (const char* t : d::mcq_recommendations(code, score)) recs.push_back(i18n::tr(lang, t));
  auto band = d::score_band(score);
  return {{"score", score}, {"level", lang == Lang::en ? band.en : band.ko}, {"recommendations", recs}};
}

json status_json(const service::McqStatus& s, Lang lang) {
  const bool en = lang == Lang::en;
  const auto& a = s.assessment;
  json out = {{"knowledge_score", nullable(a.results.knowledge_score)},
              {"lifestyle_score", nullable(a.results.lifestyle_score)},
              {"readiness_score", nullable(a.results.readiness_score)},
              {"comprehensive_score", nullable(a.results.comprehensive_score)},
              {"mcq_risk", nullable(a.results.injury_risk_mcq)},
              {"injury_risk_score", nullable(a.results.injury_risk_score)}};
  json categories = json::array(), completion = json::object(), insights = json::object();
  for (const auto& c : s.categories) {
    auto it = s.result.category_scores.find(c.category.code);
    // A reference, not a copy: GCC 12 -O2 reports a copied optional<double> as maybe-uninitialized.
    static const std::optional<double> unscored;
    const std::optional<double>& score = it == s.result.category_scores.end() ? unscored : it->second;
    categories.push_back({{"code", c.category.code},
                          {"name", en ? c.category.name : c.category.name_ko},
                          {"score", nullable(score)},
                          {"weight", c.category.weight}});
    if (auto done = s.result.completion.find(c.category.code); done != s.result.completion.end())
      completion[c.category.code] = {{"total", done->second.total},
                                     {"answered", done->second.answered},
                                     {"percentage", done->second.percentage}};
    if (score) insights[c.category.code] = insight_json(c.category.code, *score, lang);
  }
  out["category_scores"] = categories;
  out["completion_status"] = completion;
  out["insights"] = insights;
  json responses = json::array();
  for (const auto& r : s.responses) {
    const store::McqQuestionRow* q = nullptr;
    for (const auto& row : s.questions)
      if (row.question.id == r.response.question_id) q = &row;
    json texts = json::array();
    if (q)
      for (auto id : r.response.selected_choice_ids)
        for (const auto& c : q->question.choices)
          if (c.id == id) texts.push_back(en ? c.choice_text : c.choice_text_ko);
    responses.push_back(
        {{"question_id", r.response.question_id},
         {"question_text", q ? json(en ? q->question.question_text : q->question.question_text_ko) : json(nullptr)},
         {"question_type", q ? json(type_code(q->question.question_type)) : json(nullptr)},
         {"selected_choices", r.response.selected_choice_ids},
         {"selected_choice_texts", texts},
         {"response_text", r.response.response_text.empty() ? json(nullptr) : json(r.response.response_text)},
         {"points_earned", r.points_earned}});
  }
  out["responses"] = responses;
  json risks = json::array();
  for (const auto& item : s.result.risk_items)
    risks.push_back({{"category", item.category},
                     {"question", item.question},
                     {"answer", item.answer},
                     {"risk_weight", item.risk_weight}});
  out["risk_factors"] = risks;
  return out;
}

// One answer's "question_id", "selected_choices" and "response_text"; problems go to the body's field errors.
d::McqResponse read_response(Body& fields) {
  d::McqResponse r;
  if (auto q = fields.integer("question_id")) r.question_id = *q;
  if (auto t = fields.text("response_text", false, true, 0, true)) r.response_text = *t;
  if (auto it = fields.json().find("selected_choices"); it != fields.json().end() && !it->is_null()) {
    if (!it->is_array()) fields.error("selected_choices", "Expected a list of items.");
    else
      for (const auto& c : *it)
        if (c.is_number_integer()) r.selected_choice_ids.push_back(c.get<std::int64_t>());
        else fields.error("selected_choices", "A valid integer is required.");
  }
  return r;
}

// {"responses": [{"question_id", "selected_choices", "response_text"}]}; errors keyed "responses.<i>.<field>",
// judged by the use case once the assessment is found (404 first).
service::McqAnswers read_responses(const http::Request& req) {
  Body body(req, {"responses"});
  service::McqAnswers answers;
  auto& errors = answers.input_errors;
  auto fail = [&](const char* message) {
    errors["responses"].push_back(message);
    return answers;
  };
  if (!body.errors().empty()) {
    errors = body.errors();
    return answers;
  }
  const json& items = body.json().contains("responses") ? body.json()["responses"] : json(nullptr);
  if (items.is_null()) return fail("This field is required.");
  if (!items.is_array()) return fail("Expected a list of items.");  // 항목의 리스트가 필요합니다.
  if (items.empty()) return fail("This list may not be empty.");  // 이 리스트는 비어 있을 수 없습니다.
  auto& out = answers.responses;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string key = "responses." + std::to_string(i);
    const auto& item = items[i];
    if (!item.is_object()) {
      errors[key].push_back("Invalid data. Expected a dictionary.");
      continue;
    }
    Body fields(item, {"question_id", "selected_choices", "response_text"});
    if (!item.contains("question_id"))
      // 각 응답에는 question_id가 필요합니다.
      errors["responses"].push_back("Each response needs a question_id.");
    out.push_back(read_response(fields));
    for (auto& [f, msgs] : fields.errors())
      for (auto& m : msgs) errors[key + "." + f].push_back(m);
  }
  return answers;
}

}  // namespace

void register_mcq_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/mcq/categories/", [&deps](http::Request& req) {
    auto flag = req.query.get("is_active");
    bool all = flag && (*flag == "false" || *flag == "all");
    json out = json::array();
    for (const auto& c : service::list_mcq_categories(front::context(req, deps), all)) out.push_back(category_json(c));
    return http::json_response(200, out);
  }, "mcq-categories-list");

  router.get("/api/v1/mcq/categories/{id:int}/", [&deps](http::Request& req) {
    return http::json_response(200, category_json(service::get_mcq_category(front::context(req, deps), req.param_int("id"))));
  }, "mcq-categories-detail");

  router.get("/api/v1/mcq/categories/{id:int}/questions/", [&deps](http::Request& req) {
    json out = json::array();
    for (const auto& q : service::category_questions(front::context(req, deps), req.param_int("id")))
      out.push_back(question_json(q));
    return http::json_response(200, out);
  }, "mcq-categories-questions");

  router.get("/api/v1/mcq/questions/", [&deps](http::Request& req) {
    auto page = page_request(req);
    service::McqQuestionQuery q;
    q.category = req.query.get("category");
    q.type = query_choice(req, "type", {"single", "multiple", "scale", "text"});
    q.required = query_bool(req, "required");
    q.has_dependency = query_bool(req, "has_dependency");
    q.search = search_terms(req);
    auto rows = service::list_mcq_questions(front::context(req, deps), q);
    json results = json::array();
    for (std::size_t i = page.offset(); i < rows.size() && results.size() < std::size_t(page.page_size); ++i)
      results.push_back(question_json(rows[i]));
    return http::json_response(200, page_envelope(req, page, static_cast<std::int64_t>(rows.size()), results));
  }, "mcq-questions-list");

  router.get("/api/v1/mcq/questions/{id:int}/", [&deps](http::Request& req) {
    return http::json_response(200, question_json(service::get_mcq_question(front::context(req, deps), req.param_int("id"))));
  }, "mcq-questions-detail");

  router.post("/api/v1/mcq/questions/validate/", [&deps](http::Request& req) {
    Body body(req, {"question_id", "selected_choices", "response_text"});
    if (!body.has("question_id")) body.error("question_id", "This field is required.");
    auto answer = read_response(body);
    body.finish();
    auto score = service::score_mcq_answer(front::context(req, deps), answer);
    return http::json_response(200, {{"valid", true}, {"points", score.points}, {"max_points", score.max_points}});
  }, "mcq-questions-validate");

  router.get("/api/v1/assessments/{id:int}/mcq/", [&deps](http::Request& req) {
    return http::json_response(200, status_json(service::mcq_status(front::context(req, deps), req.param_int("id")), req.lang));
  }, "assessments-mcq");

  router.post("/api/v1/assessments/{id:int}/mcq/responses/", [&deps](http::Request& req) {
    auto answers = read_responses(req);  // judged by the use case: invisible → 404 before the body's errors
    auto status = service::save_mcq_responses(front::context(req, deps), req.param_int("id"), answers, true);
    return http::json_response(201, status_json(status, req.lang));
  }, "assessments-mcq-save");

  router.patch("/api/v1/assessments/{id:int}/mcq/responses/", [&deps](http::Request& req) {
    auto answers = read_responses(req);
    auto status = service::save_mcq_responses(front::context(req, deps), req.param_int("id"), answers, false);
    return http::json_response(200, status_json(status, req.lang));
  }, "assessments-mcq-update");

  router.del("/api/v1/assessments/{id:int}/mcq/responses/", [&deps](http::Request& req) {
    service::clear_mcq_responses(front::context(req, deps), req.param_int("id"));
    return http::Response{.status = 204};
  }, "assessments-mcq-clear");
}

}  // namespace the5hc::api
