// The production HTTP posture (OPERATIONS.md §4) with DEBUG=false: Host check with the probe exemption, HTTPS
// redirect and HSTS only on secure responses, Secure cookies and the Referer rule of HTTPS requests, CORS; and
// the API throttles of API.md §1.7 with small limits.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/message.hpp"
#include "support/suite_server.hpp"

using namespace the5hc;
using namespace the5hc::testing;
using nlohmann::json;

namespace {

const std::string& kPassword = kSuitePassword;
const std::map<std::string, std::string> kHttps = {{"X-Forwarded-Proto", "https"}};  // from 127.0.0.1, a trusted proxy

class ProductionServerTest : public SuiteFixture<ProductionServerTest> {
 public:  // read by SuiteFixture
  static Env suite_env() {
    return {{"DEBUG", "false"}, {"ALLOWED_HOSTS", "127.0.0.1"}, {"CORS_ALLOWED_ORIGINS", "https://app.example.com"}};
  }

 protected:
  static void SetUpTestSuite() {
    SuiteFixture::SetUpTestSuite();
    create_user(suite_->db, "prod1", kPassword);
  }
  static std::map<std::string, std::string> https(std::map<std::string, std::string> headers = {}) {
    headers.merge(std::map<std::string, std::string>(kHttps));
    return headers;
  }
  static std::string own_origin() { return "https://127.0.0.1:" + std::to_string(server_->port()); }
};

}  // namespace

TEST_F(ProductionServerTest, UnknownHostsAre400ButProbesAnswer) {
  auto api = server_->get("/api/v1/users/me/", https({{"Host", "evil.example.com"}}));
  EXPECT_EQ(api.status, 400);
  EXPECT_EQ(api.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(server_->get("/accounts/login/", https({{"Host", "evil.example.com"}})).status, 400);
  EXPECT_EQ(server_->get("/healthz", {{"Host", "10.0.0.7"}}).status, 200);
  EXPECT_EQ(server_->get("/readyz", {{"Host", "10.0.0.7"}}).status, 200);
  EXPECT_EQ(server_->get("/api/v1/users/me/", https()).status, 401) << "the allowed host passes";
}

TEST_F(ProductionServerTest, PlainHttpIsRedirectedAndHstsIsOnlyOnSecureResponses) {
  auto plain = server_->get("/accounts/login/?next=/x/");
  EXPECT_EQ(plain.status, 301);
  EXPECT_EQ(plain.header("location"), "https://127.0.0.1:" + std::to_string(server_->port()) +
                                          "/accounts/login/?next=/x/");
  EXPECT_EQ(plain.header("strict-transport-security"), "");
  auto probe = server_->get("/healthz");
  EXPECT_EQ(probe.status, 200) << "probes are not redirected";
  EXPECT_EQ(probe.header("strict-transport-security"), "");
  for (const auto& r : {server_->get("/accounts/login/", https()), server_->get("/api/v1/users/me/", https()),
                        server_->get("/nowhere/", https())}) {
    EXPECT_EQ(r.header("strict-transport-security"), "max-age=31536000; includeSubDomains; preload");
    EXPECT_EQ(r.header("x-frame-options"), "DENY");
    EXPECT_NE(r.header("content-security-policy").find("frame-ancestors 'none'"), std::string::npos);
  }
}

TEST_F(ProductionServerTest, CookiesAreSecureAndHttpsFormsNeedOurOriginOrReferer) {
  auto page = server_->get("/accounts/login/", https());
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(set_cookie_header(page, "csrftoken").find("; Secure"), std::string::npos);
  std::string body = "csrfmiddlewaretoken=" + http::url_encode(form_csrf_token(page.body)) +
                     "&email_or_username=prod1&password=" + kPassword;
  auto headers = https({{"Cookie", "csrftoken=" + cookie_value(page, "csrftoken")},
                        {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(http_request(server_->port(), "POST", "/accounts/login/", body, headers).status, 403)
      << "HTTPS without Origin needs a Referer";
  auto foreign = headers;
  foreign["Referer"] = "https://evil.example.com/accounts/login/";
  EXPECT_EQ(http_request(server_->port(), "POST", "/accounts/login/", body, foreign).status, 403);
  auto own = headers;
  own["Referer"] = own_origin() + "/accounts/login/";
  auto ok = http_request(server_->port(), "POST", "/accounts/login/", body, own);
  ASSERT_EQ(ok.status, 303) << ok.body;
  auto cookie = set_cookie_header(ok, "sessionid");
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
}

TEST_F(ProductionServerTest, CorsOnlyForListedOriginsWithPreflight) {
  auto preflight = http_request(server_->port(), "OPTIONS", "/api/v1/auth/login/", "",
                                {{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "POST"},
                                 {"Access-Control-Request-Headers", "content-type"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(preflight.header("access-control-allow-origin"), "https://app.example.com");
  EXPECT_NE(preflight.header("access-control-allow-methods").find("PATCH"), std::string::npos);
  EXPECT_NE(preflight.header("access-control-allow-headers").find("x-csrftoken"), std::string::npos);
  EXPECT_EQ(preflight.header("access-control-max-age"), "600");
  EXPECT_EQ(preflight.header("access-control-allow-credentials"), "");

  auto allowed = server_->get("/api/v1/users/me/", https({{"Origin", "https://app.example.com"}}));
  EXPECT_EQ(allowed.header("access-control-allow-origin"), "https://app.example.com");
  EXPECT_NE(allowed.header("vary").find("Origin"), std::string::npos);
  EXPECT_NE(allowed.header("access-control-expose-headers").find("Retry-After"), std::string::npos);

  auto denied = server_->get("/api/v1/users/me/", https({{"Origin", "https://evil.example.com"}}));
  EXPECT_EQ(denied.header("access-control-allow-origin"), "");
  auto denied_preflight = http_request(server_->port(), "OPTIONS", "/api/v1/auth/login/", "",
                                       {{"Origin", "https://evil.example.com"},
                                        {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(denied_preflight.header("access-control-allow-origin"), "");
}

TEST(Throttling, AnonymousPerIpAndAuthenticatedPerUserWithRetryAfter) {
  TestDatabase db;
  auto env = base_env(db);
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  create_user(db, "busy1", kPassword);
  env["THROTTLE_ANON"] = "3/hour";
  env["THROTTLE_USER"] = "5/hour";
  ServerProcess server(env, db.dir());

  std::string access = login(server.port(), "busy1", kPassword);  // anonymous hit 1
  for (int i = 0; i < 5; ++i) EXPECT_EQ(server.get("/api/v1/users/me/", bearer(access)).status, 200) << i;
  auto user_limited = server.get("/api/v1/users/me/", bearer(access));
  EXPECT_EQ(user_limited.status, 429);
  EXPECT_EQ(json::parse(user_limited.body)["code"], "throttled");

  EXPECT_EQ(server.get("/api/v1/users/me/").status, 401);  // anonymous hit 2
  EXPECT_EQ(server.get("/api/v1/schema/", bearer(access)).status, 200) << "documentation counts as anonymous (3)";
  auto limited = server.get("/api/v1/users/me/");
  ASSERT_EQ(limited.status, 429) << limited.body;
  auto body = json::parse(limited.body);
  EXPECT_EQ(body["code"], "throttled");
  int wait = std::stoi(limited.header("retry-after"));
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 2 * 3600) << "a sliding window frees a slot within two periods";
  EXPECT_EQ(body["detail"], "요청이 너무 많습니다. " + std::to_string(wait) + "초 후에 다시 시도하세요.");
  EXPECT_EQ(server.get("/accounts/login/").status, 200) << "pages are not API-throttled";
  EXPECT_EQ(server.get("/healthz").status, 200);
}
