// The questionnaire bank beyond reading (API.md §3.3, DOMAIN.md §1.7): checking one answer with
// POST /mcq/questions/validate/ and the superuser's edits of categories and questions on the selected engine.
#include <gtest/gtest.h>

#include <string>

#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class McqAdmin : public RecordsApiTest {
 protected:
  static void SetUpTestSuite() {
    RecordsApiTest::SetUpTestSuite();
    create_user(*db_, "root1", kSuitePassword, {"--superuser"});
    tokens_["root1"] = login(server_->port(), "root1", kSuitePassword);
  }
  static long long category_id(const std::string& code) {
    auto r = call("root1", "GET", "/api/v1/mcq/categories/?is_active=all");
    for (const auto& c : r.body)
      if (c["code"] == code) return c["id"].get<long long>();
    ADD_FAILURE() << "no category " << code;
    return 0;
  }
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

  auto anonymous = http_request(server_->port(), "POST", url, json{{"question_id", training["id"]}}.dump(),
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

TEST_F(McqAdmin, OnlyTheSuperuserEditsTheBank) {
  const json category = {{"code", "habits"}, {"name", "Habits"}, {"name_ko", "습관"}, {"weight", 0}, {"order", 4}};
  for (const char* who : {"owner1", "trainer1"}) {
    EXPECT_EQ(call(who, "POST", "/api/v1/mcq/categories/", category).status, 403) << who;
    EXPECT_EQ(call(who, "PATCH", "/api/v1/mcq/categories/" + std::to_string(category_id("knowledge")) + "/",
                   {{"order", 9}}).status, 403) << who;
    EXPECT_EQ(call(who, "DELETE", "/api/v1/mcq/questions/" + question("흡연하십니까?")["id"].dump() + "/").status, 403)
        << who;
  }
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM mcq_categories WHERE code = 'habits'"), 0);
}

TEST_F(McqAdmin, ActiveCategoryWeightsKeepTheirSum) {
  auto bad = call("root1", "POST", "/api/v1/mcq/categories/",
                  {{"code", "sleep"}, {"name", "Sleep"}, {"name_ko", "수면"}, {"weight", 0.05}});
  ASSERT_EQ(bad.status, 400) << bad.raw;
  EXPECT_EQ(bad.body["non_field_errors"][0], "활성 카테고리 가중치의 합은 0.40이어야 합니다.");
  auto inactive = call("root1", "POST", "/api/v1/mcq/categories/",
                       {{"code", "sleep"}, {"name", "Sleep"}, {"name_ko", "수면"}, {"weight", 0.05},
                        {"is_active", false}, {"order", 5}});
  ASSERT_EQ(inactive.status, 201) << inactive.raw;
  EXPECT_EQ(inactive.body["weight"], 0.05);
  EXPECT_EQ(inactive.body["question_count"], 0);
  const std::string sleep = "/api/v1/mcq/categories/" + inactive.body["id"].dump() + "/";
  auto duplicate = call("root1", "POST", "/api/v1/mcq/categories/",
                        {{"code", "sleep"}, {"name", "Sleep"}, {"name_ko", "수면"}, {"weight", 0}}, "en");
  EXPECT_EQ(duplicate.status, 400) << duplicate.raw;
  EXPECT_EQ(duplicate.body["code"][0], "A questionnaire category with this code already exists.");
  EXPECT_EQ(call("root1", "PATCH", sleep, {{"is_active", true}}).status, 400);
  auto three_decimals = call("root1", "PATCH", sleep, {{"weight", 0.055}});
  EXPECT_EQ(three_decimals.status, 400) << three_decimals.raw;
  EXPECT_TRUE(three_decimals.body.contains("weight")) << three_decimals.raw;

  // moving 0.05 from readiness to sleep keeps 0.40: two edits, the first makes room
  const std::string readiness = "/api/v1/mcq/categories/" + std::to_string(category_id("readiness")) + "/";
  EXPECT_EQ(call("root1", "PATCH", readiness, {{"weight", 0.05}}).status, 400);
  auto put = call("root1", "PUT", sleep,
                  {{"code", "sleep"}, {"name", "Sleep"}, {"name_ko", "수면"}, {"weight", 0}, {"is_active", true},
                   {"order", 5}});
  ASSERT_EQ(put.status, 200) << put.raw;
  EXPECT_EQ(put.body["is_active"], true);
  EXPECT_EQ(call("root1", "DELETE", sleep).status, 204);
  EXPECT_EQ(call("root1", "GET", sleep).status, 404);
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'mcq_category_%'"), 3);
}

TEST_F(McqAdmin, QuestionsAreWrittenWithTheirWholeListOfChoices) {
  const json created_body = {{"category", category_id("lifestyle")},
                             {"question_text", "How often do you drink?"},
                             {"question_text_ko", "음주 빈도는 어떻게 됩니까?"},
                             {"question_type", "single"},
                             {"points", 4},
                             {"is_required", false},
                             {"order", 7},
                             {"choices",
                              {{{"choice_text", "Daily"}, {"choice_text_ko", "매일"}, {"points", 0},
                                {"contributes_to_risk", true}, {"risk_weight", 0.5}, {"risk_label", "alcohol"},
                                {"risk_label_ko", "음주"}},
                               {{"choice_text", "Never"}, {"choice_text_ko", "전혀"}, {"points", 4}}}}};
  auto risky = created_body;
  risky["choices"][0]["contributes_to_risk"] = false;
  auto refused = call("root1", "POST", "/api/v1/mcq/questions/", risky);
  ASSERT_EQ(refused.status, 400) << refused.raw;
  EXPECT_EQ(refused.body["choices"]["0"]["contributes_to_risk"][0], "위험 가중치가 있는 선택지는 위험 요인으로 표시해야 합니다.") << refused.raw;

  auto created = call("root1", "POST", "/api/v1/mcq/questions/", created_body);
  ASSERT_EQ(created.status, 201) << created.raw;
  EXPECT_EQ(created.body["category"]["code"], "lifestyle");
  ASSERT_EQ(created.body["choices"].size(), 2u);
  EXPECT_EQ(created.body["choices"][0]["risk_label_ko"], "음주");
  const auto never = created.body["choices"][1]["id"];
  const std::string url = "/api/v1/mcq/questions/" + created.body["id"].dump() + "/";

  // the list replaces the choices: "Never" keeps its id, "Daily" goes, "Weekly" comes
  auto patched = call("root1", "PATCH", url,
                      {{"choices", {{{"id", never}, {"choice_text", "Never"}, {"choice_text_ko", "전혀 안 마심"},
                                     {"points", 4}},
                                    {{"choice_text", "Weekly"}, {"choice_text_ko", "매주"}, {"points", 2}}}}});
  ASSERT_EQ(patched.status, 200) << patched.raw;
  ASSERT_EQ(patched.body["choices"].size(), 2u);
  EXPECT_EQ(patched.body["choices"][0]["id"], never);
  EXPECT_EQ(patched.body["choices"][0]["choice_text_ko"], "전혀 안 마심");
  EXPECT_EQ(patched.body["choices"][1]["choice_text_ko"], "매주");
  EXPECT_EQ(patched.body["points"], 4);
  auto validated = call("trainer1", "POST", "/api/v1/mcq/questions/validate/",
                        {{"question_id", created.body["id"]}, {"selected_choices", {never}}});
  EXPECT_EQ(validated.body, (json{{"valid", true}, {"points", 4}, {"max_points", 4}})) << validated.raw;

  auto foreign = call("root1", "PATCH", url, {{"choices", {{{"id", 999999}, {"choice_text", "x"},
                                                             {"choice_text_ko", "x"}, {"points", 1}}}}});
  EXPECT_EQ(foreign.status, 400) << foreign.raw;
  EXPECT_EQ(call("root1", "PATCH", url, {{"category", 999999}}).status, 400);
  EXPECT_EQ(call("root1", "DELETE", url).status, 204);
  EXPECT_EQ(call("root1", "GET", url).status, 404);
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM mcq_choices WHERE id = " + never.dump()), 0);
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'mcq_question_%'"), 3);
}

TEST_F(McqAdmin, AnsweredQuestionsAreDeactivatedNotDeleted) {
  auto smoking = question("흡연하십니까?");
  const std::string url = "/api/v1/mcq/questions/" + smoking["id"].dump() + "/";
  auto a = call("owner1", "POST", "/api/v1/assessments/",
                {{"client", client("owner1", {{"name", "설문회원"}})}, {"date", "2025-06-09"}});
  ASSERT_EQ(a.status, 201) << a.raw;
  auto saved = call("owner1", "PATCH", "/api/v1/assessments/" + a.body["id"].dump() + "/mcq/responses/",
                    {{"responses", {{{"question_id", smoking["id"]},
                                     {"selected_choices", {choice(smoking, "아니요, 전혀")}}}}}});
  ASSERT_EQ(saved.status, 200) << saved.raw;

  auto refused = call("root1", "DELETE", url);
  ASSERT_EQ(refused.status, 409) << refused.raw;
  EXPECT_EQ(refused.body["detail"], "응답이 있는 질문은 삭제할 수 없습니다. 비활성화하세요.");
  auto lifestyle = "/api/v1/mcq/categories/" + std::to_string(category_id("lifestyle")) + "/";
  EXPECT_EQ(call("root1", "DELETE", lifestyle).status, 409);
  // dropping the answered choice from the list is refused too
  json fewer = json::array();
  for (const auto& c : smoking["choices"])
    if (c["choice_text_ko"] != "아니요, 전혀") fewer.push_back(c);
  EXPECT_EQ(call("root1", "PATCH", url, {{"choices", fewer}}).status, 409);

  auto off = call("root1", "PATCH", url, {{"is_active", false}});
  ASSERT_EQ(off.status, 200) << off.raw;
  EXPECT_EQ(off.body["is_active"], false);
  EXPECT_EQ(call("trainer1", "GET", url).status, 404);
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM mcq_responses WHERE question_id = " + smoking["id"].dump()), 1);
  EXPECT_EQ(call("root1", "PATCH", url, {{"is_active", true}}).status, 200);
}
