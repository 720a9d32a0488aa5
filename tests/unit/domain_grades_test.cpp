// Score bands and grade labels (DOMAIN.md §2.1, §2.10) and the report rules of §11.
#include <gtest/gtest.h>

#include "domain/grades.hpp"
#include "domain/report_rules.hpp"

namespace the5hc::domain {
namespace {

using namespace std::chrono;

TEST(ScoreBand, Boundaries) {
  const std::pair<double, const char*> cases[] = {{100, "90-100"}, {90, "90-100"}, {89.9, "80-89"}, {80, "80-89"},
                                                  {79.9, "70-79"}, {70, "70-79"},  {69.9, "60-69"}, {60, "60-69"},
                                                  {59.9, "0-59"},  {25, "0-59"}};
  for (auto [score, code] : cases) EXPECT_STREQ(score_band(score).code, code) << score;
  EXPECT_STREQ(score_band(95).ko, "매우 우수");
  EXPECT_STREQ(score_band(65).ko, "보통");
  EXPECT_STREQ(score_band(10).ko, "개선 필요");
}

TEST(TestGrade, ByFloorOfScore) {
  EXPECT_STREQ(test_grade(4).ko, "우수");
  EXPECT_STREQ(test_grade(3.9).ko, "양호");
  EXPECT_STREQ(test_grade(3.0).ko, "양호");
  EXPECT_STREQ(test_grade(2.4).ko, "평균");
  EXPECT_STREQ(test_grade(1.9).ko, "개선 필요");
  EXPECT_STREQ(test_grade(1).en, "Needs improvement");
}

TEST(FmsLabel, OhsAndShoulder) {
  EXPECT_STREQ(fms_label(0, false).ko, "통증");
  EXPECT_STREQ(fms_label(0, true).ko, "통증");
  EXPECT_STREQ(fms_label(1, true).ko, "2주먹 이상");
  EXPECT_STREQ(fms_label(2, false).ko, "보상동작");
  EXPECT_STREQ(fms_label(3, true).ko, "1주먹 이내");
  EXPECT_STREQ(fms_label(3, false).ko, "완벽");
}

TEST(FilterBands, ScoreRange) {
  auto b = parse_score_band("80-89");
  ASSERT_TRUE(b);
  EXPECT_TRUE(b->contains(80));
  EXPECT_TRUE(b->contains(89.9));
  EXPECT_FALSE(b->contains(90));
  EXPECT_FALSE(b->contains(79.9));
  auto top = parse_score_band("90-100");
  EXPECT_TRUE(top->contains(100));
  EXPECT_FALSE(parse_score_band("85-95"));
  EXPECT_FALSE(parse_score_band(""));
  auto risk = parse_risk_band("20-39");
  EXPECT_TRUE(risk->contains(20));
  EXPECT_TRUE(risk->contains(39.9));
  EXPECT_FALSE(risk->contains(40));
  EXPECT_TRUE(parse_risk_band("70-100")->contains(100));
  EXPECT_FALSE(parse_risk_band("90-100"));
}

TEST(McqInsights, RecommendationCount) {
  EXPECT_EQ(mcq_recommendation_count(59.9), 3);
  EXPECT_EQ(mcq_recommendation_count(60), 2);
  EXPECT_EQ(mcq_recommendation_count(79.9), 2);
  EXPECT_EQ(mcq_recommendation_count(80), 1);
}

TEST(Report, FollowUpDatesAndFileName) {
  sys_days date{2026y / 11 / 25};
  auto f = follow_up_dates(date);
  EXPECT_EQ(f.midpoint_check, sys_days{2027y / 1 / 9});
  EXPECT_EQ(f.reassessment, sys_days{2027y / 2 / 23});
  EXPECT_EQ(report_file_name("김 철수", sys_days{2026y / 3 / 5}), "fitness_assessment_김_철수_20260305.pdf");
}

TEST(Report, SuggestionsBelowSixty) {
  EXPECT_TRUE(category_suggestions(Category::strength, 60.0).empty());
  EXPECT_TRUE(category_suggestions(Category::strength, std::nullopt).empty());
  auto s = category_suggestions(Category::strength, 59.9);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "주 3회 이상 근력 운동 실시");
  EXPECT_EQ(category_suggestions(Category::cardio, 25.0)[0], "주 150분 이상 유산소 운동");
  EXPECT_EQ(category_suggestions(Category::mobility, 25.0)[2], "관절 가동 범위 운동");
  EXPECT_EQ(category_suggestions(Category::balance, 25.0)[2], "한 발 서기 연습");
  EXPECT_EQ(suggestion_title(Category::mobility), "기동성 개선");
  EXPECT_STREQ(twelve_week_programme()[1].description, "운동 강도 증가 및 근력 향상 집중");
}

TEST(Comparison, ImprovementsAndCount) {
  EXPECT_DOUBLE_EQ(*improvement(71.4, 68.1), 3.3);
  EXPECT_DOUBLE_EQ(*improvement(12.4, 13.0), -0.6);
  EXPECT_FALSE(improvement(std::nullopt, 68.1));
  EXPECT_TRUE(validate_comparison_count(1).count("ids"));
  EXPECT_TRUE(validate_comparison_count(2).empty());
  EXPECT_TRUE(validate_comparison_count(5).empty());
  EXPECT_TRUE(validate_comparison_count(6).count("ids"));
}

TEST(Comparison, BestScoresHighestExceptRiskFirstWinsTies) {
  std::vector<ComparedScores> compared = {
      {.id = 7, .overall = 70.0, .strength = 60.0, .mobility = 80.0, .balance = std::nullopt,
       .cardio = std::nullopt, .injury_risk = 30.0},
      {.id = 3, .overall = 75.5, .strength = 60.0, .mobility = 50.0, .balance = std::nullopt,
       .cardio = std::nullopt, .injury_risk = 12.0},
      {.id = 9, .overall = 64.0, .strength = 55.0, .mobility = 80.0, .balance = std::nullopt,
       .cardio = std::nullopt, .injury_risk = 45.0}};
  auto best = best_scores(compared);
  EXPECT_EQ(best.overall, 3);
  EXPECT_EQ(best.strength, 7);  // tie 60/60: the first given
  EXPECT_EQ(best.mobility, 7);
  EXPECT_FALSE(best.balance);  // nobody has it
  EXPECT_FALSE(best.cardio);
  EXPECT_EQ(best.injury_risk, 3);  // lowest risk
}

}  // namespace
}  // namespace the5hc::domain
