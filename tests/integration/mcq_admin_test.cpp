// The questionnaire bank beyond reading (API.md §3.3, DOMAIN.md §1.7): checking one answer with
// POST /mcq/questions/validate/ on the selected engine.
#include <gtest/gtest.h>

#include <string>

#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class McqAdmin : public RecordsApiTest {
 protected:
  // The seeded question whose Korean text is `text_ko` (DOMAIN.md §3.3), as the API shows it.
  static json question(const std::string& text_ko) {
    auto r = call("trainer1", "GET", "/api/v1/mcq/questions/?page_size=100");
    for (const auto& q : r.body["results"])
      if (q["question_text_ko"] == text_ko) return q;
    ADD_FAILURE() << "no question " << text_ko << ": " << r.raw;
    return json::object();
  }
  static long long choice(const json& q, const std::string& text_ko) {
    for (const auto& c : q["choices"])
      if (c["choice_text_ko"] == text_ko) return c["id"].get<long long>();
    ADD_FAILURE() << "no choice " << text_ko;
    return 0;
  }
};

}  // namespace

TEST_F(McqAdmin, ValidateScoresOneAnswerWithoutStoringIt) {
  auto training = question("근력 운동은 주당 몇 회가 권장됩니까?");
  auto nutrients = question("근육 회복에 가장 중요한 영양소는? (복수 선택)");
  const auto before = sql_count("SELECT COUNT(*) FROM mcq_responses");

  auto single = call("trainer1", "POST", "/api/v1/mcq/questions/validate/",
                     {{"question_id", training["id"]}, {"selected_choices", {choice(training, "2-3회")}}});
  ASSERT_EQ(single.status, 200) << single.raw;
  EXPECT_EQ(single.body, (json{{"valid", true}, {"points", 5}, {"max_points", 5}}));

  // multiple: 2 + 2 + 1 = 5, capped at the question's points
  auto multiple = call("owner2", "POST", "/api/v1/mcq/questions/validate/",
                       {{"question_id", nutrients["id"]},
                        {"selected_choices", {choice(nutrients, "단백질"), choice(nutrients, "탄수화물"),
                                              choice(nutrients, "지방"), choice(nutrients, "비타민")}}});
  ASSERT_EQ(multiple.status, 200) << multiple.raw;
  EXPECT_EQ(multiple.body["points"], 5);
  auto two = call("owner1", "POST", "/api/v1/mcq/questions/validate/",
                  {{"question_id", nutrients["id"]}, {"selected_choices", {choice(nutrients, "지방")}}});
  EXPECT_EQ(two.body["points"], 1) << two.raw;
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM mcq_responses"), before);
}

TEST_F(McqAdmin, ValidateRefusesWhatCannotBeAnswered) {
  auto training = question("근력 운동은 주당 몇 회가 권장됩니까?");
  auto nutrients = question("근육 회복에 가장 중요한 영양소는? (복수 선택)");
  const std::string url = "/api/v1/mcq/questions/validate/";

  auto missing = call("trainer1", "POST", url, {{"question_id", 999999}, {"selected_choices", json::array()}});
  ASSERT_EQ(missing.status, 400) << missing.raw;
  EXPECT_EQ(missing.body["question_id"][0], "질문을 찾을 수 없습니다.");
  auto missing_en = call("trainer1", "POST", url, {{"question_id", 999999}}, "en");
  EXPECT_EQ(missing_en.body["question_id"][0], "Question not found.") << missing_en.raw;

  auto no_choice = call("trainer1", "POST", url, {{"question_id", training["id"]}});
  ASSERT_EQ(no_choice.status, 400) << no_choice.raw;
  EXPECT_EQ(no_choice.body["selected_choices"][0], "선택 항목이 필요합니다.");

  auto two_on_single = call("trainer1", "POST", url,
                            {{"question_id", training["id"]},
                             {"selected_choices", {choice(training, "2-3회"), choice(training, "매일")}}});
  EXPECT_EQ(two_on_single.status, 400) << two_on_single.raw;
  auto foreign = call("trainer1", "POST", url,
                      {{"question_id", training["id"]}, {"selected_choices", {choice(nutrients, "지방")}}});
  EXPECT_EQ(foreign.status, 400) << foreign.raw;
  EXPECT_TRUE(foreign.body.contains("selected_choices")) << foreign.raw;

  auto no_id = call("trainer1", "POST", url, {{"selected_choices", json::array()}});
  EXPECT_EQ(no_id.status, 400) << no_id.raw;
  EXPECT_TRUE(no_id.body.contains("question_id")) << no_id.raw;
  auto unknown = call("trainer1", "POST", url, {{"question_id", training["id"]}, {"answer", 1}});
  EXPECT_EQ(unknown.status, 400) << unknown.raw;

  auto anonymous = http_request(suite_->server->port(), "POST", url, json{{"question_id", training["id"]}}.dump(),
                                {{"Content-Type", "application/json"}});
  EXPECT_EQ(anonymous.status, 401);
}

TEST_F(McqAdmin, ValidateNeedsTextForATextQuestion) {
  sql_exec("INSERT INTO mcq_questions (category_id, question_text, question_text_ko, question_type, points, "
           "is_required, sort_order) SELECT id, 'Any injuries?', '부상 이력이 있습니까?', 'text', 3, 0, 9 "
           "FROM mcq_categories WHERE code = 'readiness'");
  auto injuries = question("부상 이력이 있습니까?");
  const std::string url = "/api/v1/mcq/questions/validate/";
  auto empty = call("trainer1", "POST", url, {{"question_id", injuries["id"]}, {"response_text", ""}});
  ASSERT_EQ(empty.status, 400) << empty.raw;
  EXPECT_EQ(empty.body["response_text"][0], "텍스트 답변이 필요합니다.");
  auto answered = call("trainer1", "POST", url, {{"question_id", injuries["id"]}, {"response_text", "무릎 수술"}});
  ASSERT_EQ(answered.status, 200) << answered.raw;
  EXPECT_EQ(answered.body, (json{{"valid", true}, {"points", 0}, {"max_points", 3}}));
}
