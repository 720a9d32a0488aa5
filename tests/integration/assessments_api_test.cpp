// /api/v1/assessments/ and the questionnaire over HTTP on the selected engine (API.md §3.2–§3.3): scoring through
// the API equals the engine's worked examples (DOMAIN.md §12 #25–#29, #37, #39, #41).
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "support/records.hpp"
#include "support/sql_probe.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class AssessmentsApi : public RecordsApiTest {
 protected:
  static long long client_of(const std::string& who) {
    return client(who, {{"name", "평가회원"}, {"age", 35}, {"gender", "male"}, {"weight", 80}});
  }
  static std::string url(const json& id, const std::string& tail = "") { return url(id.get<long long>(), tail); }
  static std::string url(long long id, const std::string& tail = "") {
    return "/api/v1/assessments/" + std::to_string(id) + "/" + tail;
  }
};

}  // namespace

TEST_F(AssessmentsApi, AssessmentAIsScoredLikeTheEngine) {
  auto client = client_of("owner1");
  auto r = call("owner1", "POST", "/api/v1/assessments/", assessment_a(client));
  ASSERT_EQ(r.status, 201) << r.raw;
  auto a = r.body;
  EXPECT_EQ(a["push_up_score"], 3);
  EXPECT_EQ(a["farmer_carry_percentage"], 50.0);
  EXPECT_EQ(a["farmer_carry_percentage_entered"], false);
  EXPECT_EQ(a["farmer_carry_score"], 3.0);
  EXPECT_EQ(a["single_leg_balance_score"], 2.4);
  EXPECT_EQ(a["toe_touch_score"], 3);
  EXPECT_EQ(a["overhead_squat_score"], 2);
  EXPECT_EQ(a["harvard_step_test_pfi"], 76.6);
  EXPECT_EQ(a["harvard_step_test_score"], 2);
  EXPECT_EQ(a["strength_score"], 75.0);
  EXPECT_EQ(a["mobility_score"], 75.0);
  EXPECT_EQ(a["balance_score"], 67.5);
  EXPECT_EQ(a["cardio_score"], 50.0);
  EXPECT_EQ(a["overall_score"], 68.1);
  EXPECT_EQ(a["is_complete"], true);
  // #26 risk
  EXPECT_EQ(a["injury_risk_physical"], 13.0);
  EXPECT_EQ(a["injury_risk_level"], "low");
  EXPECT_EQ(a["injury_risk_level_display"], "낮음");
  ASSERT_EQ(a["risk_factors"].size(), 2u);
  EXPECT_EQ(a["risk_factors"][0]["code"], "shoulder_asymmetry");
  EXPECT_EQ(a["risk_factors"][0]["points"], 9.0);
  // #39 percentiles, #41 performance age (from the normative_data table)
  EXPECT_EQ(a["percentiles"]["push_up"]["percentile"], 62.5);
  EXPECT_EQ(a["percentiles"]["push_up"]["top_percent"], 37.5);
  EXPECT_EQ(a["percentiles"]["harvard_step"]["percentile"], 81.9);
  EXPECT_EQ(a["percentiles"]["farmer_carry"]["percentile"], 33.3);
  EXPECT_EQ(a["percentiles"]["overall"]["percentile"], 65.3);
  EXPECT_EQ(a["performance_age"]["performance_age"], 24.5);
  EXPECT_EQ(a["performance_age"]["age_difference"], 10.5);
  EXPECT_EQ(a["client_age"], 35);
  EXPECT_EQ(a["client_weight"], 80.0);
  EXPECT_FALSE(a["scored_at"].is_null());
  auto id = a["id"].get<long long>();
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_created' AND object_id = " +
                      std::to_string(id)),
            1);
  // the stored row holds the same results as the response
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM assessments WHERE id = " + std::to_string(id) +
                      " AND overall_score = 68.1 AND injury_risk_score = 13.0 AND is_complete = 1"),
            1);

  // #27 / #28 / #29 outdoor temperatures through PATCH (rescored on every write)
  for (auto [t, strength, cardio, overall] : {std::tuple{5.0, 82.5, 55.0, 71.4}, std::tuple{30.0, 78.8, 52.5, 69.8},
                                             std::tuple{20.0, 75.0, 50.0, 68.1}}) {
    auto p = call("owner1", "PATCH", url(id), {{"test_environment", "outdoor"}, {"temperature", t}});
    ASSERT_EQ(p.status, 200) << p.raw;
    EXPECT_EQ(p.body["strength_score"], strength) << t;
    EXPECT_EQ(p.body["cardio_score"], cardio) << t;
    EXPECT_EQ(p.body["overall_score"], overall) << t;
  }
  auto got = call("owner1", "GET", url(id), nullptr, "en");
  EXPECT_EQ(got.body["overall_score"], 68.1);
  EXPECT_EQ(got.body["injury_risk_level_display"], "Low");
  EXPECT_EQ(got.body["push_up_reps"], 26);
}

TEST_F(AssessmentsApi, ManualScoresOverrideAndNullReturnsToAutomatic) {
  auto id = call("owner1", "POST", "/api/v1/assessments/", assessment_a(client_of("owner1"))).body["id"].get<long long>();
  auto manual = call("owner1", "PATCH", url(id), {{"push_up_score", 4}});
  ASSERT_EQ(manual.status, 200) << manual.raw;
  EXPECT_EQ(manual.body["push_up_score"], 4);
  EXPECT_EQ(manual.body["push_up_score_manual_override"], true);
  EXPECT_EQ(manual.body["strength_score"], 87.5);
  // another edit keeps the manual score
  EXPECT_EQ(call("owner1", "PATCH", url(id), {{"notes", "재평가"}}).body["push_up_score"], 4);
  auto automatic = call("owner1", "PATCH", url(id), {{"push_up_score", nullptr}});
  EXPECT_EQ(automatic.body["push_up_score"], 3);
  EXPECT_EQ(automatic.body["push_up_score_manual_override"], false);
  EXPECT_EQ(automatic.body["strength_score"], 75.0);
  EXPECT_EQ(automatic.body["notes"], "재평가");
  // PUT replaces every input: what is not given is gone
  auto put = call("owner1", "PUT", url(id), {{"date", "2025-06-10"}, {"push_up_reps", 26}});
  ASSERT_EQ(put.status, 200) << put.raw;
  EXPECT_TRUE(put.body["harvard_step_test_score"].is_null());
  EXPECT_EQ(put.body["is_complete"], false);
  EXPECT_EQ(put.body["strength_score"], 75.0);
}

// The create's response is built from the row it writes, not read back (issue 11): it is the detail's, byte for byte,
// in both languages, for inputs whose stored form differs from what was sent (manual scores, an entered asymmetry
// equal to the computed one, an entered percentage, empty notes) and for a trainer's own client (no notification).
TEST_F(AssessmentsApi, CreateAnswersWhatTheDetailReadsBack) {
  auto mine = client("trainer1", {{"name", "응답회원"}, {"age", 41}, {"gender", "female"}, {"weight", 58.5}});
  auto theirs = client_of("owner1");
  json plain = assessment_a(theirs);
  json manual = assessment_a(theirs);
  manual.update({{"push_up_score", 4}, {"overhead_squat_score", 1}, {"single_leg_balance_score", 3.5},
                 {"toe_touch_score", 1}, {"farmer_carry_score", 2.5}, {"harvard_step_test_score", 4},
                 {"farmer_carry_percentage", 61.3}, {"shoulder_mobility_right", 18.8}, {"shoulder_mobility_left", 11.2},
                 {"shoulder_mobility_asymmetry", 7.6}, {"notes", ""}, {"push_up_type", "wall"},
                 {"test_environment", "outdoor"}, {"temperature", -3.5}});
  json minimal = {{"client", mine}, {"date", seoul_date(-2)}};
  const std::vector<std::pair<std::string, json>> writes = {{"owner1", plain}, {"owner1", manual}, {"trainer1", minimal}};
  for (const auto& [who, body] : writes)
    for (const char* lang : {"ko", "en"}) {
      auto created = call(who, "POST", "/api/v1/assessments/", body, lang);
      ASSERT_EQ(created.status, 201) << created.raw;
      auto read = call(who, "GET", url(created.body["id"]), nullptr, lang);
      ASSERT_EQ(read.status, 200) << read.raw;
      EXPECT_EQ(created.raw, read.raw) << who << " " << lang;
    }
}

TEST_F(AssessmentsApi, ValidationErrorsFutureDateAndPreview) {
  auto client = client_of("owner1");
  auto future = call("owner1", "POST", "/api/v1/assessments/", {{"client", client}, {"date", seoul_date(1)}});
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(future.body["date"][0], "평가 날짜는 미래일 수 없습니다.") << future.raw;
  auto bad = call("owner1", "POST", "/api/v1/assessments/",
                  {{"client", client}, {"harvard_step_test_hr1", 300}, {"push_up_reps", "many"},
                   {"push_up_type", "knee"}, {"bogus", 1}},
                  "en");
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["harvard_step_test_hr1"][0], "Heart rate must be between 40 and 250.") << bad.raw;
  EXPECT_EQ(bad.body["push_up_reps"][0], "A valid integer is required.");
  EXPECT_EQ(bad.body["push_up_type"][0], "\"knee\" is not a valid choice.");
  EXPECT_TRUE(bad.body.contains("bogus"));
  auto ko = call("owner1", "POST", "/api/v1/assessments/", {{"client", client}, {"harvard_step_test_hr1", 300}});
  EXPECT_EQ(ko.body["harvard_step_test_hr1"][0], "심박수는 40 이상 250 이하여야 합니다.");
  EXPECT_EQ(call("owner1", "POST", "/api/v1/assessments/", {{"date", "2025-01-01"}}).body["client"][0],
            "이 필드는 필수입니다.");
  auto invisible = call("trainer1", "POST", "/api/v1/assessments/", {{"client", client}});
  EXPECT_EQ(invisible.status, 400);
  EXPECT_TRUE(invisible.body.contains("client")) << invisible.raw;

  const std::string count = "SELECT COUNT(*) FROM assessments WHERE client_id = " + std::to_string(client);
  auto preview = call("owner1", "POST", "/api/v1/assessments/preview/", assessment_a(client));
  ASSERT_EQ(preview.status, 200) << preview.raw;
  EXPECT_TRUE(preview.body["id"].is_null());
  EXPECT_EQ(preview.body["overall_score"], 68.1);
  EXPECT_EQ(sql_count(count), 0);
  EXPECT_EQ(call("owner1", "POST", "/api/v1/assessments/preview/", {{"client", client}, {"date", seoul_date(2)}}).status,
            400);
}

TEST_F(AssessmentsApi, VisibilityAcrossTrainersAndOrganisations) {
  auto owners_client = client_of("owner1");
  auto id = call("owner1", "POST", "/api/v1/assessments/", assessment_a(owners_client)).body["id"].get<long long>();
  EXPECT_EQ(call("trainer1", "GET", url(id)).status, 404);
  EXPECT_EQ(call("trainer1", "PATCH", url(id), {{"notes", "x"}}).status, 404);
  EXPECT_EQ(call("owner2", "GET", url(id)).status, 404);
  EXPECT_EQ(call("owner2", "DELETE", url(id)).status, 404);
  EXPECT_EQ(call("owner2", "GET", url(id, "mcq/")).status, 404);
  auto own = client_of("trainer1");
  auto mine = call("trainer1", "POST", "/api/v1/assessments/", {{"client", own}, {"push_up_reps", 20}});
  ASSERT_EQ(mine.status, 201) << mine.raw;
  EXPECT_EQ(mine.body["trainer_name"], "trainer1");
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.type = "
                      "'assessment_completed' AND u.username = 'owner1' AND n.object_id = " +
                      mine.body["id"].dump()),
            1);
  // the trainer's list is exactly the assessments of the clients assigned to them: theirs in, the owner's out
  auto list = call("trainer1", "GET", "/api/v1/assessments/?page_size=100");
  ASSERT_EQ(list.status, 200) << list.raw;
  const auto& results = list.body["results"];
  ASSERT_TRUE(results.is_array() && !results.empty()) << list.raw;
  EXPECT_EQ(results.size(),
            std::size_t(sql_count("SELECT COUNT(*) FROM assessments a JOIN clients c ON c.id = a.client_id JOIN "
                                  "trainers t ON t.id = c.trainer_id JOIN users u ON u.id = t.user_id WHERE "
                                  "u.username = 'trainer1'")));
  std::set<long long> ids;
  for (const auto& a : results) ids.insert(a["id"].get<long long>());
  EXPECT_TRUE(ids.contains(mine.body["id"].get<long long>())) << list.raw;
  EXPECT_FALSE(ids.contains(id)) << list.raw;
  EXPECT_EQ(call("owner1", "DELETE", url(id)).status, 204);
  EXPECT_EQ(call("owner1", "GET", url(id)).status, 404);
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'assessment_deleted' AND object_id = " +
                      std::to_string(id)),
            1);
}

TEST_F(AssessmentsApi, ListFiltersOrderingAndComparison) {
  auto client = client_of("owner2");
  auto first = call("owner2", "POST", "/api/v1/assessments/",
                    {{"client", client}, {"date", "2025-01-10"}, {"push_up_reps", 10}, {"notes", "첫 평가"}});
  auto a = assessment_a(client);
  a["test_environment"] = "outdoor";
  a["temperature"] = 5;
  auto second = call("owner2", "POST", "/api/v1/assessments/", a);
  ASSERT_EQ(second.status, 201) << second.raw;
  auto list = call("owner2", "GET", "/api/v1/assessments/?client=" + std::to_string(client));
  ASSERT_EQ(list.body["count"], 2) << list.raw;
  EXPECT_EQ(list.body["results"][0]["date"], "2025-06-09");  // default -date
  auto q = [&](const std::string& filter) {
    return call("owner2", "GET", "/api/v1/assessments/?client=" + std::to_string(client) + "&" + filter).body["count"];
  };
  EXPECT_EQ(q("has_variations=true"), 1);
  EXPECT_EQ(q("test_environment=indoor"), 1);
  EXPECT_EQ(q("score_range=70-79"), 1);  // 71.4
  EXPECT_EQ(q("is_complete=true"), 1);
  EXPECT_EQ(q("risk_level=low"), 2);
  EXPECT_EQ(q("is_legacy=false"), 2);
  EXPECT_EQ(q("date_from=2025-02-01"), 1);
  EXPECT_EQ(q("date_to=2025-02-01"), 1);
  EXPECT_EQ(q("search=첫"), 1);
  EXPECT_EQ(q("push_up_type=wall"), 0);
  auto ordered = call("owner2", "GET", "/api/v1/assessments/?client=" + std::to_string(client) + "&ordering=overall_score");
  EXPECT_EQ(ordered.body["results"][0]["id"], first.body["id"]);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/assessments/?score_range=1-2").status, 400);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/assessments/?date_from=yesterday").body["date_from"][0],
            "날짜 형식이 잘못되었습니다. YYYY-MM-DD 형식을 사용하세요.");

  auto cmp = call("owner2", "GET", url(second.body["id"], "comparison/"));
  ASSERT_EQ(cmp.status, 200) << cmp.raw;
  EXPECT_EQ(cmp.body["previous"]["id"], first.body["id"]);
  EXPECT_EQ(cmp.body["days_between"], 150);
  auto delta = cmp.body["improvements"]["strength_score"].get<double>();
  EXPECT_NEAR(delta, 82.5 - first.body["strength_score"].get<double>(), 1e-9);
  auto none = call("owner2", "GET", url(first.body["id"], "comparison/"));
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.body["detail"], "이전 평가 기록이 없습니다.");
}

TEST_F(AssessmentsApi, QuestionnaireBankAndTheMcqExample) {
  auto categories = call("owner1", "GET", "/api/v1/mcq/categories/");
  ASSERT_EQ(categories.status, 200);
  ASSERT_EQ(categories.body.size(), 3u);
  EXPECT_EQ(categories.body[0]["code"], "knowledge");
  EXPECT_EQ(categories.body[0]["question_count"], 2);
  auto knowledge = call("owner1", "GET", "/api/v1/mcq/categories/" + categories.body[0]["id"].dump() + "/questions/");
  ASSERT_EQ(knowledge.body.size(), 2u);
  auto questions = call("owner1", "GET", "/api/v1/mcq/questions/?page_size=100");
  ASSERT_EQ(questions.body["count"], 6);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/mcq/questions/?category=lifestyle").body["count"], 2);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/mcq/questions/?type=multiple").body["count"], 1);
  // choice ids by (question text, choice text) so the test does not depend on generated ids
  auto choice = [&](const std::string& question, const std::string& text) -> std::pair<long long, long long> {
    for (const auto& q : questions.body["results"])
      if (q["question_text_ko"].get<std::string>().find(question) != std::string::npos)
        for (const auto& c : q["choices"])
          if (c["choice_text_ko"] == text) return {q["id"].get<long long>(), c["id"].get<long long>()};
    ADD_FAILURE() << question << " / " << text;
    return {0, 0};
  };
  auto [q1, strength23] = choice("근력 운동은", "2-3회");
  auto [q5, protein] = choice("근육 회복", "단백질");
  auto [q5b, carbs] = choice("근육 회복", "탄수화물");
  auto [q2, sleep78] = choice("수면 시간", "7-8시간");
  auto [q4, sometimes] = choice("흡연", "예, 가끔");
  auto [q3, goal] = choice("목표는", "체중 감량");
  auto [q6, high] = choice("자신감", "4 - 높음");

  auto id = call("owner1", "POST", "/api/v1/assessments/", assessment_a(client_of("owner1"))).body["id"].get<long long>();
  auto missing = call("owner1", "POST", url(id, "mcq/responses/"),
                      {{"responses", {{{"question_id", q1}, {"selected_choices", {strength23, strength23 + 1}}}}}});
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["responses"]["0"]["selected_choices"][0], "단일 선택 질문에는 하나의 답변만 선택할 수 있습니다.")
      << missing.raw;
  EXPECT_FALSE(missing.body["non_field_errors"].empty());
  auto foreign = call("owner1", "PATCH", url(id, "mcq/responses/"),
                      {{"responses", {{{"question_id", q1}, {"selected_choices", {sleep78}}}}}}, "en");
  EXPECT_EQ(foreign.body["responses"]["0"]["selected_choices"][0],
            "The selected choice does not belong to this question.") << foreign.raw;
  auto required = call("owner1", "POST", url(id, "mcq/responses/"),
                       {{"responses", {{{"question_id", q1}, {"selected_choices", {strength23}}}}}});
  EXPECT_EQ(required.status, 400);
  EXPECT_NE(required.raw.find("필수 질문입니다"), std::string::npos) << required.raw;

  json answers = {{"responses",
                   {{{"question_id", q1}, {"selected_choices", {strength23}}},
                    {{"question_id", q5}, {"selected_choices", {protein, carbs}}},
                    {{"question_id", q2}, {"selected_choices", {sleep78}}},
                    {{"question_id", q4}, {"selected_choices", {sometimes}}},
                    {{"question_id", q3}, {"selected_choices", {goal}}},
                    {{"question_id", q6}, {"selected_choices", {high}}}}}};
  auto saved = call("owner1", "POST", url(id, "mcq/responses/"), answers);
  ASSERT_EQ(saved.status, 201) << saved.raw;
  EXPECT_EQ(saved.body["knowledge_score"], 90.0);
  EXPECT_EQ(saved.body["lifestyle_score"], 70.0);
  EXPECT_EQ(saved.body["readiness_score"], 90.0);
  EXPECT_EQ(saved.body["comprehensive_score"], 73.9);
  EXPECT_EQ(saved.body["mcq_risk"], 10.0);
  EXPECT_EQ(saved.body["injury_risk_score"], 12.4);
  EXPECT_EQ(saved.body["responses"].size(), 6u);
  EXPECT_EQ(saved.body["completion_status"]["knowledge"]["percentage"], 100.0);
  EXPECT_EQ(saved.body["insights"]["lifestyle"]["recommendations"].size(), 2u);
  auto detail = call("owner1", "GET", url(id));
  EXPECT_EQ(detail.body["injury_risk_score"], 12.4);
  EXPECT_EQ(detail.body["comprehensive_score"], 73.9);
  bool mcq_factor = false;
  for (const auto& f : detail.body["risk_factors"])
    if (f["code"] == "mcq_risk") mcq_factor = f["points"] == 2.0;
  EXPECT_TRUE(mcq_factor) << detail.body["risk_factors"];
  // PATCH changes one answer: no smoking → lifestyle 100, no MCQ risk
  auto [q4b, never] = choice("흡연", "아니요, 전혀");
  auto patched = call("owner1", "PATCH", url(id, "mcq/responses/"),
                      {{"responses", {{{"question_id", q4}, {"selected_choices", {never}}}}}});
  ASSERT_EQ(patched.status, 200) << patched.raw;
  EXPECT_EQ(patched.body["lifestyle_score"], 100.0);
  EXPECT_TRUE(patched.body["mcq_risk"].is_null());
  EXPECT_EQ(patched.body["injury_risk_score"], 13.0);
  EXPECT_EQ(call("owner1", "DELETE", url(id, "mcq/responses/")).status, 204);
  auto cleared = call("owner1", "GET", url(id, "mcq/"));
  EXPECT_TRUE(cleared.body["knowledge_score"].is_null());
  EXPECT_TRUE(cleared.body["comprehensive_score"].is_null());
  EXPECT_EQ(cleared.body["responses"].size(), 0u);
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM audit_log WHERE object_id = " + std::to_string(id) +
                      " AND action IN ('mcq_saved', 'mcq_cleared')"),
            3);
}

TEST(Recalculate, LegacyFixtureGivesTheNumbersOfLegacyMd8) {
  TestDatabase db;
  auto env = base_env(db);
  ASSERT_EQ(migrate_and_import_legacy_fixture(db, env).exit_code, 0);
  auto plain = run_the5hc({"recalculate"}, env, db.dir());
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.out.find("examined 0"), std::string::npos) << plain.out;
  auto dry = run_the5hc({"recalculate", "--include-legacy", "--dry-run"}, env, db.dir());
  EXPECT_NE(dry.out.find("examined 7, changed 7, unchanged 0"), std::string::npos) << dry.out;
  auto real = run_the5hc({"recalculate", "--include-legacy"}, env, db.dir());
  EXPECT_NE(real.out.find("examined 7, changed 7"), std::string::npos) << real.out;
  auto again = run_the5hc({"recalculate", "--include-legacy"}, env, db.dir());
  EXPECT_NE(again.out.find("examined 7, changed 0, unchanged 7"), std::string::npos) << again.out;
  EXPECT_EQ(run_the5hc({"recalculate", "--id", "999999"}, env, db.dir()).exit_code, 2);

  SqlProbe target(db);
  EXPECT_EQ(target.count("SELECT COUNT(*) FROM assessments WHERE is_legacy = 0 AND overhead_squat_score = 0 "
         "AND overhead_squat_score_manual_override = 1 AND shoulder_mobility_score = 0 AND push_up_score = 1 "
         "AND single_leg_balance_score = 1.0 AND toe_touch_score = 3 AND farmer_carry_score = 1.0 "
         "AND farmer_carry_score_manual_override = 1 AND harvard_step_test_score IS NULL AND strength_score = 25.0 "
         "AND mobility_score = 50.0 AND balance_score = 25.0 AND cardio_score IS NULL AND overall_score = 32.8 "
         "AND is_complete = 0"),
            7);
  long long audits = target.count("SELECT COUNT(*) FROM audit_log WHERE action = 'assessments_recalculated'");
  EXPECT_EQ(audits, 3);
}
