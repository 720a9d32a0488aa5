// PDF reports and share links over HTTP (API.md §3.2 report.pdf / reports/, §3.7; issue 15): reuse of a stored
// report until the assessment changes, listing and deletion with audit, other organisations answered 404, and the
// private share links of a client (token shown once, only its hash stored, consent and expiry rules, revocation).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/digest.hpp"
#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class ReportsApi : public RecordsApiTest {
 protected:
  static HttpResponse raw(const std::string& who, const std::string& method, const std::string& path) {
    return http_request(suite_->server->port(), method, path, "", bearer(tokens_[who]));
  }
  static long long assessment(const std::string& who, long long client) {
    auto r = call(who, "POST", "/api/v1/assessments/", assessment_a(client));
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", 0LL);
  }
  static long long reports_of(long long assessment_id) {
    return sql_count("SELECT count(*) FROM assessment_reports WHERE assessment_id = " + std::to_string(assessment_id));
  }
  static long long audits(const std::string& action, long long object_id) {
    return sql_count("SELECT count(*) FROM audit_log WHERE action = '" + action +
                     "' AND object_id = " + std::to_string(object_id));
  }
};

}  // namespace

TEST_F(ReportsApi, PdfIsStoredAndReusedUntilTheAssessmentChanges) {
  auto client = ReportsApi::client("owner1", {{"name", "박지성 회원"}});
  auto id = assessment("owner1", client);
  const std::string path = "/api/v1/assessments/" + std::to_string(id) + "/report.pdf";

  auto first = raw("owner1", "GET", path);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.header("content-type"), "application/pdf");
  EXPECT_EQ(first.body.rfind("%PDF-", 0), 0u);
  // ASCII name for old clients, the Korean one percent-encoded (박지성_회원, spaces → _) for the rest
  EXPECT_EQ(first.header("content-disposition"),
            "attachment; filename=\"fitness_assessment_" + std::to_string(id) +
                ".pdf\"; filename*=UTF-8''fitness_assessment_%EB%B0%95%EC%A7%80%EC%84%B1_%ED%9A%8C%EC%9B%90_20250609.pdf");
  EXPECT_EQ(reports_of(id), 1);

  auto again = raw("owner1", "GET", path);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body) << "the stored report is returned while the assessment is unchanged";
  EXPECT_EQ(reports_of(id), 1);
  EXPECT_EQ(sql_count("SELECT count(*) FROM assessment_reports WHERE assessment_id = " + std::to_string(id) +
                      " AND file_size = " + std::to_string(first.body.size()) + " AND sha256 = '" +
                      the5hc::digest::sha256_hex(first.body) + "'"),
            1);

  // an edit, even within the same second, makes the next request render again
  ASSERT_EQ(call("owner1", "PATCH", "/api/v1/assessments/" + std::to_string(id) + "/", {{"push_up_reps", 10}}).status,
            200);
  auto edited = raw("owner1", "GET", path);
  ASSERT_EQ(edited.status, 200);
  EXPECT_NE(edited.body, first.body);
  EXPECT_EQ(reports_of(id), 2);

  // another language is another report
  auto english = raw("owner1", "GET", path + "?lang=en");
  ASSERT_EQ(english.status, 200);
  EXPECT_EQ(reports_of(id), 3);
  EXPECT_EQ(sql_count("SELECT count(*) FROM assessment_reports WHERE language = 'en' AND assessment_id = " +
                      std::to_string(id)),
            1);
  EXPECT_EQ(raw("owner1", "GET", path + "?lang=fr").status, 400);
  EXPECT_EQ(sql_count("SELECT count(*) FROM audit_log a JOIN assessment_reports r ON r.id = a.object_id WHERE "
                      "a.action = 'report_generated' AND r.assessment_id = " + std::to_string(id)),
            3);
}

TEST_F(ReportsApi, GenerateListDownloadAndDelete) {
  auto client = ReportsApi::client("owner1", {{"name", "최민수"}, {"email", "minsu@example.com"}});
  auto id = assessment("owner1", client);
  auto created = call("owner1", "POST", "/api/v1/assessments/" + std::to_string(id) + "/reports/");
  ASSERT_EQ(created.status, 201) << created.raw;
  auto report = created.body;
  EXPECT_EQ(report["assessment"], id);
  EXPECT_EQ(report["client"], client);
  EXPECT_EQ(report["client_name"], "최민수");
  EXPECT_EQ(report["assessment_date"], "2025-06-09");
  EXPECT_EQ(report["report_type"], "detailed");
  EXPECT_EQ(report["report_type_display"], "상세 보고서");
  EXPECT_EQ(report["language"], "ko");
  EXPECT_EQ(report["file_name"], "fitness_assessment_최민수_20250609.pdf");
  EXPECT_GT(report["file_size"].get<long long>(), 10000);
  const auto report_id = report["id"].get<long long>();
  const std::string detail = "/api/v1/reports/" + std::to_string(report_id) + "/";
  EXPECT_EQ(report["download_url"].get<std::string>().ends_with(detail + "download/"), true);
  // POST always renders a new one
  ASSERT_EQ(call("owner1", "POST", "/api/v1/assessments/" + std::to_string(id) + "/reports/").status, 201);
  EXPECT_EQ(reports_of(id), 2);

  auto list = call("owner1", "GET", "/api/v1/reports/?assessment=" + std::to_string(id));
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body["count"], 2);
  EXPECT_GT(list.body["results"][0]["id"].get<long long>(), report_id) << "newest first";
  EXPECT_EQ(call("owner1", "GET", "/api/v1/reports/?search=minsu@example").body["count"], 2);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/reports/?search=최민수&client=" + std::to_string(client)).body["count"], 2);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/reports/?search=없는이름").body["count"], 0);

  EXPECT_EQ(call("owner1", "GET", detail).body["file_name"], "fitness_assessment_최민수_20250609.pdf");
  auto inline_view = raw("owner1", "GET", detail + "download/?inline=1");
  ASSERT_EQ(inline_view.status, 200);
  EXPECT_EQ(inline_view.header("content-disposition").rfind("inline; filename=", 0), 0u);
  EXPECT_EQ(inline_view.body.size(), report["file_size"].get<std::size_t>());
  EXPECT_EQ(raw("owner1", "GET", detail + "download/").header("content-disposition").rfind("attachment;", 0), 0u);

  EXPECT_EQ(call("owner1", "DELETE", detail).status, 204);
  EXPECT_EQ(call("owner1", "GET", detail).status, 404);
  EXPECT_EQ(reports_of(id), 1);
  EXPECT_EQ(audits("report_deleted", report_id), 1);
  EXPECT_EQ(audits("report_generated", report_id), 1);
  // deleting the assessment deletes its reports
  ASSERT_EQ(call("owner1", "DELETE", "/api/v1/assessments/" + std::to_string(id) + "/").status, 204);
  EXPECT_EQ(reports_of(id), 0);
}

TEST_F(ReportsApi, OtherOrganisationsAndOtherTrainersSeeNothing) {
  auto owners_client = ReportsApi::client("owner1", {{"name", "오너회원"}});
  auto id = assessment("owner1", owners_client);
  auto created = call("owner1", "POST", "/api/v1/assessments/" + std::to_string(id) + "/reports/");
  ASSERT_EQ(created.status, 201);
  const std::string detail = "/api/v1/reports/" + created.body["id"].dump() + "/";
  for (const char* who : {"owner2", "trainer1"}) {
    EXPECT_EQ(raw(who, "GET", "/api/v1/assessments/" + std::to_string(id) + "/report.pdf").status, 404) << who;
    EXPECT_EQ(call(who, "POST", "/api/v1/assessments/" + std::to_string(id) + "/reports/").status, 404) << who;
    EXPECT_EQ(call(who, "GET", detail).status, 404) << who;
    EXPECT_EQ(raw(who, "GET", detail + "download/").status, 404) << who;
    EXPECT_EQ(call(who, "DELETE", detail).status, 404) << who;
    EXPECT_EQ(call(who, "GET", "/api/v1/reports/?assessment=" + std::to_string(id)).body["count"], 0) << who;
  }
  EXPECT_EQ(reports_of(id), 1);

  // a trainer's own client: report, list and delete
  auto own = ReportsApi::client("trainer1", {{"name", "트레이너회원"}});
  auto own_id = assessment("trainer1", own);
  ASSERT_EQ(raw("trainer1", "GET", "/api/v1/assessments/" + std::to_string(own_id) + "/report.pdf").status, 200);
  auto mine = call("trainer1", "GET", "/api/v1/reports/");
  ASSERT_EQ(mine.status, 200);
  for (const auto& r : mine.body["results"]) EXPECT_EQ(r["client"], own);
  EXPECT_EQ(call("trainer1", "DELETE", "/api/v1/reports/" + mine.body["results"][0]["id"].dump() + "/").status, 204);
}

TEST_F(ReportsApi, ShareLinksNeedConsentLastOneToNinetyDaysAndCanBeRevoked) {
  auto client = ReportsApi::client("owner1", {{"name", "공유회원"}});
  const std::string links = "/api/v1/clients/" + std::to_string(client) + "/share-links/";

  auto refused = call("owner1", "POST", links, json::object());
  ASSERT_EQ(refused.status, 400) << refused.raw;
  EXPECT_EQ(refused.body["consent"][0], "회원의 동의가 필요합니다.");
  EXPECT_EQ(call("owner1", "POST", links, {{"consent", true}, {"expires_in_days", 91}}).body["expires_in_days"][0],
            "90 이하여야 합니다.");
  EXPECT_EQ(call("owner1", "POST", links, {{"consent", true}, {"expires_in_days", 0}}).status, 400);
  EXPECT_EQ(sql_count("SELECT count(*) FROM client_share_links WHERE client_id = " + std::to_string(client)), 0);

  auto created = call("owner1", "POST", links, {{"consent", true}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const std::string token = created.body["token"];
  EXPECT_EQ(token.size(), 22u) << "128 bits in URL-safe base64";
  EXPECT_TRUE(created.body["url"].get<std::string>().ends_with("/s/" + token + "/"));
  EXPECT_EQ(created.body["status"], "active");
  EXPECT_EQ(created.body["status_display"], "사용 중");
  const auto link_id = created.body["id"].get<long long>();
  // only the hash is stored; the default lifetime is 30 days
  EXPECT_EQ(sql_count("SELECT count(*) FROM client_share_links WHERE id = " + std::to_string(link_id) +
                      " AND token_sha256 = '" + the5hc::digest::sha256_hex(token) + "'"),
            1);
  EXPECT_EQ(suite_->sql->text("SELECT count(*) FROM client_share_links WHERE token_sha256 LIKE '%" + token + "%'"),
            "0");
  auto days = suite_->sql->real(suite_->db.postgres()
                                    ? "SELECT EXTRACT(EPOCH FROM (expires_at::timestamp - created_at::timestamp)) / 86400 "
                                      "FROM client_share_links WHERE id = " + std::to_string(link_id)
                                    : "SELECT julianday(expires_at) - julianday(created_at) FROM client_share_links "
                                      "WHERE id = " + std::to_string(link_id));
  EXPECT_NEAR(days, 30.0, 1e-6);
  ASSERT_EQ(call("owner1", "POST", links, {{"consent", true}, {"expires_in_days", 90}}).status, 201);

  auto listed = call("owner1", "GET", links);
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.body.size(), 2u);
  for (const auto& l : listed.body) EXPECT_FALSE(l.contains("token")) << "a token is shown only once";

  // other studios see nothing; a trainer may not touch another trainer's client
  EXPECT_EQ(call("owner2", "GET", links).status, 404);
  EXPECT_EQ(call("owner2", "POST", links, {{"consent", true}}).status, 404);
  EXPECT_EQ(call("owner2", "POST", links + std::to_string(link_id) + "/revoke/").status, 404);
  EXPECT_EQ(call("trainer1", "GET", links).status, 404);

  auto revoked = call("owner1", "POST", links + std::to_string(link_id) + "/revoke/");
  ASSERT_EQ(revoked.status, 200) << revoked.raw;
  EXPECT_EQ(revoked.body["status"], "revoked");
  EXPECT_FALSE(revoked.body["revoked_at"].is_null());
  EXPECT_EQ(call("owner1", "POST", links + std::to_string(link_id) + "/revoke/").body["revoked_at"],
            revoked.body["revoked_at"]);
  // a link of another client is not found through this one
  auto other = ReportsApi::client("owner1", {{"name", "다른회원"}});
  EXPECT_EQ(call("owner1", "POST", "/api/v1/clients/" + std::to_string(other) + "/share-links/" +
                                       std::to_string(link_id) + "/revoke/")
                .status,
            404);
  EXPECT_EQ(audits("share_link_created", link_id), 1);
  EXPECT_EQ(audits("share_link_revoked", link_id), 1);

  // an expired link says so
  suite_->sql->exec("UPDATE client_share_links SET expires_at = '2000-01-01 00:00:00' WHERE id <> " +
                    std::to_string(link_id) + " AND client_id = " + std::to_string(client));
  for (const auto& l : call("owner1", "GET", links).body)
    EXPECT_EQ(l["status"], l["id"] == link_id ? "revoked" : "expired");
}
