// The questionnaire pages of an assessment (WEB.md §4.4 MCQ): one section per active category with its weight,
// the four input kinds, dependent questions (shown by the page's script, ignored by the server when their
// condition is not met), pre-filled answers, "N / M 응답", clear with confirmation, and the print view.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "front/context.hpp"
#include "service/mcq.hpp"
#include "web/assessment_views.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

std::string url_of(std::int64_t id, const char* tail) { return "/assessments/" + std::to_string(id) + tail; }

// Answers by question id: from the stored responses, or from the posted form ("q_<id>" choice ids,
// "q_<id>_text" text).
std::map<std::int64_t, d::McqResponse> stored_answers(const service::McqStatus& s) {
  std::map<std::int64_t, d::McqResponse> out;
  for (const auto& r : s.responses) out[r.response.question_id] = r.response;
  return out;
}

std::map<std::int64_t, d::McqResponse> posted_answers(const http::QueryParams& f) {
  std::map<std::int64_t, d::McqResponse> out;
  for (const auto& [key, value] : f) {
    if (!key.starts_with("q_")) continue;
    const bool text = key.ends_with("_text");
    std::string digits = key.substr(2, key.size() - 2 - (text ? 5 : 0));
    if (digits.empty() || digits.size() > 12 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    auto& r = out[std::stoll(digits)];
    r.question_id = std::stoll(digits);
    if (text) r.response_text = value;
    else if (!value.empty() && value.size() <= 12 && value.find_first_not_of("0123456789") == std::string::npos)
      r.selected_choice_ids.push_back(std::stoll(value));
  }
  return out;
}

json mcq_view(const service::McqStatus& s, const std::map<std::int64_t, d::McqResponse>& answers,
              const std::map<std::int64_t, std::string>& errors, Lang lang) {
  const bool en = lang == Lang::en;
  json sections = json::array();
  int total = 0, answered = 0;
  std::set<std::int64_t> chosen;  // a dependent question counts when its condition is met
  for (const auto& [qid, r] : answers) chosen.insert(r.selected_choice_ids.begin(), r.selected_choice_ids.end());
  for (const auto& c : s.categories) {
    if (!c.category.is_active) continue;
    json questions = json::array();
    for (const auto& row : s.questions) {
      if (row.category_id != c.id || !row.question.is_active) continue;
      const auto& q = row.question;
      auto it = answers.find(q.id);
      const d::McqResponse* a = it == answers.end() ? nullptr : &it->second;
      auto selected = [&](std::int64_t choice) {
        return a && std::find(a->selected_choice_ids.begin(), a->selected_choice_ids.end(), choice) !=
                        a->selected_choice_ids.end();
      };
      json choices = json::array();
      for (const auto& ch : q.choices)
        choices.push_back({{"id", ch.id}, {"text", en ? ch.choice_text : ch.choice_text_ko}, {"checked", selected(ch.id)}});
      const auto help = en ? row.help_text : row.help_text_ko;
      json item = {{"qid", q.id}, {"text", en ? q.question_text : q.question_text_ko},
                   {"help", help && !help->empty() ? json(*help) : json(nullptr)},
                   {"required", q.is_required}, {"choices", choices},
                   {"single", q.question_type == d::QuestionType::single},
                   {"multiple", q.question_type == d::QuestionType::multiple},
                   {"scale", q.question_type == d::QuestionType::scale},
                   {"text_input", q.question_type == d::QuestionType::text},
                   {"text_value", a ? a->response_text : ""},
                   {"depends_on_choice", q.depends_on_choice_id ? json(std::to_string(*q.depends_on_choice_id)) : json(nullptr)},
                   {"answer", json(nullptr)}};
      // the print view's answer
      std::string shown;
      for (const auto& ch : q.choices)
        if (selected(ch.id)) shown += (shown.empty() ? "" : ", ") + (en ? ch.choice_text : ch.choice_text_ko);
      if (a && !a->response_text.empty()) shown += (shown.empty() ? "" : " · ") + a->response_text;
      item["answer"] = shown.empty() ? "-" : shown;
      if (auto e = errors.find(q.id); e != errors.end()) item["error"] = e->second;
      if (!q.depends_on_choice_id || chosen.count(*q.depends_on_choice_id)) {
        ++total;
        if (a && (!a->selected_choice_ids.empty() || !a->response_text.empty())) ++answered;
      }
      questions.push_back(item);
    }
    if (questions.empty()) continue;
    sections.push_back({{"name", en ? c.category.name : c.category.name_ko},
                        {"weight", std::to_string(std::llround(c.category.weight * 100)) + "%"},
                        {"questions", questions}});
  }
  return {{"sections", sections},
          {"progress", i18n::translate(lang, "{n} / {m} answered", {{"n", std::to_string(answered)}, {"m", std::to_string(total)}})},
          {"progress_text", i18n::tr(lang, "{n} / {m} answered")}};
}

http::Response mcq_page(const http::Request& req, const service::Dependencies& deps, const service::McqStatus& s,
                        const std::map<std::int64_t, d::McqResponse>& answers, json errors_json,
                        const std::map<std::int64_t, std::string>& question_errors, int status, bool print) {
  const auto& a = s.assessment;
  Page p;
  p.title = i18n::tr(req.lang, "Comprehensive health questionnaire");
  p.content = print ? "assessments/mcq_print" : "assessments/mcq";
  p.fragments = {{"mcq-form", "assessments/_mcq_form"}};
  p.data = mcq_view(s, answers, question_errors, req.lang);
  p.data["heading"] = p.title;
  p.data["subtitle"] = i18n::translate(req.lang, "Knowledge, lifestyle and readiness of {name}", {{"name", a.client_name}});
  p.data["id"] = a.id;
  p.data["action"] = url_of(a.id, "/mcq/");
  p.data["has_responses"] = !s.responses.empty();
  p.data["errors"] = std::move(errors_json);
  p.data["clear_question"] = i18n::tr(req.lang, "Do you want to delete all answers?");
  p.status = status;
  return respond(req, deps, std::move(p));
}

}  // namespace

void register_mcq_pages(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/assessments/{id:int}/mcq/", [&deps](http::Request& req) {
    auto s = service::mcq_status(front::context(req, deps), front::path_id(req));
    return mcq_page(req, deps, s, stored_answers(s), json::object(), {}, 200, false);
  }, "web-assessment-mcq");

  page_route(router, "GET", "/assessments/{id:int}/mcq/print/", [&deps](http::Request& req) {
    auto s = service::mcq_status(front::context(req, deps), front::path_id(req));
    return mcq_page(req, deps, s, stored_answers(s), json::object(), {}, 200, true);
  }, "web-assessment-mcq-print");

  page_route(router, "POST", "/assessments/{id:int}/mcq/", [&deps](http::Request& req) {
    auto id = front::path_id(req);
    auto ctx = front::context(req, deps);
    auto answers = posted_answers(form(req));
    service::McqAnswers body;
    for (const auto& [qid, r] : answers)
      if (!r.selected_choice_ids.empty() || !r.response_text.empty()) body.responses.push_back(r);
    try {
      service::save_mcq_responses(ctx, id, body, true);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::validation) throw;
      // "responses.<index>.<field>" → the question at that index
      std::map<std::int64_t, std::string> by_question;
      for (const auto& [field, messages] : e.fields()) {
        if (!field.starts_with("responses.") || messages.empty()) continue;
        auto index = std::stoul(field.substr(10));
        if (index < body.responses.size())
          by_question[body.responses[index].question_id] = i18n::translate(req.lang, messages.front());
      }
      json errors = field_errors(e, req.lang);
      errors["summary"] = i18n::tr(req.lang, "Please check the form.");
      return mcq_page(req, deps, service::mcq_status(ctx, id), answers, errors, by_question, 422, false);
    }
    return see_other(req, deps, url_of(id, "/"), "success", i18n::tr(req.lang, "The questionnaire has been saved."));
  }, "web-assessment-mcq-save");

  page_route(router, "POST", "/assessments/{id:int}/mcq/clear/", [&deps](http::Request& req) {
    auto id = front::path_id(req);
    service::clear_mcq_responses(front::context(req, deps), id);
    return see_other(req, deps, url_of(id, "/mcq/"), "success", i18n::tr(req.lang, "All answers have been deleted."));
  }, "web-assessment-mcq-clear");
}

}  // namespace the5hc::web
