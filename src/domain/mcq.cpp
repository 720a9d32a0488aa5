#include "domain/mcq.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "domain/messages.hpp"
#include "domain/rounding.hpp"

namespace the5hc::domain {

namespace {

const McqQuestion* find_question(const McqBank& bank, std::int64_t id) {
  for (const auto& q : bank.questions)
    if (q.id == id) return &q;
  return nullptr;
}

const McqChoice* find_choice(const McqQuestion& q, std::int64_t id) {
  for (const auto& c : q.choices)
    if (c.id == id) return &c;
  return nullptr;
}

const McqResponse* find_response(const std::vector<McqResponse>& responses, std::int64_t question_id) {
  for (const auto& r : responses)
    if (r.question_id == question_id) return &r;
  return nullptr;
}

// A question that depends on a choice is shown (and counted) only when that choice was selected.
bool dependency_satisfied(const McqQuestion& q, const std::vector<McqResponse>& responses) {
  if (!q.depends_on_id || !q.depends_on_choice_id) return true;
  const auto* r = find_response(responses, *q.depends_on_id);
  return r && std::ranges::find(r->selected_choice_ids, *q.depends_on_choice_id) != r->selected_choice_ids.end();
}

bool answered(const McqQuestion& q, const McqResponse* r) {
  if (!r) return false;
  if (q.question_type == QuestionType::text) return !r->response_text.empty();
  return !r->selected_choice_ids.empty();
}

}  // namespace

std::optional<int> response_points(const McqQuestion& q, const McqResponse& r) {
  if (q.question_type == QuestionType::text) return std::nullopt;
  int sum = 0;
  for (auto id : r.selected_choice_ids)
    if (const auto* c = find_choice(q, id)) sum += c->points;
  if (q.question_type == QuestionType::multiple) return std::min(q.points, sum);
  return sum;  // single / scale: at most one choice after validation
}

FieldErrors validate_response(const McqQuestion& q, const McqResponse& r, bool require_answer) {
  FieldErrors errors;
  if (q.question_type == QuestionType::text) {
    if (require_answer && r.response_text.empty())
      errors["response_text"].push_back("A text answer is required.");  // 텍스트 답변이 필요합니다.
    return errors;
  }
  if (require_answer && r.selected_choice_ids.empty())
    errors["selected_choices"].push_back("Select at least one choice.");  // 선택 항목이 필요합니다.
  if ((q.question_type == QuestionType::single || q.question_type == QuestionType::scale) &&
      r.selected_choice_ids.size() > 1)
    errors["selected_choices"].push_back(
        "Only one answer can be selected for a single-choice question.");  // 단일 선택 질문에는 하나의 답변만 선택할 수 있습니다.
  for (auto id : r.selected_choice_ids)
    if (!find_choice(q, id)) {
      errors["selected_choices"].push_back(
          "The selected choice does not belong to this question.");  // 선택한 항목이 이 질문에 속하지 않습니다.
      break;
    }
  return errors;
}

FieldErrors validate_mcq_responses(const McqBank& bank, const std::vector<McqResponse>& responses, bool require_all) {
  FieldErrors errors;
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const auto& r = responses[i];
    const std::string key = "responses." + std::to_string(i);
    const auto* q = find_question(bank, r.question_id);
    if (!q || !q->is_active) {
      errors[key + ".question_id"].push_back("Question not found.");  // 질문을 찾을 수 없습니다.
      continue;
    }
    if (!seen.insert(r.question_id).second)
      errors[key + ".question_id"].push_back(
          "This question was answered more than once.");  // 같은 질문에 대한 응답이 중복되었습니다.
    for (auto& [field, msgs] : validate_response(*q, r, false))
      for (auto& m : msgs) errors[key + "." + field].push_back(std::move(m));
  }
  if (require_all)
    for (const auto& q : bank.questions)
      if (q.is_active && q.is_required && dependency_satisfied(q, responses) &&
          !answered(q, find_response(responses, q.id)))
        // '{질문}'은(는) 필수 질문입니다.
        errors["non_field_errors"].push_back(
            fill("'{question}' is a required question.", {{"question", q.question_text_ko}}));
  return errors;
}

FieldErrors validate_mcq_categories(const std::vector<McqCategory>& categories) {
  FieldErrors errors;
  long hundredths = 0;  // weights have two decimals: compare their sum exactly
  for (std::size_t i = 0; i < categories.size(); ++i) {
    const auto& c = categories[i];
    double scaled = c.weight * 100;
    if (c.weight < 0 || c.weight > 1 || std::fabs(scaled - std::round(scaled)) > 1e-6)
      errors["categories." + std::to_string(i) + ".weight"].push_back(
          "Weight must be between 0.00 and 1.00 with two decimals.");  // 가중치는 0.00 이상 1.00 이하, 소수점 두 자리여야 합니다.
    if (c.is_active) hundredths += std::lround(scaled);
  }
  if (errors.empty() && hundredths != 40)
    errors["non_field_errors"].push_back(
        "The weights of the active categories must add up to 0.40.");  // 활성 카테고리 가중치의 합은 0.40이어야 합니다.
  return errors;
}

FieldErrors validate_mcq_question(const McqQuestion& q) {
  FieldErrors errors;
  if (q.points < 1) errors["points"].push_back("Ensure this value is greater than or equal to 1.");  // 1 이상이어야 합니다.
  for (std::size_t i = 0; i < q.choices.size(); ++i) {
    const auto& c = q.choices[i];
    const std::string key = "choices." + std::to_string(i);
    // 0 이상이어야 합니다.
    if (c.points < 0) errors[key + ".points"].push_back("Ensure this value is greater than or equal to 0.");
    if (c.risk_weight < 0 || c.risk_weight > 1)
      errors[key + ".risk_weight"].push_back("Ensure this value is between 0 and 1.");  // 0 이상 1 이하여야 합니다.
    else if (c.risk_weight > 0 && !c.contributes_to_risk)
      errors[key + ".contributes_to_risk"].push_back(
          "A choice with a risk weight must contribute to risk.");  // 위험 가중치가 있는 선택지는 위험 요인으로 표시해야 합니다.
  }
  return errors;
}

double mcq_risk_from_weights(const std::vector<double>& risk_weights) {
  double sum = 0;
  for (double w : risk_weights) sum += std::min(w, 1.0) * 10;
  return round1(std::min(100.0, sum));
}

McqResult score_mcq(const McqBank& bank, const std::vector<McqResponse>& responses) {
  McqResult result;
  std::map<std::string, std::pair<int, int>> earned_possible;
  std::vector<double> risk_weights;
  for (const auto& q : bank.questions) {
    if (!q.is_active || !dependency_satisfied(q, responses)) continue;
    const auto* r = find_response(responses, q.id);
    bool is_answered = answered(q, r);
    if (q.is_required) {
      auto& c = result.completion[q.category_code];
      ++c.total;
      c.answered += is_answered;
    }
    if (!r) continue;
    result.has_responses = true;
    if (!is_answered || q.question_type == QuestionType::text) continue;
    int points = response_points(q, *r).value_or(0);
    result.points_earned[q.id] = points;
    auto& [earned, possible] = earned_possible[q.category_code];
    earned += points;
    possible += q.points;
    for (auto id : r->selected_choice_ids)
      if (const auto* c = find_choice(q, id); c && c->contributes_to_risk && c->risk_weight > 0) {
        risk_weights.push_back(c->risk_weight);
        result.risk_items.push_back({q.category_code, q.question_text_ko, c->choice_text_ko, c->risk_weight});
      }
  }
  for (const auto& cat : bank.categories) {
    if (!cat.is_active) continue;
    auto it = earned_possible.find(cat.code);
    result.category_scores[cat.code] =
        it == earned_possible.end() || it->second.second == 0
            ? std::nullopt
            : std::optional<double>(round1(100.0 * it->second.first / it->second.second));
  }
  for (auto& [code, c] : result.completion) c.percentage = c.total ? round1(100.0 * c.answered / c.total) : 100.0;
  if (double risk = mcq_risk_from_weights(risk_weights); risk > 0) result.mcq_risk = risk;
  return result;
}

std::optional<double> comprehensive_score(std::optional<double> overall, const McqBank& bank, const McqResult& mcq) {
  if (!overall || !mcq.has_responses) return std::nullopt;
  double sum = 0.60 * *overall;
  for (const auto& cat : bank.categories) {
    if (!cat.is_active) continue;
    auto it = mcq.category_scores.find(cat.code);
    if (it != mcq.category_scores.end() && it->second) sum += cat.weight * *it->second;
  }
  return round1(sum);
}

}  // namespace the5hc::domain
