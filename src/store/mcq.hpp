#pragma once
// Questionnaire bank and answers (DOMAIN.md §1.7): categories, questions with their choices, and the responses of
// one assessment. The bank is read into the domain's types so scoring runs on what the tables hold.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/mcq.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct McqCategoryRow {
  std::int64_t id = 0;
  domain::McqCategory category;
  std::optional<std::string> description, description_ko;
  std::int64_t question_count = 0;  // active questions
};

struct McqQuestionRow {
  std::int64_t category_id = 0;
  std::string category_name, category_name_ko;
  std::optional<std::string> help_text, help_text_ko;
  domain::McqQuestion question;  // with its choices in order
};

// Ordered by sort_order, name; `active_only` hides inactive categories.
std::vector<McqCategoryRow> list_mcq_categories(soci::session& sql, bool active_only);
// Ordered by category order, question order, id. `category_id` narrows to one category.
std::vector<McqQuestionRow> list_mcq_questions(soci::session& sql, bool active_only,
                                               std::optional<std::int64_t> category_id = std::nullopt);
// Every category and question, active or not (scoring looks at the flags itself).
domain::McqBank load_mcq_bank(soci::session& sql);

// Bank edits (superuser). Categories and questions are written whole; `order` goes to sort_order.
std::int64_t insert_mcq_category(soci::session& sql, const McqCategoryRow& c);
void update_mcq_category(soci::session& sql, const McqCategoryRow& c);
void delete_mcq_category(soci::session& sql, std::int64_t id);  // its questions and choices go with it
std::int64_t insert_mcq_question(soci::session& sql, const McqQuestionRow& q);
void update_mcq_question(soci::session& sql, const McqQuestionRow& q);
void delete_mcq_question(soci::session& sql, std::int64_t id);
// Replaces the question's choices with `choices`: a choice with an id of this question is updated, one without is
// inserted, the others are deleted.
void replace_mcq_choices(soci::session& sql, std::int64_t question_id, const std::vector<domain::McqChoice>& choices);
// Responses answering the question (or, with `category`, any question of that category).
std::int64_t count_mcq_responses(soci::session& sql, std::int64_t id, bool category = false);
// Stored answers selecting choices of the question that `keep` does not list.
std::int64_t count_selected_other_choices(soci::session& sql, std::int64_t question_id,
                                          const std::vector<std::int64_t>& keep);

struct StoredResponse {
  domain::McqResponse response;
  int points_earned = 0;
};
std::vector<StoredResponse> load_mcq_responses(soci::session& sql, std::int64_t assessment_id);
// Deletes the responses of the questions given (every response when `question_ids` is empty and `all`).
void delete_mcq_responses(soci::session& sql, std::int64_t assessment_id, const std::vector<std::int64_t>& question_ids,
                          bool all);
void insert_mcq_response(soci::session& sql, std::int64_t assessment_id, const domain::McqResponse& r, int points,
                         const std::string& now);

}  // namespace the5hc::store
