#include "service/mcq.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "service/assessments.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"

namespace the5hc::service {
namespace {

namespace d = the5hc::domain;
using nlohmann::json;

// Scores the stored responses against the bank and stores the rescored assessment.
void rescore_and_store(soci::session& sql, const Context& ctx, const store::Assessment& a) {
  const std::string now = format_timestamp(ctx.clock.now());
  const auto reference = load_reference(sql);  // keeps the shared set alive while ref is used
  const LoadedReference& ref = *reference;
  store::update_assessment(sql, a.id, rescore(sql, a, ref, now), now);
}

McqStatus status_of(soci::session& sql, std::int64_t assessment_id) {
  McqStatus s;
  s.assessment = *store::find_assessment(sql, assessment_id);
  s.categories = store::list_mcq_categories(sql, true);
  s.questions = store::list_mcq_questions(sql, true);
  s.responses = store::load_mcq_responses(sql, assessment_id);
  auto bank = store::load_mcq_bank(sql);
  std::vector<d::McqResponse> responses;
  for (const auto& r : s.responses) responses.push_back(r.response);
  s.result = d::score_mcq(bank, responses);
  s.comprehensive_score = s.assessment.results.comprehensive_score;
  return s;
}

bool contains_text(const store::McqQuestionRow& q, const std::string& term) {
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  return lower(q.question.question_text).find(lower(term)) != std::string::npos ||
         q.question.question_text_ko.find(term) != std::string::npos;
}

std::optional<store::McqQuestionRow> active_question(const Context& ctx, std::int64_t id) {
  auto rows = ctx.db.read([&](soci::session& sql) { return store::list_mcq_questions(sql, true); });
  for (auto& r : rows)
    if (r.question.id == id) return std::move(r);
  return std::nullopt;
}

}  // namespace

std::vector<store::McqCategoryRow> list_mcq_categories(const Context& ctx, bool include_inactive) {
  const bool all = include_inactive && require_actor(ctx).is_superuser;
  return ctx.db.read([&](soci::session& sql) { return store::list_mcq_categories(sql, !all); });
}

store::McqCategoryRow get_mcq_category(const Context& ctx, std::int64_t id) {
  for (auto& c : list_mcq_categories(ctx, true))
    if (c.id == id) return c;
  throw Error::not_found();
}

std::vector<store::McqQuestionRow> category_questions(const Context& ctx, std::int64_t category_id) {
  get_mcq_category(ctx, category_id);
  return ctx.db.read([&](soci::session& sql) { return store::list_mcq_questions(sql, true, category_id); });
}

std::vector<store::McqQuestionRow> list_mcq_questions(const Context& ctx, const McqQuestionQuery& q) {
  require_actor(ctx);
  auto rows = ctx.db.read([&](soci::session& sql) { return store::list_mcq_questions(sql, true); });
  static const char* kTypes[] = {"single", "multiple", "scale", "text"};
  std::erase_if(rows, [&](const store::McqQuestionRow& r) {
    if (q.category && *q.category != r.question.category_code && *q.category != std::to_string(r.category_id))
      return true;
    if (q.type && *q.type != kTypes[static_cast<int>(r.question.question_type)]) return true;
    if (q.required && *q.required != r.question.is_required) return true;
    if (q.has_dependency && *q.has_dependency != r.question.depends_on_id.has_value()) return true;
    for (const auto& term : q.search)
      if (!contains_text(r, term)) return true;
    return false;
  });
  return rows;
}

store::McqQuestionRow get_mcq_question(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  if (auto row = active_question(ctx, id)) return *row;
  throw Error::not_found();
}

McqAnswerScore score_mcq_answer(const Context& ctx, const d::McqResponse& answer) {
  require_actor(ctx);
  auto row = active_question(ctx, answer.question_id);
  if (!row) throw Error::field("question_id", "Question not found.");  // 질문을 찾을 수 없습니다.
  const auto& q = row->question;
  if (auto errors = d::validate_response(q, answer, true); !errors.empty()) throw Error::validation(errors);
  return {d::response_points(q, answer).value_or(0), q.points};  // text answers are not scored
}

McqStatus mcq_status(const Context& ctx, std::int64_t assessment_id) {
  return ctx.db.read([&](soci::session& sql) {
    visible_assessment(sql, ctx, assessment_id, d::Action::view_assessment);
    return status_of(sql, assessment_id);
  });
}

McqStatus save_mcq_responses(const Context& ctx, std::int64_t assessment_id, const McqAnswers& answers,
                             bool replace_all) {
  const auto& responses = answers.responses;
  return ctx.db.write([&](soci::session& sql) {
    visible_assessment(sql, ctx, assessment_id, d::Action::view_assessment);  // invisible → 404 before the body
    if (!answers.input_errors.empty()) throw Error::validation(answers.input_errors);
    auto a = visible_assessment(sql, ctx, assessment_id, d::Action::edit_assessment);
    if (a.is_legacy)
      // 레거시 평가는 먼저 재계산해야 합니다.
      throw Error(ErrorCode::conflict, "A legacy assessment must be recalculated first.");
    auto bank = store::load_mcq_bank(sql);
    auto errors = d::validate_mcq_responses(bank, responses, replace_all);
    if (!errors.empty()) throw Error::validation(errors);
    std::vector<std::int64_t> questions;
    for (const auto& r : responses) questions.push_back(r.question_id);
    store::delete_mcq_responses(sql, assessment_id, questions, replace_all);
    const std::string now = format_timestamp(ctx.clock.now());
    // points are those of the whole set (a dependency may hinge on another answer)
    std::vector<d::McqResponse> all;
    for (auto& r : store::load_mcq_responses(sql, assessment_id)) all.push_back(r.response);
    all.insert(all.end(), responses.begin(), responses.end());
    auto result = d::score_mcq(bank, all);
    for (const auto& r : responses) {
      auto it = result.points_earned.find(r.question_id);
      store::insert_mcq_response(sql, assessment_id, r, it == result.points_earned.end() ? 0 : it->second, now);
    }
    rescore_and_store(sql, ctx, a);
    auto s = status_of(sql, assessment_id);
    json after = json::object();
    for (const auto& [code, score] : s.result.category_scores) after[code] = score ? json(*score) : json(nullptr);
    audit(sql, ctx, "mcq_saved", "assessment", assessment_id, a.client_name + " " + a.meta.date,
          a.meta.organization_id, {std::nullopt, json{{"category_scores", after},
                                                      {"responses", s.responses.size()}}.dump()});
    return s;
  });
}

void clear_mcq_responses(const Context& ctx, std::int64_t assessment_id) {
  ctx.db.write([&](soci::session& sql) {
    auto a = visible_assessment(sql, ctx, assessment_id, d::Action::edit_assessment);
    if (a.is_legacy) throw Error(ErrorCode::conflict, "A legacy assessment must be recalculated first.");
    auto count = store::load_mcq_responses(sql, assessment_id).size();
    store::delete_mcq_responses(sql, assessment_id, {}, true);
    rescore_and_store(sql, ctx, a);
    audit(sql, ctx, "mcq_cleared", "assessment", assessment_id, a.client_name + " " + a.meta.date,
          a.meta.organization_id, {json{{"responses", count}}.dump(), std::nullopt});
  });
}

}  // namespace the5hc::service
