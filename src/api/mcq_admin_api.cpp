// Superuser edits of the questionnaire bank (API.md §3.3): POST/PUT/PATCH/DELETE on /mcq/categories/ and
// /mcq/questions/. PUT and POST need every required field, PATCH only the fields given; choices are always
// written as a whole list.
#include "api/body.hpp"
#include "api/mcq_api.hpp"
#include "api/mcq_json.hpp"
#include "api/support.hpp"
#include "http/json_response.hpp"
#include "service/mcq_bank.hpp"

namespace the5hc::api {
namespace {

using nlohmann::json;
namespace d = the5hc::domain;

const std::set<std::string> kCategoryFields = {"code",   "name",  "name_ko",  "description", "description_ko",
                                               "weight", "order", "is_active"};
const std::set<std::string> kQuestionFields = {
    "category", "question_text", "question_text_ko", "question_type", "points", "is_required",     "help_text",
    "help_text_ko", "order",     "is_active",        "depends_on",    "depends_on_choice", "choices"};
const std::set<std::string> kChoiceFields = {"id",    "choice_text",         "choice_text_ko", "points",     "is_correct",
                                             "order", "contributes_to_risk", "risk_weight",    "risk_label", "risk_label_ko"};

// `whole`: POST/PUT — required fields must be present.
service::McqCategoryEdit category_edit(const http::Request& req, bool whole) {
  return [&req, whole](store::McqCategoryRow& row) {
    Body body(req, kCategoryFields, {"id", "question_count"});
    auto& c = row.category;
    if (auto v = body.text("code", whole, false, 50)) c.code = *v;
    if (auto v = body.text("name", whole, false, 100)) c.name = *v;
    if (auto v = body.text("name_ko", whole, false, 100)) c.name_ko = *v;
    if (body.has("description")) row.description = body.text("description", false, true, 0, true);
    if (body.has("description_ko")) row.description_ko = body.text("description_ko", false, true, 0, true);
    if (auto v = body.number("weight", whole)) c.weight = *v;
    if (auto v = body.integer("order")) c.order = static_cast<int>(*v);
    if (auto v = body.boolean("is_active")) c.is_active = *v;
    body.finish();
  };
}

std::vector<d::McqChoice> read_choices(Body& body) {
  const json& items = body.json()["choices"];
  std::vector<d::McqChoice> out;
  if (!items.is_array()) {
    body.error("choices", "Expected a list of items.");
    return out;
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string key = "choices." + std::to_string(i);
    if (!items[i].is_object()) {
      body.error(key, "Invalid data. Expected a dictionary.");
      continue;
    }
    Body fields(items[i], kChoiceFields);
    d::McqChoice c;
    c.order = static_cast<int>(i);
    if (auto v = fields.integer("id", false, true)) c.id = *v;
    if (auto v = fields.text("choice_text", true)) c.choice_text = *v;
    if (auto v = fields.text("choice_text_ko", true)) c.choice_text_ko = *v;
    if (auto v = fields.integer("points", true)) c.points = static_cast<int>(*v);
    if (auto v = fields.boolean("is_correct")) c.is_correct = *v;
    if (auto v = fields.integer("order")) c.order = static_cast<int>(*v);
    if (auto v = fields.boolean("contributes_to_risk")) c.contributes_to_risk = *v;
    if (auto v = fields.number("risk_weight")) c.risk_weight = *v;
    if (auto v = fields.text("risk_label", false, true, 0, true)) c.risk_label = *v;
    if (auto v = fields.text("risk_label_ko", false, true, 0, true)) c.risk_label_ko = *v;
    for (auto& [f, msgs] : fields.errors())
      for (auto& m : msgs) body.error(key + "." + f, m);
    out.push_back(std::move(c));
  }
  return out;
}

service::McqQuestionEdit question_edit(const http::Request& req, bool whole) {
  return [&req, whole](store::McqQuestionRow& row) {
    Body body(req, kQuestionFields, {"id"});
    auto& q = row.question;
    if (auto v = body.integer("category", whole)) row.category_id = *v;
    if (auto v = body.text("question_text", whole)) q.question_text = *v;
    if (auto v = body.text("question_text_ko", whole)) q.question_text_ko = *v;
    if (auto v = body.choice("question_type", {"single", "multiple", "scale", "text"})) {
      for (auto t : {d::QuestionType::single, d::QuestionType::multiple, d::QuestionType::scale, d::QuestionType::text})
        if (*v == type_code(t)) q.question_type = t;
    }
    if (auto v = body.integer("points")) q.points = static_cast<int>(*v);
    if (auto v = body.boolean("is_required")) q.is_required = *v;
    if (body.has("help_text")) row.help_text = body.text("help_text", false, true, 0, true);
    if (body.has("help_text_ko")) row.help_text_ko = body.text("help_text_ko", false, true, 0, true);
    if (auto v = body.integer("order")) q.order = static_cast<int>(*v);
    if (auto v = body.boolean("is_active")) q.is_active = *v;
    if (body.has("depends_on")) q.depends_on_id = body.integer("depends_on", false, true);
    if (body.has("depends_on_choice")) q.depends_on_choice_id = body.integer("depends_on_choice", false, true);
    if (body.has("choices")) q.choices = read_choices(body);
    else if (whole) q.choices.clear();
    body.finish();
  };
}

}  // namespace

void register_mcq_admin_routes(http::Router& router, const app::Dependencies& deps) {
  router.post("/api/v1/mcq/categories/", [&deps](http::Request& req) {
    return http::json_response(201, category_json(service::create_mcq_category(context(req, deps),
                                                                               category_edit(req, true))));
  }, "mcq-categories-create");
  for (bool whole : {true, false}) {
    auto handler = [&deps, whole](http::Request& req) {
      return http::json_response(200, category_json(service::update_mcq_category(
                                          context(req, deps), req.param_int("id"), category_edit(req, whole))));
    };
    if (whole) router.put("/api/v1/mcq/categories/{id:int}/", handler, "mcq-categories-update");
    else router.patch("/api/v1/mcq/categories/{id:int}/", handler, "mcq-categories-partial-update");
  }
  router.del("/api/v1/mcq/categories/{id:int}/", [&deps](http::Request& req) {
    service::delete_mcq_category(context(req, deps), req.param_int("id"));
    return http::Response{204, {}, {}, {}};  // all members: -Wmissing-field-initializers
  }, "mcq-categories-delete");

  router.post("/api/v1/mcq/questions/", [&deps](http::Request& req) {
    return http::json_response(201, question_json(service::create_mcq_question(context(req, deps),
                                                                               question_edit(req, true))));
  }, "mcq-questions-create");
  for (bool whole : {true, false}) {
    auto handler = [&deps, whole](http::Request& req) {
      return http::json_response(200, question_json(service::update_mcq_question(
                                          context(req, deps), req.param_int("id"), question_edit(req, whole))));
    };
    if (whole) router.put("/api/v1/mcq/questions/{id:int}/", handler, "mcq-questions-update");
    else router.patch("/api/v1/mcq/questions/{id:int}/", handler, "mcq-questions-partial-update");
  }
  router.del("/api/v1/mcq/questions/{id:int}/", [&deps](http::Request& req) {
    service::delete_mcq_question(context(req, deps), req.param_int("id"));
    return http::Response{204, {}, {}, {}};  // all members: -Wmissing-field-initializers
  }, "mcq-questions-delete");
}

}  // namespace the5hc::api
