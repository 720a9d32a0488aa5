// Built-in reference data (DOMAIN.md §3.1, §3.2): the tables `score` uses and `seed-standards` copies.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "domain/reference_data.hpp"

namespace the5hc::domain {
namespace {

TEST(ReferenceData, TestStandardsShape) {
  const auto& rows = builtin_test_standards();
  ASSERT_EQ(rows.size(), 16u);
  std::set<std::tuple<std::string, char, int, int, std::string>> keys;
  for (const auto& r : rows) {
    EXPECT_GE(r.excellent, r.good) << r.name_ko;
    EXPECT_GE(r.good, r.average) << r.name_ko;
    EXPECT_LE(r.age_min, r.age_max);
    EXPECT_FALSE(r.name_ko.empty());
    EXPECT_TRUE(keys.insert({r.test_type, r.gender, r.age_min, r.age_max, r.conditions}).second) << r.name_ko;
  }
  EXPECT_EQ(rows[0].name_ko, "남성 푸시업 기준 (0-29세)");
  EXPECT_EQ(rows[9].name_ko, "여성 푸시업 기준 (60-120세)");
}

TEST(ReferenceData, StandardLookup) {
  const auto& rows = builtin_test_standards();
  auto* s = find_standard(rows, "push_up", Gender::female, 45);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->excellent, 24);
  EXPECT_EQ(find_standard(rows, "push_up", Gender::male, 120)->excellent, 18);
  EXPECT_FALSE(find_standard(rows, "push_up", Gender::male, 121));
  EXPECT_FALSE(find_standard(rows, "push_up", std::nullopt, 30));  // no A row for push-ups
  EXPECT_EQ(find_standard(rows, "farmer_carry", Gender::female, std::nullopt)->excellent, 45);
  EXPECT_EQ(find_standard(rows, "balance", Gender::male, 30, "eyes_closed")->excellent, 30);  // A row for anyone
  EXPECT_FALSE(find_standard(rows, "balance", Gender::male, 30));  // conditions must match
  // a specific gender row wins over A
  std::vector<TestStandard> custom = {{"toe_touch", 'A', 0, 120, "", "distance", 5, 0, -10, "", ""},
                                      {"toe_touch", 'F', 0, 120, "", "distance", 8, 2, -5, "", ""}};
  EXPECT_EQ(find_standard(custom, "toe_touch", Gender::female, 40)->excellent, 8);
  EXPECT_EQ(find_standard(custom, "toe_touch", Gender::male, 40)->excellent, 5);
  custom[1].is_active = false;
  EXPECT_EQ(find_standard(custom, "toe_touch", Gender::female, 40)->excellent, 5);
}

TEST(ReferenceData, ScoreByStandard) {
  TestStandard s{"step_test", 'A', 0, 120, "", "pfi", 90, 80, 65, "", ""};
  EXPECT_EQ(score_by_standard(s, 90), 4);
  EXPECT_EQ(score_by_standard(s, 89.99), 3);
  EXPECT_EQ(score_by_standard(s, 65), 2);
  EXPECT_EQ(score_by_standard(s, 64.99), 1);
}

TEST(ReferenceData, NormativeDataShape) {
  const auto& rows = builtin_normative_data();
  ASSERT_EQ(rows.size(), 40u);
  std::set<std::tuple<std::string, char, int, int>> keys;
  for (const auto& r : rows) {
    EXPECT_LE(r.p10, r.p25);
    EXPECT_LE(r.p25, r.p50);
    EXPECT_LE(r.p50, r.p75);
    EXPECT_LE(r.p75, r.p90);
    EXPECT_TRUE(r.gender == 'M' || r.gender == 'F');
    EXPECT_TRUE(keys.insert({r.test_type, r.gender, r.age_min, r.age_max}).second);
    EXPECT_GT(r.year, 2000);
    EXPECT_GT(r.sample_size, 0);
  }
  const auto& last = rows.back();  // overall, women 60–69
  EXPECT_EQ(last.test_type, "overall");
  EXPECT_EQ(last.gender, 'F');
  EXPECT_EQ(last.age_min, 60);
  EXPECT_EQ(last.p10, 28);
  EXPECT_EQ(last.p90, 68);
}

}  // namespace
}  // namespace the5hc::domain
