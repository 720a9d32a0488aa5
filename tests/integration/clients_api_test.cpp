// /api/v1/clients/ over HTTP on the selected engine (API.md §3.1, DOMAIN.md §1.5, §8).
#include <gtest/gtest.h>

#include <set>

#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {
class ClientsApi : public RecordsApiTest {};
}  // namespace

TEST_F(ClientsApi, CreateReadUpdateDeleteWithAudit) {
  auto created = call("owner1", "POST", "/api/v1/clients/",
                      {{"name", " 박지민 "}, {"age", 30}, {"gender", "female"}, {"height", 165}, {"weight", 62.6},
                       {"phone", "011 234 5678"}, {"email", "Jimin@Example.com"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  auto c = created.body;
  EXPECT_EQ(c["name"], "박지민");
  EXPECT_EQ(c["phone"], "011-234-5678");
  EXPECT_EQ(c["bmi"], 23.0);
  EXPECT_EQ(c["bmi_category"], "overweight");
  EXPECT_EQ(c["bmi_category_display"], "과체중");
  EXPECT_EQ(c["gender_display"], "여성");
  EXPECT_EQ(c["trainer_name"], "owner1");
  EXPECT_EQ(c["activity_status"], "inactive");
  EXPECT_EQ(c["assessment_count"], 0);
  EXPECT_TRUE(c["created_at"].get<std::string>().ends_with("+09:00")) << c;
  const std::string url = "/api/v1/clients/" + std::to_string(c["id"].get<long long>()) + "/";

  auto en = call("owner1", "GET", url, nullptr, "en");
  EXPECT_EQ(en.body["bmi_category_display"], "Overweight");
  auto patched = call("owner1", "PATCH", url, {{"weight", 82}, {"phone", nullptr}});
  ASSERT_EQ(patched.status, 200) << patched.raw;
  EXPECT_EQ(patched.body["bmi"], 30.1);
  EXPECT_EQ(patched.body["bmi_category"], "severely_obese");
  EXPECT_TRUE(patched.body["phone"].is_null());
  EXPECT_EQ(patched.body["name"], "박지민");
  // PUT needs every required field; a GET result can be sent back (read-only fields ignored)
  EXPECT_EQ(call("owner1", "PUT", url, {{"name", "박지민"}}).status, 400);
  auto back = patched.body;
  back["age"] = 31;
  auto put = call("owner1", "PUT", url, back);
  ASSERT_EQ(put.status, 200) << put.raw;
  EXPECT_EQ(put.body["age"], 31);

  auto id = c["id"].get<long long>();
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM audit_log WHERE object_type = 'client' AND object_id = " +
                      std::to_string(id) + " AND action IN ('client_created', 'client_updated')"),
            3);
  EXPECT_EQ(call("owner1", "DELETE", url).status, 204);
  EXPECT_EQ(call("owner1", "GET", url).status, 404);
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'client_deleted' AND object_id = " +
                      std::to_string(id)),
            1);
}

TEST_F(ClientsApi, ValidationErrorsInKoreanAndEnglish) {
  json bad = {{"name", "김"}, {"age", 130}, {"gender", "m"}, {"height", 170}, {"weight", 70}, {"foo", 1}};
  auto en = call("owner1", "POST", "/api/v1/clients/", bad, "en");
  ASSERT_EQ(en.status, 400) << en.raw;
  EXPECT_EQ(en.body["name"][0], "Name must be at least 2 characters.");
  EXPECT_EQ(en.body["age"][0], "Age must be between 1 and 120.");
  EXPECT_EQ(en.body["gender"][0], "\"m\" is not a valid choice.");
  EXPECT_TRUE(en.body.contains("foo"));
  auto ko = call("owner1", "POST", "/api/v1/clients/", bad);
  EXPECT_EQ(ko.body["name"][0], "이름은 최소 2자 이상이어야 합니다.");
  EXPECT_EQ(ko.body["age"][0], "나이는 1세 이상 120세 이하여야 합니다.");
  EXPECT_EQ(ko.body["gender"][0], "\"m\"이(가) 유효하지 않은 선택입니다.");
  auto phone = call("owner1", "POST", "/api/v1/clients/",
                    {{"name", "이영희"}, {"age", 40}, {"gender", "female"}, {"height", 160}, {"weight", 55},
                     {"phone", "010-12"}, {"age_typo", 1}});
  EXPECT_EQ(phone.body["phone"][0], "올바른 전화번호 형식이 아닙니다.");
  auto wrong_type = call("owner1", "POST", "/api/v1/clients/",
                         {{"name", "이영희"}, {"age", "forty"}, {"gender", "female"}, {"height", 160}, {"weight", 55}});
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(wrong_type.body["age"][0], "유효한 정수를 입력하세요.") << wrong_type.raw;
  auto bmi = call("owner1", "POST", "/api/v1/clients/",
                  {{"name", "이영희"}, {"age", 40}, {"gender", "female"}, {"height", 300}, {"weight", 20}});
  EXPECT_EQ(bmi.body["non_field_errors"][0], "키와 몸무게를 확인해주세요. (BMI 2.2)") << bmi.raw;
}

TEST_F(ClientsApi, EmailIsUniqueWithinTheOrganisation) {
  client("owner1", {{"email", "same@example.com"}, {"name", "첫째회원"}});
  auto dup = call("owner1", "POST", "/api/v1/clients/",
                  {{"name", "둘째회원"}, {"age", 30}, {"gender", "male"}, {"height", 170}, {"weight", 70},
                   {"email", "SAME@example.com"}});
  EXPECT_EQ(dup.status, 400);
  EXPECT_EQ(dup.body["email"][0], "이미 등록된 이메일입니다.");
  // another organisation may use it
  client("owner2", {{"email", "same@example.com"}});
}

TEST_F(ClientsApi, TrainersSeeTheirOwnClientsAndOtherStudiosSeeNothing) {
  auto own = client("trainer1", {{"name", "트레이너회원"}, {"trainer", 1}});  // trainer cannot choose: forced
  auto owners = client("owner1", {{"name", "소유자회원"}});
  auto other = client("owner2", {{"name", "다른스튜디오"}});
  auto mine = call("trainer1", "GET", "/api/v1/clients/" + std::to_string(own) + "/");
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.body["trainer_name"], "trainer1");
  // the owner hears of it (DOMAIN.md §10.2); the acting trainer does not
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.type = "
                      "'client_added' AND u.username = 'owner1' AND n.object_id = " + std::to_string(own)),
            1);
  EXPECT_EQ(sql_count("SELECT COUNT(*) FROM notifications WHERE object_id = " + std::to_string(own)), 1);
  auto hidden = call("trainer1", "GET", "/api/v1/clients/" + std::to_string(owners) + "/");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(hidden.body["detail"], "찾을 수 없습니다.");
  EXPECT_EQ(call("trainer1", "PATCH", "/api/v1/clients/" + std::to_string(owners) + "/", {{"age", 50}}).status, 404);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/clients/" + std::to_string(other) + "/").status, 404);
  EXPECT_EQ(call("owner1", "DELETE", "/api/v1/clients/" + std::to_string(other) + "/").status, 404);
  // the trainer's list is exactly the clients assigned to them: their new client in, the owner's out
  auto list = call("trainer1", "GET", "/api/v1/clients/?page_size=100");
  ASSERT_EQ(list.status, 200) << list.raw;
  const auto& results = list.body["results"];
  ASSERT_TRUE(results.is_array() && !results.empty()) << list.raw;
  EXPECT_EQ(results.size(), std::size_t(sql_count("SELECT COUNT(*) FROM clients c JOIN trainers t ON t.id = "
                                                  "c.trainer_id JOIN users u ON u.id = t.user_id WHERE u.username = "
                                                  "'trainer1'")));
  EXPECT_EQ(list.body["count"], results.size());
  std::set<long long> ids;
  for (const auto& c : results) {
    EXPECT_EQ(c["trainer_name"], "trainer1") << c;
    ids.insert(c["id"].get<long long>());
  }
  EXPECT_TRUE(ids.contains(own)) << list.raw;
  EXPECT_FALSE(ids.contains(owners)) << list.raw;
  // the owner chooses the trainer; an unknown one is a field error
  auto trainer_id = mine.body["trainer"].get<long long>();
  auto chosen = call("owner1", "POST", "/api/v1/clients/",
                     {{"name", "배정회원"}, {"age", 30}, {"gender", "male"}, {"height", 170}, {"weight", 70},
                      {"trainer", trainer_id}});
  EXPECT_EQ(chosen.body["trainer"], trainer_id);
  auto invalid = call("owner1", "POST", "/api/v1/clients/",
                      {{"name", "배정회원"}, {"age", 30}, {"gender", "male"}, {"height", 170}, {"weight", 70},
                       {"trainer", 999}});
  EXPECT_EQ(invalid.body["trainer"][0], "유효하지 않은 pk \"999\" - 객체가 존재하지 않습니다.") << invalid.raw;
}

TEST_F(ClientsApi, SearchFiltersOrderingAndPagination) {
  client("owner2", {{"name", "검색 알파"}, {"age", 22}, {"gender", "female"}, {"height", 160}, {"weight", 45},
                    {"phone", "01099998888"}});
  client("owner2", {{"name", "검색 베타"}, {"age", 45}, {"height", 170}, {"weight", 70}, {"email", "beta@x.kr"}});
  client("owner2", {{"name", "검색 감마"}, {"age", 60}, {"height", 170}, {"weight", 95}});
  auto search = call("owner2", "GET", "/api/v1/clients/?search=검색%20베타");
  ASSERT_EQ(search.body["count"], 1) << search.raw;
  EXPECT_EQ(search.body["results"][0]["name"], "검색 베타");
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=9999888").body["count"], 1);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=BETA@X").body["count"], 1);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=검색&gender=female").body["count"], 1);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=검색&age_min=40&age_max=50").body["count"], 1);
  auto under = call("owner2", "GET", "/api/v1/clients/?search=검색&bmi_category=underweight");
  ASSERT_EQ(under.body["count"], 1);
  EXPECT_EQ(under.body["results"][0]["name"], "검색 알파");
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=검색&bmi_category=severely_obese").body["count"], 1);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=검색&activity=inactive").body["count"], 3);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=검색&latest_score=none").body["count"], 3);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=검색&created_from=" + seoul_date()).body["count"], 3);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=검색&created_to=" + seoul_date(-1)).body["count"], 0);

  auto by_age = call("owner2", "GET", "/api/v1/clients/?search=검색&ordering=-age");
  EXPECT_EQ(by_age.body["results"][0]["age"], 60);
  EXPECT_EQ(by_age.body["results"][2]["age"], 22);
  auto page1 = call("owner2", "GET", "/api/v1/clients/?search=검색&ordering=age&page_size=2");
  EXPECT_EQ(page1.body["count"], 3);
  ASSERT_EQ(page1.body["results"].size(), 2u);
  auto next = page1.body["next"].get<std::string>();
  EXPECT_NE(next.find("page=2"), std::string::npos) << next;
  EXPECT_NE(next.find("ordering=age"), std::string::npos) << next;
  EXPECT_TRUE(page1.body["previous"].is_null());
  auto page2 = call("owner2", "GET", next.substr(next.find("/api/")));
  ASSERT_EQ(page2.status, 200) << page2.raw;
  EXPECT_EQ(page2.body["results"][0]["age"], 60);
  EXPECT_EQ(page2.body["count"], 3) << "a search's count comes with its rows, on every page";
  EXPECT_EQ(call("owner2", "GET", "/api/v1/clients/?search=검색&page=3&page_size=2").status, 404);

  auto bad = call("owner2", "GET", "/api/v1/clients/?bmi_category=huge&created_from=2025-13-01");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.body.contains("bmi_category") || bad.body.contains("created_from")) << bad.raw;
}

TEST_F(ClientsApi, ActivityLatestScoreAssessmentsAndStatistics) {
  auto id = client("owner1", {{"name", "활동회원"}});
  const std::string base = "/api/v1/clients/" + std::to_string(id) + "/";
  auto a = call("owner1", "POST", "/api/v1/assessments/",
                {{"client", id}, {"date", seoul_date(-3)}, {"push_up_reps", 26}, {"toe_touch_distance", 2}});
  ASSERT_EQ(a.status, 201) << a.raw;
  auto b = call("owner1", "POST", "/api/v1/assessments/",
                {{"client", id}, {"date", seoul_date(-40)}, {"push_up_reps", 10}});
  ASSERT_EQ(b.status, 201) << b.raw;
  auto c = call("owner1", "GET", base);
  EXPECT_EQ(c.body["activity_status"], "active");
  EXPECT_EQ(c.body["assessment_count"], 2);
  EXPECT_EQ(c.body["latest_assessment_date"], seoul_date(-3));
  EXPECT_EQ(c.body["latest_overall_score"], a.body["overall_score"]);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/clients/?search=활동회원&activity=active").body["count"], 1);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/clients/?search=활동회원&activity=inactive").body["count"], 0);
  // push-up 3 → strength 75, toe 3 → mobility 75: overall 75.0, band 70-79
  EXPECT_EQ(a.body["overall_score"], 75.0);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/clients/?search=활동회원&latest_score=70-79").body["count"], 1);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/clients/?search=활동회원&latest_score=80-89").body["count"], 0);
  auto nested = call("owner1", "GET", base + "assessments/");
  ASSERT_EQ(nested.status, 200);
  ASSERT_EQ(nested.body.size(), 2u);
  EXPECT_EQ(nested.body[0]["date"], seoul_date(-3));
  auto stats = call("owner1", "GET", base + "statistics/");
  ASSERT_EQ(stats.status, 200) << stats.raw;
  EXPECT_EQ(stats.body["total_assessments"], 2);
  EXPECT_EQ(stats.body["latest_assessment"]["date"], seoul_date(-3));
  EXPECT_EQ(stats.body["score_trend"].size(), 2u);
  EXPECT_EQ(stats.body["total_paid"], 0);
  EXPECT_EQ(call("trainer1", "GET", base + "statistics/").status, 404);
}

TEST_F(ClientsApi, DeleteIsRefusedWhileMoneyRecordsExist) {
  auto id = client("owner1", {{"name", "결제회원"}});
  sql_exec("INSERT INTO payments (organization_id, client_id, trainer_id, amount, payment_method, kind, payment_date, "
           "created_at) SELECT organization_id, id, trainer_id, 10000, 'cash', 'other', '2025-01-01', "
           "'2025-01-01 00:00:00' FROM clients WHERE id = " + std::to_string(id));
  auto r = call("owner1", "DELETE", "/api/v1/clients/" + std::to_string(id) + "/");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.body["detail"], "결제 기록이 있는 회원은 삭제할 수 없습니다.");
  EXPECT_EQ(call("owner1", "GET", "/api/v1/clients/" + std::to_string(id) + "/").status, 200);
}

// API.md §1.1: writes also accept application/x-www-form-urlencoded and multipart/form-data, with the same fields
// and the same per-field errors as JSON (values arrive as text and are read as the field's type).
TEST_F(ClientsApi, FormEncodedAndMultipartBodiesAreWritesLikeJson) {
  auto headers = [](const std::string& type) {
    auto h = bearer(tokens_["owner1"]);
    h["Content-Type"] = type;
    return h;
  };
  auto form = http_request(server_->port(), "POST", "/api/v1/clients/",
                           "name=%ED%8F%BC%ED%9A%8C%EC%9B%90&age=41&gender=female&height=162.5&weight=55&email=form"
                           "%40example.com&phone=",
                           headers("application/x-www-form-urlencoded"));
  ASSERT_EQ(form.status, 201) << form.body;
  auto created = json::parse(form.body);
  EXPECT_EQ(created["name"], "폼회원");
  EXPECT_EQ(created["age"], 41);
  EXPECT_EQ(created["gender"], "female");
  EXPECT_EQ(created["height"], 162.5);
  EXPECT_EQ(created["email"], "form@example.com");
  EXPECT_EQ(call("owner1", "GET", "/api/v1/clients/" + created["id"].dump() + "/").body["weight"], 55);

  const std::string boundary = "----the5hc-test-boundary";
  auto part = [&](const std::string& name, const std::string& value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  };
  std::string multipart = part("name", "멀티파트회원") + part("age", "29") + part("gender", "male") +
                          part("height", "180") + part("weight", "77.5") + "--" + boundary + "--\r\n";
  auto mp = http_request(server_->port(), "POST", "/api/v1/clients/", multipart,
                         headers("multipart/form-data; boundary=" + boundary));
  ASSERT_EQ(mp.status, 201) << mp.body;
  EXPECT_EQ(json::parse(mp.body)["name"], "멀티파트회원");
  EXPECT_EQ(json::parse(mp.body)["weight"], 77.5);

  // a PATCH with a form body changes only the fields given
  auto patch = http_request(server_->port(), "PATCH", "/api/v1/clients/" + created["id"].dump() + "/", "age=42",
                            headers("application/x-www-form-urlencoded"));
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(json::parse(patch.body)["age"], 42);
  EXPECT_EQ(json::parse(patch.body)["name"], "폼회원");

  // wrong values are field errors, as in JSON; unknown fields too
  auto bad = http_request(server_->port(), "POST", "/api/v1/clients/",
                          "name=x&age=old&gender=other&height=&colour=red", headers("application/x-www-form-urlencoded"));
  ASSERT_EQ(bad.status, 400) << bad.body;
  auto errors = json::parse(bad.body);
  EXPECT_EQ(errors["age"][0], "유효한 정수를 입력하세요.") << errors;
  EXPECT_TRUE(errors.contains("gender")) << errors;
  EXPECT_TRUE(errors.contains("height")) << errors;
  EXPECT_TRUE(errors.contains("weight")) << errors;  // required, absent
  EXPECT_TRUE(errors.contains("colour")) << errors;
  auto bad_mp = http_request(server_->port(), "POST", "/api/v1/clients/", part("age", "abc") + "--" + boundary + "--\r\n",
                             headers("multipart/form-data; boundary=" + boundary));
  ASSERT_EQ(bad_mp.status, 400) << bad_mp.body;
  EXPECT_TRUE(json::parse(bad_mp.body).contains("age")) << bad_mp.body;
  // a multipart body that is not one is a 400, not a 500; other media types stay 415
  auto broken = http_request(server_->port(), "POST", "/api/v1/clients/", "no parts here",
                             headers("multipart/form-data; boundary=" + boundary));
  EXPECT_EQ(broken.status, 400) << broken.body;
  EXPECT_EQ(http_request(server_->port(), "POST", "/api/v1/clients/", "name=x", headers("text/plain")).status, 415);
}
