// Percentiles and performance age (DOMAIN.md §2.9, §3.2, §12 #39–#41).
#include <gtest/gtest.h>

#include "domain/percentiles.hpp"
#include "domain/scoring.hpp"
#include "domain_test_support.hpp"

namespace the5hc::domain {
namespace {

using testing::man;
using testing::woman;

// §12 #39
TEST(Percentiles, AssessmentA) {
  auto in = testing::assessment_a();
  auto client = man(35, 80);
  auto p = compute_percentiles(in, score_assessment(in, client), client);
  ASSERT_TRUE(p.push_up && p.harvard_step && p.farmer_carry && p.overall);
  EXPECT_DOUBLE_EQ(p.push_up->percentile, 62.5);
  EXPECT_DOUBLE_EQ(p.push_up->top_percent, 37.5);
  EXPECT_DOUBLE_EQ(p.push_up->measure, 26);
  EXPECT_EQ(p.push_up->source, "ACSM Guidelines 11th Edition");
  EXPECT_EQ(p.push_up->year, 2021);
  EXPECT_DOUBLE_EQ(p.harvard_step->percentile, 81.9);
  EXPECT_DOUBLE_EQ(p.farmer_carry->percentile, 33.3);
  EXPECT_DOUBLE_EQ(p.overall->percentile, 65.3);
  EXPECT_DOUBLE_EQ(p.overall->top_percent, 34.7);
}

// §12 #40
TEST(Percentiles, InterpolationAndClamp) {
  const auto* row = find_norm(builtin_normative_data(), "push_up", Gender::male, 35);
  ASSERT_TRUE(row);
  EXPECT_DOUBLE_EQ(percentile_of(*row, 15), 17.5);
  EXPECT_DOUBLE_EQ(percentile_of(*row, 13), 10.0);
  EXPECT_DOUBLE_EQ(percentile_of(*row, 10), 10.0);
  EXPECT_DOUBLE_EQ(percentile_of(*row, 45), 90.0);
  EXPECT_DOUBLE_EQ(percentile_of(*row, 39), 90.0);
  EXPECT_DOUBLE_EQ(percentile_of(*row, 22), 50.0);
  EXPECT_DOUBLE_EQ(percentile_of(*row, 30), 75.0);
  EXPECT_DOUBLE_EQ(percentile_of(*row, 34.5), 82.5);
}

TEST(Percentiles, FlatSegmentsDoNotDivideByZero) {
  NormativeRow row{"push_up", 'A', 20, 29, 10, 10, 20, 20, 30, "", 0, 0};
  EXPECT_DOUBLE_EQ(percentile_of(row, 10), 10.0);
  EXPECT_DOUBLE_EQ(percentile_of(row, 15), 37.5);
  EXPECT_DOUBLE_EQ(percentile_of(row, 20), 50.0);
}

TEST(Percentiles, RowSelection) {
  std::vector<NormativeRow> rows = {{"overall", 'A', 20, 69, 1, 2, 3, 4, 5, "all", 2020, 1},
                                    {"overall", 'F', 20, 29, 10, 20, 30, 40, 50, "women", 2020, 1}};
  EXPECT_EQ(find_norm(rows, "overall", Gender::female, 25)->source, "women");  // specific gender wins
  EXPECT_EQ(find_norm(rows, "overall", Gender::female, 30)->source, "all");    // falls back to A
  EXPECT_EQ(find_norm(rows, "overall", Gender::male, 25)->source, "all");
  EXPECT_FALSE(find_norm(rows, "overall", Gender::male, 70));
  EXPECT_FALSE(find_norm(rows, "overall", Gender::male, std::nullopt));
  EXPECT_FALSE(find_norm(rows, "push_up", Gender::male, 25));
}

TEST(Percentiles, BandEdgesAndOutsideAges) {
  EXPECT_TRUE(find_norm(builtin_normative_data(), "overall", Gender::male, 20));
  EXPECT_TRUE(find_norm(builtin_normative_data(), "overall", Gender::male, 69));
  EXPECT_EQ(find_norm(builtin_normative_data(), "overall", Gender::male, 30)->p10, 42);
  EXPECT_EQ(find_norm(builtin_normative_data(), "overall", Gender::male, 29)->p10, 45);
  auto in = testing::assessment_a();
  for (int age : {19, 70}) {
    auto client = man(age, 80);
    auto p = compute_percentiles(in, score_assessment(in, client), client);
    EXPECT_FALSE(p.push_up || p.harvard_step || p.farmer_carry || p.overall) << age;
    EXPECT_FALSE(performance_age(68.1, client)) << age;
  }
}

TEST(Percentiles, OnlyStandardPushUpsAndMeasuresPresent) {
  AssessmentInput in;
  in.push_up_reps = 26;
  in.push_up_type = PushUpType::modified;
  auto client = man(35, 80);
  auto p = compute_percentiles(in, score_assessment(in, client), client);
  EXPECT_FALSE(p.push_up);
  EXPECT_FALSE(p.harvard_step);
  EXPECT_TRUE(p.overall);  // the modified push-up still gives a strength category and so an overall score
  EXPECT_FALSE(p.farmer_carry);
}

// §12 #41
TEST(PerformanceAge, WorkedExamples) {
  struct Case {
    ClientFacts client;
    double overall, age, difference;
    const char* interpretation;
  };
  const Case cases[] = {
      {man(35), 68.1, 24.5, 10.5, "매우 우수 (10년 이상 젊음)"},
      {man(45), 75, 24.5, 20.5, "매우 우수 (10년 이상 젊음)"},
      {man(45), 45, 54.5, -9.5, "개선 필요 (5-10년 나이 많음)"},
      {man(30), 90, 20.0, 10.0, "매우 우수 (10년 이상 젊음)"},
      {man(60), 25, 69.0, -9.0, "개선 필요 (5-10년 나이 많음)"},
      {woman(40), 25.0, 69.0, -29.0, "즉각적 개선 필요 (10년 이상 나이 많음)"},
  };
  for (const auto& c : cases) {
    auto pa = performance_age(c.overall, c.client);
    ASSERT_TRUE(pa) << c.overall;
    EXPECT_DOUBLE_EQ(pa->performance_age, c.age) << c.overall;
    EXPECT_DOUBLE_EQ(pa->age_difference, c.difference) << c.overall;
    EXPECT_EQ(pa->interpretation_ko, c.interpretation) << c.overall;
    EXPECT_EQ(pa->chronological_age, *c.client.age);
  }
}

TEST(PerformanceAge, InterpretationBoundaries) {
  // man 20–29 band midpoint 24.5: choose the client age to hit each boundary of age_difference
  const std::pair<int, const char*> cases[] = {
      {35, "much_younger"}, {34, "younger"}, {30, "younger"}, {29, "slightly_younger"}, {25, "slightly_younger"},
      {24, "slightly_older"}, {20, "slightly_older"}};
  for (auto [age, code] : cases) EXPECT_EQ(performance_age(65, man(age))->interpretation_code, code) << age;
  // −5 and −10 edges: below the only band's p25 gives its age_max 69
  std::vector<NormativeRow> rows = {{"overall", 'A', 20, 69, 40, 50, 60, 70, 80, "", 0, 0}};
  EXPECT_EQ(performance_age(10, ClientFacts{59, std::nullopt, 0}, rows)->interpretation_code, "older");  // −10
  EXPECT_EQ(performance_age(10, ClientFacts{64, std::nullopt, 0}, rows)->interpretation_code, "slightly_older");  // −5
  EXPECT_EQ(performance_age(10, ClientFacts{58, std::nullopt, 0}, rows)->interpretation_code, "much_older");
}

TEST(PerformanceAge, NearMedianCountsAndGapsGiveNull) {
  std::vector<NormativeRow> rows = {{"overall", 'A', 20, 29, 40, 50, 60, 70, 80, "", 0, 0},
                                    {"overall", 'A', 30, 39, 10, 20, 30, 40, 50, "", 0, 0}};
  // 45 lies in no band's p25–p75 and is neither above the youngest's p75 nor below the oldest's p25
  EXPECT_FALSE(performance_age(45, ClientFacts{25, std::nullopt, 0}, rows));
  std::vector<NormativeRow> narrow = {{"overall", 'A', 20, 29, 40, 58, 60, 62, 80, "", 0, 0},
                                      {"overall", 'A', 30, 39, 30, 48, 50, 52, 70, "", 0, 0}};
  // outside p25–p75 of the first band but |55.5 − 60| < 5
  EXPECT_DOUBLE_EQ(performance_age(55.5, ClientFacts{25, std::nullopt, 0}, narrow)->performance_age, 24.5);
  // |55 − 60| = 5 is not < 5; the second band's median rule does not hold either (|55 − 50| = 5) → no band
  EXPECT_FALSE(performance_age(55, ClientFacts{25, std::nullopt, 0}, narrow));
  EXPECT_FALSE(performance_age(std::nullopt, man(35)));
  EXPECT_FALSE(performance_age(60, ClientFacts{std::nullopt, Gender::male, 80}));
}

}  // namespace
}  // namespace the5hc::domain
