#pragma once
// Questionnaire use cases (DOMAIN.md §1.7, §2.8; API.md §3.2–§3.3): reading the bank, and answering it for an
// assessment — every change of the answers rescores the assessment (MCQ scores, comprehensive score, blended
// injury risk) in the same transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "store/assessments.hpp"
#include "store/mcq.hpp"

namespace the5hc::service {

std::vector<store::McqCategoryRow> list_mcq_categories(const Context& ctx, bool include_inactive);
store::McqCategoryRow get_mcq_category(const Context& ctx, std::int64_t id);
std::vector<store::McqQuestionRow> category_questions(const Context& ctx, std::int64_t category_id);

struct McqQuestionQuery {
  std::optional<std::string> category;  // id or code
  std::optional<std::string> type;
  std::optional<bool> required, has_dependency;
  std::vector<std::string> search;  // question texts (ko, en)
};
std::vector<store::McqQuestionRow> list_mcq_questions(const Context& ctx, const McqQuestionQuery& q);
store::McqQuestionRow get_mcq_question(const Context& ctx, std::int64_t id);

// POST /mcq/questions/validate/: one answer checked against an active question, nothing stored.
struct McqAnswerScore {
  int points = 0, max_points = 0;
};
McqAnswerScore score_mcq_answer(const Context& ctx, const domain::McqResponse& answer);

struct McqStatus {
  store::Assessment assessment;  // as stored after the change
  std::vector<store::McqCategoryRow> categories;
  std::vector<store::McqQuestionRow> questions;
  std::vector<store::StoredResponse> responses;
  domain::McqResult result;
  std::optional<double> comprehensive_score;
};

McqStatus mcq_status(const Context& ctx, std::int64_t assessment_id);
// POST (`replace_all`): the responses replace every answer and required questions must be answered; PATCH: only
// the questions given are replaced.
struct McqAnswers {
  std::vector<domain::McqResponse> responses;
  FieldErrors input_errors;  // errors found reading the body: reported once the assessment is found (404 first)
};
McqStatus save_mcq_responses(const Context& ctx, std::int64_t assessment_id, const McqAnswers& answers,
                             bool replace_all);
void clear_mcq_responses(const Context& ctx, std::int64_t assessment_id);

}  // namespace the5hc::service
