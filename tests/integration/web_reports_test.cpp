// The report pages and share links of the web UI (WEB.md §4.6, issue 15) over real sockets: the assessment's PDF
// through the login session (reused like the API's), the reports list with search, period, view, download and
// delete; the client page's share-link section; the public page /s/{token}/ — without login, only that client's
// results, its private headers, expiry, revocation that reveals nothing, view counting and the per-IP limit.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/records.hpp"
#include "support/web_browser.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class WebReports : public RecordsApiTest {
 protected:
  static void SetUpTestSuite() {
    RecordsApiTest::SetUpTestSuite();
    for (const char* who : {"owner1", "trainer1", "owner2"})
      browsers_[who] = sign_in_browser(server_->port(), who, kSuitePassword);
  }
  static void TearDownTestSuite() {
    browsers_.clear();
    RecordsApiTest::TearDownTestSuite();
  }
  static HttpResponse as(const std::string& who, const std::string& method, const std::string& path,
                         const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    return browsers_.at(who).request(method, path, body, std::move(headers));
  }
  static HttpResponse anonymous(const std::string& path) { return http_request(server_->port(), "GET", path); }
  static long long assessment(long long client) {
    auto r = call("owner1", "POST", "/api/v1/assessments/", assessment_a(client));
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", 0LL);
  }
  // A share link of the client through the web form; its token.
  static std::string share(long long client, const std::string& extra = "") {
    auto r = as("owner1", "POST", "/clients/" + std::to_string(client) + "/share-links/",
                "expires_in_days=30&consent=1" + extra, {{"HX-Request", "true"}, {"HX-Target", "share-link-form"}});
    EXPECT_EQ(r.status, 200) << r.body;
    auto at = r.body.find("/s/");
    EXPECT_NE(at, std::string::npos) << r.body;
    return at == std::string::npos ? "" : r.body.substr(at + 3, 22);
  }
  static long long count(const std::string& query) { return sql_count(query); }

  static inline std::map<std::string, WebBrowser> browsers_;
};

bool has(const HttpResponse& r, const std::string& text) { return r.body.find(text) != std::string::npos; }

}  // namespace

TEST_F(WebReports, AssessmentPdfNeedsTheSessionAndIsReusedLikeTheApis) {
  auto id = std::to_string(assessment(client("owner1", {{"name", "웹보고서 회원"}})));
  const std::string path = "/assessments/" + id + "/report.pdf";
  auto anon = anonymous(path);
  EXPECT_EQ(anon.status, 302);
  EXPECT_EQ(anon.header("location").rfind("/accounts/login/?next=", 0), 0u);

  auto first = as("owner1", "GET", path);
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 300);
  EXPECT_EQ(first.header("content-type"), "application/pdf");
  EXPECT_EQ(first.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(first.header("content-disposition").rfind("attachment; filename=\"fitness_assessment_" + id + ".pdf\"", 0), 0u);
  auto again = as("owner1", "GET", path);
  EXPECT_EQ(again.body, first.body) << "the stored report is reused while the assessment is unchanged";
  EXPECT_EQ(count("SELECT count(*) FROM assessment_reports WHERE assessment_id = " + id), 1);
  // the same service call as the API: the API's report.pdf returns the stored bytes too
  auto api = http_request(server_->port(), "GET", "/api/v1/assessments/" + id + "/report.pdf", "", bearer(tokens_["owner1"]));
  EXPECT_EQ(api.body, first.body);

  auto english = as("owner1", "GET", path + "?lang=en");
  ASSERT_EQ(english.status, 200);
  EXPECT_NE(english.body, first.body);
  EXPECT_EQ(count("SELECT count(*) FROM assessment_reports WHERE language = 'en' AND assessment_id = " + id), 1);

  EXPECT_EQ(as("owner2", "GET", path).status, 404);
  EXPECT_EQ(as("trainer1", "GET", path).status, 404) << "another trainer's client";
}

TEST_F(WebReports, ReportListSearchPeriodViewDownloadAndDelete) {
  auto id = assessment(client("owner1", {{"name", "목록보고서"}, {"email", "list-report@example.com"}}));
  auto generated = as("owner1", "POST", "/reports/generate/" + std::to_string(id) + "/");
  ASSERT_EQ(generated.status, 303) << generated.body;
  const std::string download = generated.header("location");
  ASSERT_EQ(download.rfind("/reports/", 0), 0u);
  const std::string report = download.substr(9, download.find('/', 9) - 9);

  auto list = as("owner1", "GET", "/reports/?search=%EB%AA%A9%EB%A1%9D%EB%B3%B4%EA%B3%A0%EC%84%9C");  // 목록보고서
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(has(list, "생성된 평가 보고서를 확인하고 관리할 수 있습니다."));
  EXPECT_TRUE(has(list, "목록보고서 – 상세 보고서"));
  EXPECT_TRUE(has(list, "평가일: 2025-06-09 | 생성일: "));
  EXPECT_TRUE(has(list, "생성자: owner1 | 크기: ")) << list.body;
  EXPECT_TRUE(has(list, "총 1건"));
  EXPECT_TRUE(has(list, "<span class=\"org-name\">Studio A</span>")) << "the navbar names the organisation";
  EXPECT_TRUE(has(list, "/reports/" + report + "/view/"));
  EXPECT_TRUE(has(as("owner1", "GET", "/reports/?search=list-report%40example.com"), "목록보고서 – 상세 보고서"));

  auto fragment = as("owner1", "GET", "/reports/?search=nobody-here", "", {{"HX-Request", "true"}, {"HX-Target", "report-list"}});
  EXPECT_EQ(fragment.body.rfind("<section id=\"report-list\"", 0), 0u) << fragment.body.substr(0, 200);
  EXPECT_TRUE(has(fragment, "생성된 보고서가 없습니다."));
  EXPECT_FALSE(has(as("owner1", "GET", "/reports/?from=2000-01-01&to=2000-01-31"), "목록보고서"));
  EXPECT_TRUE(has(as("owner1", "GET", "/reports/?from=2000-01-01"), "목록보고서"));
  EXPECT_FALSE(has(as("owner2", "GET", "/reports/"), "목록보고서")) << "another studio";

  auto view = as("owner1", "GET", "/reports/" + report + "/view/");
  ASSERT_EQ(view.status, 200);
  EXPECT_EQ(view.header("content-disposition").rfind("inline;", 0), 0u);
  auto file = as("owner1", "GET", download);
  EXPECT_EQ(file.header("content-disposition").rfind("attachment;", 0), 0u);
  EXPECT_EQ(file.body, view.body);
  EXPECT_EQ(as("owner2", "GET", download).status, 404);

  EXPECT_EQ(as("owner2", "POST", "/reports/" + report + "/delete/").status, 404);
  auto deleted = as("owner1", "POST", "/reports/" + report + "/delete/", "", {{"HX-Request", "true"}});
  EXPECT_EQ(deleted.status, 200);
  EXPECT_EQ(deleted.header("hx-redirect"), "/reports/");
  EXPECT_EQ(count("SELECT count(*) FROM assessment_reports WHERE id = " + report), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'report_deleted' AND object_id = " + report), 1);
}

TEST_F(WebReports, ClientPageSectionCreatesListsAndRevokesLinks) {
  auto client_id = client("owner1", {{"name", "링크회원"}});
  const std::string links = "/clients/" + std::to_string(client_id) + "/share-links/";
  auto detail = as("owner1", "GET", "/clients/" + std::to_string(client_id) + "/");
  EXPECT_TRUE(has(detail, "hx-get=\"" + links + "\""));
  auto section = as("owner1", "GET", links, "", {{"HX-Request", "true"}, {"HX-Target", "share-links"}});
  ASSERT_EQ(section.status, 200);
  EXPECT_EQ(section.body.rfind("<section id=\"share-links\"", 0), 0u) << section.body.substr(0, 200);
  EXPECT_TRUE(has(section, "value=\"30\"")) << "30 days unless chosen";
  EXPECT_TRUE(has(section, "아직 공유 링크가 없습니다."));

  auto refused = as("owner1", "POST", links, "expires_in_days=91", {{"HX-Request", "true"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(refused.header("hx-retarget"), "#share-link-form");
  EXPECT_EQ(refused.body.rfind("<form id=\"share-link-form\"", 0), 0u) << refused.body.substr(0, 200);
  EXPECT_TRUE(has(refused, "회원의 동의가 필요합니다."));
  EXPECT_TRUE(has(refused, "90 이하여야 합니다."));
  EXPECT_EQ(count("SELECT count(*) FROM client_share_links WHERE client_id = " + std::to_string(client_id)), 0);

  auto token = share(client_id, "&language=en");
  ASSERT_EQ(token.size(), 22u);
  EXPECT_EQ(count("SELECT count(*) FROM client_share_links WHERE language = 'en' AND client_id = " +
                  std::to_string(client_id)), 1);
  auto listed = as("owner1", "GET", links, "", {{"HX-Request", "true"}, {"HX-Target", "share-links"}});
  EXPECT_TRUE(has(listed, "사용 중"));
  EXPECT_FALSE(has(listed, token)) << "the token is shown only when created";
  EXPECT_EQ(as("owner2", "GET", links).status, 404);
  EXPECT_EQ(as("trainer1", "POST", links, "expires_in_days=30&consent=1").status, 404);

  auto link_id = std::to_string(sql_->count("SELECT max(id) FROM client_share_links WHERE client_id = " +
                                            std::to_string(client_id)));
  auto revoked = as("owner1", "POST", links + link_id + "/revoke/", "", {{"HX-Request", "true"}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.body.rfind("<li class=\"share-row\"", 0), 0u);
  EXPECT_TRUE(has(revoked, "해지"));
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'share_link_revoked' AND object_id = " + link_id), 1);
}

TEST_F(WebReports, PublicPageNeedsNoLoginAndShowsOnlyThatClient) {
  auto client_id = client("owner1", {{"name", "공유대상"}, {"email", "shared-client@example.com"}});
  assessment(client_id);
  auto other = client("owner1", {{"name", "옆사람회원"}});
  assessment(other);
  auto token = share(client_id);
  ASSERT_EQ(token.size(), 22u);

  auto page = anonymous("/s/" + token + "/");
  ASSERT_EQ(page.status, 200) << page.body.substr(0, 300);
  EXPECT_EQ(page.header("cache-control"), "no-store");
  EXPECT_EQ(page.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(page.header("x-robots-tag"), "noindex, nofollow");
  EXPECT_TRUE(has(page, "<meta property=\"og:title\" content=\"Studio A 체력 평가 결과\">"));
  EXPECT_TRUE(has(page, "공유대상님의 체력 평가 결과"));
  EXPECT_TRUE(has(page, "68.1"));  // assessment A's overall score
  EXPECT_TRUE(has(page, "class=\"share-radar\""));
  EXPECT_TRUE(has(page, "다음 재평가 예정일"));
  EXPECT_TRUE(has(page, "2025년 09월 07일"));  // 2025-06-09 + 90 days
  EXPECT_TRUE(has(page, "/s/" + token + "/report.pdf"));
  // nothing else: no other client, no e-mail, no navigation or ids of the studio
  EXPECT_FALSE(has(page, "옆사람회원"));
  EXPECT_FALSE(has(page, "@"));
  EXPECT_FALSE(has(page, "/clients/"));
  EXPECT_FALSE(has(page, "/assessments/"));
  EXPECT_FALSE(has(page, "class=\"navbar\""));
  EXPECT_EQ(count("SELECT view_count FROM client_share_links WHERE client_id = " + std::to_string(client_id)), 1);

  auto pdf = anonymous("/s/" + token + "/report.pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pdf.header("content-disposition").rfind("attachment; filename=\"fitness_assessment.pdf\"", 0), 0u);
  EXPECT_EQ(pdf.header("referrer-policy"), "no-referrer");
  EXPECT_EQ(count("SELECT view_count FROM client_share_links WHERE client_id = " + std::to_string(client_id)), 2);
  EXPECT_EQ(count("SELECT count(*) FROM assessment_reports r JOIN assessments a ON a.id = r.assessment_id "
                  "WHERE a.client_id = " + std::to_string(client_id)),
            0)
      << "the client's download is not a studio report";

  // in the client's language
  auto english = anonymous("/s/" + share(client_id, "&language=en") + "/");
  EXPECT_TRUE(has(english, "<html lang=\"en\">"));
  EXPECT_TRUE(has(english, "<h1>공유대상&apos;s fitness assessment results</h1>")) << english.body.substr(0, 2000);
  EXPECT_TRUE(has(english, "Studio A fitness assessment results"));

  EXPECT_EQ(anonymous("/s/AAAAAAAAAAAAAAAAAAAAAA/").status, 404);
  EXPECT_EQ(anonymous("/s/not-a-token/report.pdf").status, 404);
}

TEST_F(WebReports, ExpiredOrRevokedLinksAre410AndRevealNothing) {
  auto client_id = client("owner1", {{"name", "만료회원"}});
  assessment(client_id);
  const std::string id = std::to_string(client_id);
  auto expired = share(client_id);
  sql_exec("UPDATE client_share_links SET expires_at = '2000-01-01 00:00:00' WHERE client_id = " + id);
  auto revoked = share(client_id);
  auto link_id = std::to_string(sql_->count("SELECT max(id) FROM client_share_links WHERE client_id = " + id));
  ASSERT_EQ(anonymous("/s/" + revoked + "/").status, 200);
  ASSERT_EQ(as("owner1", "POST", "/clients/" + id + "/share-links/" + link_id + "/revoke/").status, 303);

  for (const auto& token : {expired, revoked})
    for (const std::string suffix : {"/", "/report.pdf"}) {
      auto r = anonymous("/s/" + token + suffix);
      EXPECT_EQ(r.status, 410) << token << suffix;
      EXPECT_TRUE(has(r, "이 링크는 만료되었거나 더 이상 사용할 수 없습니다.")) << r.body.substr(0, 300);
      EXPECT_FALSE(has(r, "만료회원"));
      EXPECT_FALSE(has(r, "Studio A"));
      EXPECT_EQ(r.header("cache-control"), "no-store");
      EXPECT_EQ(r.header("x-robots-tag"), "noindex, nofollow");
    }
  EXPECT_EQ(count("SELECT sum(view_count) FROM client_share_links WHERE client_id = " + id), 1)
      << "only the view before revocation counts";
}

TEST_F(WebReports, PublicPagesAreRateLimitedPerIp) {
  SuiteServer limited(Env{{"THROTTLE_ANON", "3/minute"}});
  create_user(limited.db, "limit_owner", kSuitePassword, {"--create-organization", "Studio R"});
  auto token = login(limited.server->port(), "limit_owner", kSuitePassword);
  auto headers = bearer(token);
  headers["Content-Type"] = "application/json";
  auto client = http_request(limited.server->port(), "POST", "/api/v1/clients/",
                             json{{"name", "제한회원"}, {"age", 30}, {"gender", "female"}, {"height", 160}, {"weight", 55}}.dump(),
                             headers);
  ASSERT_EQ(client.status, 201) << client.body;
  auto created = http_request(limited.server->port(), "POST",
                              "/api/v1/clients/" + std::to_string(json::parse(client.body)["id"].get<long long>()) +
                                  "/share-links/",
                              json{{"consent", true}}.dump(), headers);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/s/" + json::parse(created.body)["token"].get<std::string>() + "/";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(http_request(limited.server->port(), "GET", path).status, 200) << i;
  auto refused = http_request(limited.server->port(), "GET", path);
  EXPECT_EQ(refused.status, 429);
  EXPECT_FALSE(refused.header("retry-after").empty());
  EXPECT_EQ(refused.header("cache-control"), "no-store");
  EXPECT_FALSE(has(refused, "제한회원"));
  // unknown tokens count too, so guessing is as slow as viewing
  EXPECT_EQ(http_request(limited.server->port(), "GET", "/s/AAAAAAAAAAAAAAAAAAAAAA/").status, 429);
}
