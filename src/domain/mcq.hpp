#pragma once
// Questionnaire (MCQ) scoring, DOMAIN.md §1.7 and §2.8: points per response, category scores, the comprehensive
// score and the MCQ injury-risk contribution.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace the5hc::domain {

enum class QuestionType { single, multiple, scale, text };

struct McqChoice {
  std::int64_t id = 0;
  std::string choice_text, choice_text_ko;
  int points = 0;
  bool is_correct = false;
  int order = 0;
  bool contributes_to_risk = false;
  double risk_weight = 0.0;  // 0.00–1.00
  std::string risk_label, risk_label_ko;
};

struct McqQuestion {
  std::int64_t id = 0;
  std::string category_code;
  std::string question_text, question_text_ko;
  QuestionType question_type = QuestionType::single;
  int points = 1;  // maximum points
  bool is_required = true;
  int order = 0;
  bool is_active = true;
  std::optional<std::int64_t> depends_on_id, depends_on_choice_id;
  std::vector<McqChoice> choices;
};

struct McqCategory {
  std::string code, name, name_ko;
  double weight = 0.0;
  int order = 0;
  bool is_active = true;
};

struct McqBank {
  std::vector<McqCategory> categories;
  std::vector<McqQuestion> questions;
};

struct McqResponse {
  std::int64_t question_id = 0;
  std::vector<std::int64_t> selected_choice_ids;
  std::string response_text;
};

struct McqRiskItem {  // one risky answer, listed in the `mcq_risk` factor
  std::string category, question, answer;
  double risk_weight = 0.0;
};

struct McqCompletion {
  int total = 0, answered = 0;
  double percentage = 0.0;
};

struct McqResult {
  std::map<std::int64_t, int> points_earned;                    // per answered question id
  std::map<std::string, std::optional<double>> category_scores;  // every category of the bank
  std::map<std::string, McqCompletion> completion;
  std::optional<double> mcq_risk;  // NULL when no risky answer was given
  std::vector<McqRiskItem> risk_items;
  bool has_responses = false;
};

// Points of one response: single/scale → the selected choice's points; multiple → min(question points, Σ);
// text → not scored (nullopt).
std::optional<int> response_points(const McqQuestion& q, const McqResponse& r);

// One response to its question (POST /mcq/questions/validate/ asks with require_answer): keys "selected_choices"
// and "response_text".
FieldErrors validate_response(const McqQuestion& q, const McqResponse& r, bool require_answer);

// Checks the responses against the bank: unknown question, choice not of its question, several choices on a
// single/scale question, and (when require_all) required active questions left unanswered. Keys are
// "responses.<index>.selected_choices" / "responses.<index>.question_id" and "non_field_errors".
FieldErrors validate_mcq_responses(const McqBank& bank, const std::vector<McqResponse>& responses, bool require_all);

// Scores valid responses (call validate first). Questions whose dependency is not satisfied are ignored.
McqResult score_mcq(const McqBank& bank, const std::vector<McqResponse>& responses);

// round1(0.60 × overall + Σ weight × score) over active categories; NULL without overall or without responses.
std::optional<double> comprehensive_score(std::optional<double> overall, const McqBank& bank, const McqResult& mcq);

// Bank edits (superuser): active category weights are 0.00–1.00 with two decimals and sum to 0.40; a question has
// points ≥ 1; choices have points ≥ 0, risk_weight 0.00–1.00, and risk_weight > 0 only with contributes_to_risk.
FieldErrors validate_mcq_categories(const std::vector<McqCategory>& categories);
FieldErrors validate_mcq_question(const McqQuestion& q);

// round1(min(100, Σ min(w, 1) × 10)) over the risk weights of risky selected choices.
double mcq_risk_from_weights(const std::vector<double>& risk_weights);

}  // namespace the5hc::domain
