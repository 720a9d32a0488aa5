// Questionnaire scoring (DOMAIN.md §2.8, §3.3, §12 #37–#38).
#include <gtest/gtest.h>

#include "common/i18n.hpp"

#include "domain/evaluation.hpp"
#include "domain/mcq.hpp"
#include "domain/reference_data.hpp"
#include "domain/rounding.hpp"
#include "domain_test_support.hpp"

namespace the5hc::domain {
namespace {

// choice id of the built-in bank: question × 10 + order
McqResponse answer(std::int64_t question, std::vector<int> orders) {
  McqResponse r{question, {}, {}};
  for (int o : orders) r.selected_choice_ids.push_back(question * 10 + o);
  return r;
}

std::vector<McqResponse> example_37() {
  return {answer(1, {2}), answer(5, {1, 2}), answer(2, {3}), answer(4, {2}), answer(3, {4}), answer(6, {4})};
}

TEST(McqBank, BuiltinMatchesSpec) {
  const auto& bank = builtin_mcq_bank();
  ASSERT_EQ(bank.categories.size(), 3u);
  double weights = 0;
  for (const auto& c : bank.categories) weights += c.weight;
  EXPECT_NEAR(weights, 0.40, 1e-12);  // active weights must sum to 0.40
  ASSERT_EQ(bank.questions.size(), 6u);
  for (const auto& q : bank.questions) {
    EXPECT_EQ(q.points, 5);
    for (const auto& c : q.choices) EXPECT_EQ(c.contributes_to_risk, c.risk_weight > 0);  // §1.7 invariant
  }
  EXPECT_EQ(bank.questions[4].question_type, QuestionType::multiple);
  EXPECT_EQ(bank.questions[5].question_type, QuestionType::scale);
  EXPECT_EQ(bank.questions[5].choices.size(), 5u);
  EXPECT_EQ(bank.questions[0].choices[3].risk_label, "overtraining");
}

// §12 #37
TEST(Mcq, WorkedExample37) {
  const auto& bank = builtin_mcq_bank();
  auto responses = example_37();
  EXPECT_TRUE(validate_mcq_responses(bank, responses, true).empty());
  auto r = score_mcq(bank, responses);
  EXPECT_DOUBLE_EQ(*r.category_scores.at("knowledge"), 90.0);
  EXPECT_DOUBLE_EQ(*r.category_scores.at("lifestyle"), 70.0);
  EXPECT_DOUBLE_EQ(*r.category_scores.at("readiness"), 90.0);
  EXPECT_EQ(r.points_earned.at(5), 4);
  EXPECT_DOUBLE_EQ(*comprehensive_score(68.1, bank, r), 73.9);
  EXPECT_DOUBLE_EQ(*r.mcq_risk, 10.0);
  ASSERT_EQ(r.risk_items.size(), 1u);
  EXPECT_EQ(r.risk_items[0].answer, "예, 가끔");
  EXPECT_DOUBLE_EQ(r.completion.at("knowledge").percentage, 100.0);

  auto e = evaluate_assessment(testing::assessment_a(), testing::man(35, 80), responses);
  EXPECT_DOUBLE_EQ(*e.comprehensive_score, 73.9);
  EXPECT_DOUBLE_EQ(e.risk.physical, 13.0);
  EXPECT_DOUBLE_EQ(e.risk.score, 12.4);
  EXPECT_DOUBLE_EQ(e.risk.factors.back().points, 2.0);
}

// §12 #38
TEST(Mcq, RiskFromWeights) {
  EXPECT_DOUBLE_EQ(mcq_risk_from_weights({1.0, 0.5}), 15.0);
  EXPECT_DOUBLE_EQ(mcq_risk_from_weights(std::vector<double>(12, 1.0)), 100.0);
  EXPECT_DOUBLE_EQ(mcq_risk_from_weights({}), 0.0);
  EXPECT_DOUBLE_EQ(mcq_risk_from_weights({1.7}), 10.0);  // a weight counts at most 1
  EXPECT_DOUBLE_EQ(mcq_risk_from_weights({0.25}), 2.5);
}

TEST(Mcq, ResponsePointsByType) {
  const auto& bank = builtin_mcq_bank();
  EXPECT_EQ(*response_points(bank.questions[0], answer(1, {2})), 5);
  EXPECT_EQ(*response_points(bank.questions[0], answer(1, {})), 0);
  EXPECT_EQ(*response_points(bank.questions[4], answer(5, {1, 2, 3})), 5);  // 2+2+1 capped at 5 anyway
  EXPECT_EQ(*response_points(bank.questions[4], answer(5, {3, 4})), 1);
  EXPECT_EQ(*response_points(bank.questions[5], answer(6, {3})), 3);
  McqQuestion multi = bank.questions[4];
  multi.points = 3;
  EXPECT_EQ(*response_points(multi, answer(5, {1, 2})), 3);  // min(question points, Σ)
  McqQuestion text;
  text.question_type = QuestionType::text;
  EXPECT_FALSE(response_points(text, McqResponse{1, {}, "free text"}));
}

TEST(Mcq, UnansweredCategoriesAreNullAndComprehensiveCountsThemZero) {
  const auto& bank = builtin_mcq_bank();
  auto r = score_mcq(bank, {answer(1, {2})});
  EXPECT_DOUBLE_EQ(*r.category_scores.at("knowledge"), 100.0);
  EXPECT_FALSE(r.category_scores.at("lifestyle"));
  EXPECT_FALSE(r.mcq_risk);
  EXPECT_DOUBLE_EQ(*comprehensive_score(50.0, bank, r), 45.0);  // 30 + 0.15 × 100
  EXPECT_FALSE(comprehensive_score(std::nullopt, bank, r));
  EXPECT_FALSE(comprehensive_score(50.0, bank, score_mcq(bank, {})));
  EXPECT_DOUBLE_EQ(r.completion.at("knowledge").percentage, 50.0);
  EXPECT_DOUBLE_EQ(r.completion.at("lifestyle").percentage, 0.0);
}

TEST(Mcq, Validation) {
  const auto& bank = builtin_mcq_bank();
  auto e = validate_mcq_responses(bank, {answer(1, {1, 2})}, false);
  EXPECT_EQ(e.at("responses.0.selected_choices").front(),
            "Only one answer can be selected for a single-choice question.");
  e = validate_mcq_responses(bank, {answer(6, {1, 2})}, false);  // scale: one choice too
  EXPECT_TRUE(e.count("responses.0.selected_choices"));
  e = validate_mcq_responses(bank, {McqResponse{1, {21}, {}}}, false);  // a choice of question 2
  EXPECT_TRUE(e.count("responses.0.selected_choices"));
  e = validate_mcq_responses(bank, {McqResponse{99, {}, {}}}, false);
  EXPECT_TRUE(e.count("responses.0.question_id"));
  e = validate_mcq_responses(bank, {answer(1, {2}), answer(1, {2})}, false);
  EXPECT_TRUE(e.count("responses.1.question_id"));
  e = validate_mcq_responses(bank, {answer(1, {2})}, true);
  ASSERT_TRUE(e.count("non_field_errors"));
  EXPECT_EQ(e.at("non_field_errors").size(), 5u);
  EXPECT_EQ(the5hc::i18n::translate(the5hc::Lang::en, e.at("non_field_errors").front()), "'평균 수면 시간은 얼마입니까?' is a required question.");
  EXPECT_TRUE(validate_mcq_responses(bank, {answer(5, {1, 2, 3, 4})}, false).empty());
}

TEST(Mcq, DependentQuestionCountsOnlyWhenItsChoiceWasSelected) {
  McqBank bank = builtin_mcq_bank();
  McqQuestion follow_up;
  follow_up.id = 7;
  follow_up.category_code = "lifestyle";
  follow_up.points = 5;
  follow_up.depends_on_id = 4;
  follow_up.depends_on_choice_id = 41;  // 예, 매일
  follow_up.choices = {{71, "Yes", "예", 5, false, 1, true, 0.5, "smoking", "흡연"}};
  bank.questions.push_back(follow_up);
  auto r = score_mcq(bank, {answer(4, {4}), answer(7, {1})});
  EXPECT_DOUBLE_EQ(*r.category_scores.at("lifestyle"), 100.0);  // question 7 ignored
  EXPECT_FALSE(r.mcq_risk);
  EXPECT_FALSE(validate_mcq_responses(bank, {answer(4, {4})}, true).count("responses.0.question_id"));
  r = score_mcq(bank, {answer(4, {1}), answer(7, {1})});
  EXPECT_DOUBLE_EQ(*r.category_scores.at("lifestyle"), 50.0);  // (0 + 5) / 10
  EXPECT_DOUBLE_EQ(*r.mcq_risk, 15.0);
}

TEST(Mcq, TextQuestionsAreNotScored) {
  McqBank bank = builtin_mcq_bank();
  McqQuestion text;
  text.id = 8;
  text.category_code = "readiness";
  text.question_type = QuestionType::text;
  text.points = 5;
  bank.questions.push_back(text);
  auto r = score_mcq(bank, {answer(3, {1}), McqResponse{8, {}, "무릎 수술 이력"}});
  EXPECT_DOUBLE_EQ(*r.category_scores.at("readiness"), 100.0);
  EXPECT_FALSE(r.points_earned.count(8));
  EXPECT_EQ(r.completion.at("readiness").answered, 2);
}

TEST(Mcq, InactiveCategoryLeftOutOfComprehensive) {
  McqBank bank = builtin_mcq_bank();
  bank.categories[1].is_active = false;
  auto r = score_mcq(bank, example_37());
  EXPECT_FALSE(r.category_scores.count("lifestyle"));
  EXPECT_DOUBLE_EQ(*comprehensive_score(68.1, bank, r), round1(0.6 * 68.1 + 0.15 * 90 + 0.10 * 90));
}

}  // namespace
}  // namespace the5hc::domain

namespace the5hc::domain {
namespace {

TEST(Mcq, SingleResponseCheck) {
  const auto& q1 = builtin_mcq_bank().questions[0];
  EXPECT_TRUE(validate_response(q1, answer(1, {2}), true).empty());
  EXPECT_EQ(validate_response(q1, answer(1, {}), true).at("selected_choices").front(), "Select at least one choice.");
  EXPECT_TRUE(validate_response(q1, answer(1, {}), false).empty());
  McqQuestion text;
  text.question_type = QuestionType::text;
  EXPECT_EQ(validate_response(text, McqResponse{8, {}, ""}, true).at("response_text").front(),
            "A text answer is required.");
  EXPECT_TRUE(validate_response(text, McqResponse{8, {}, "none"}, true).empty());
  EXPECT_EQ(*response_points(q1, answer(1, {2})), q1.points);  // the endpoint's points / max_points
}

}  // namespace
}  // namespace the5hc::domain
