// PDF reports over HTTP (API.md §3.2 report.pdf / reports/, §3.7; issue 15): reuse of a stored report until the
// assessment changes, listing and deletion with audit, other organisations answered 404.
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
