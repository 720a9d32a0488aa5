// Web sessions and CSRF over HTTP (OPERATIONS.md §4, API.md §1.3, DOMAIN.md §7.2): the login page's anonymous
// CSRF flow, session cookie flags and rotation, cookie authentication of the API with X-CSRFToken, logout, and
// "CSRF missing or wrong → 403 and nothing changed".
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/csrf.hpp"
#include "auth/tokens.hpp"
#include "http/message.hpp"
#include "support/suite_server.hpp"

using namespace the5hc;
using namespace the5hc::testing;
using nlohmann::json;

namespace {

const std::string& kPassword = kSuitePassword;

struct Browser {
  std::string csrf_cookie, form_token, session;
  std::map<std::string, std::string> cookies() const {
    std::string c;
    if (!csrf_cookie.empty()) c += "csrftoken=" + csrf_cookie;
    if (!session.empty()) c += (c.empty() ? "" : "; ") + std::string("sessionid=") + session;
    if (c.empty()) return {};
    return {{"Cookie", c}};
  }
};

class WebSessionTest : public SuiteFixture<WebSessionTest> {
 protected:
  static int port() { return server_->port(); }

  // GET /accounts/login/ as a fresh browser: the anonymous CSRF cookie and the form's token.
  static Browser open_login_page() {
    auto page = server_->get("/accounts/login/");
    EXPECT_EQ(page.status, 200) << page.body;
    Browser b;
    b.csrf_cookie = cookie_value(page, "csrftoken");
    b.form_token = form_csrf_token(page.body);
    return b;
  }
  static HttpResponse submit_login(const Browser& b, const std::string& fields,
                                   std::map<std::string, std::string> headers = {}) {
    headers.merge(b.cookies());
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    return http_request(port(), "POST", "/accounts/login/", fields, headers);
  }
  static Browser signed_in(const std::string& user, const std::string& extra = "") {
    auto b = open_login_page();
    auto r = submit_login(b, "csrfmiddlewaretoken=" + http::url_encode(b.form_token) + "&email_or_username=" + user +
                                 "&password=" + kPassword + extra);
    EXPECT_EQ(r.status, 303) << r.body;
    b.session = cookie_value(r, "sessionid");
    b.csrf_cookie.clear();
    return b;
  }
  // The masked token a page of this session would carry (pages are not built yet; the secret is in the row).
  static std::string session_token(const Browser& b) {
    auto secret = sql_->text("SELECT csrf_secret FROM web_sessions WHERE id = '" + auth::session_id_hash(b.session) +
                             "'");
    return auth::csrf::mask(secret, env_.at("SECRET_KEY"));
  }
  static long long sessions_of(const std::string& user) {
    return sql_->count("SELECT count(*) FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE u.username = '" +
                       user + "'");
  }
};

}  // namespace

TEST_F(WebSessionTest, TheLoginPageIsKoreanWithAnAnonymousCsrfCookieAndSecurityHeaders) {
  auto page = server_->get("/accounts/login/?next=/clients/%22%3E%3Cscript%3E");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("로그인 상태 유지"), std::string::npos);
  EXPECT_NE(page.body.find("아이디 또는 이메일"), std::string::npos);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos) << "no inline script (CSP), and next is escaped";
  EXPECT_NE(page.body.find("&quot;&gt;&lt;script&gt;"), std::string::npos);
  auto cookie = set_cookie_header(page, "csrftoken");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "DEBUG: " << cookie;
  EXPECT_EQ(form_csrf_token(page.body).size(), 86u);
  EXPECT_EQ(server_->get("/accounts/login/", {{"Accept-Language", "en"}}).body.find("로그인"), std::string::npos);

  // Security headers on HTML, JSON and error responses alike; no HSTS in DEBUG even for HTTPS via a proxy.
  for (const auto& r : {page, server_->get("/api/v1/users/me/"), server_->get("/nowhere/"),
                        server_->get("/healthz", {{"X-Forwarded-Proto", "https"}})}) {
    EXPECT_NE(r.header("content-security-policy").find("default-src 'self'"), std::string::npos);
    EXPECT_EQ(r.header("content-security-policy").find("script-src 'self' 'unsafe-inline'"), std::string::npos);
    EXPECT_EQ(r.header("x-frame-options"), "DENY");
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(r.header("referrer-policy"), "same-origin");
    EXPECT_EQ(r.header("strict-transport-security"), "");
  }
}

TEST_F(WebSessionTest, LoginWithoutOrWithAWrongCsrfTokenIs403AndChangesNothing) {
  create_user(*db_, "csrf1", kPassword);
  auto b = open_login_page();
  std::string credentials = "email_or_username=csrf1&password=" + kPassword;
  auto missing = submit_login(b, credentials);
  EXPECT_EQ(missing.status, 403);
  EXPECT_NE(missing.body.find("CSRF 검증에 실패했습니다. 페이지를 새로고침한 뒤 다시 시도하세요."), std::string::npos);
  auto other_secret = auth::csrf::mask(auth::csrf::new_secret(), env_.at("SECRET_KEY"));
  EXPECT_EQ(submit_login(b, credentials + "&csrfmiddlewaretoken=" + http::url_encode(other_secret)).status, 403);
  Browser no_cookie = b;
  no_cookie.csrf_cookie.clear();
  EXPECT_EQ(submit_login(no_cookie, credentials + "&csrfmiddlewaretoken=" + http::url_encode(b.form_token)).status,
            403);
  // A valid token from a foreign page (Origin) is refused as well.
  auto foreign = submit_login(b, credentials + "&csrfmiddlewaretoken=" + http::url_encode(b.form_token),
                              {{"Origin", "http://evil.example"}});
  EXPECT_EQ(foreign.status, 403);
  EXPECT_EQ(sessions_of("csrf1"), 0);
  EXPECT_EQ(sql_->text("SELECT last_login FROM users WHERE username = 'csrf1'"), "<null>");
  EXPECT_EQ(sql_->count("SELECT count(*) FROM audit_log WHERE action IN ('login_success', 'login_failed') AND "
                        "object_repr = 'csrf1'"), 0);
  EXPECT_NE(server_->output().find("CSRF verification failed"), std::string::npos) << "security log line";

  // Our own origin is fine.
  auto own = submit_login(b, credentials + "&csrfmiddlewaretoken=" + http::url_encode(b.form_token),
                          {{"Origin", "http://127.0.0.1:" + std::to_string(port())}});
  EXPECT_EQ(own.status, 303) << own.body;
}

TEST_F(WebSessionTest, ALoginSetsAStrictSessionCookieAndRotatesTheSession) {
  create_user(*db_, "web1", kPassword);
  auto b = open_login_page();
  std::string token = "csrfmiddlewaretoken=" + http::url_encode(b.form_token);
  auto wrong = submit_login(b, token + "&email_or_username=web1&password=wrong-pass-1");
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("아이디(이메일) 또는 비밀번호가 올바르지 않습니다."), std::string::npos);
  EXPECT_EQ(cookie_value(wrong, "sessionid"), "");

  auto ok = submit_login(b, token + "&email_or_username=web1&password=" + kPassword + "&next=%2F%2Fevil.example");
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.header("location"), "/") << "never another site";
  auto cookie = set_cookie_header(ok, "sessionid");
  for (const char* flag : {"HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=86400"})
    EXPECT_NE(cookie.find(flag), std::string::npos) << flag << " in " << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "DEBUG without SESSION_COOKIE_SECURE: " << cookie;
  std::string first = cookie_value(ok, "sessionid");
  EXPECT_EQ(first.size(), 43u);
  EXPECT_EQ(sql_->count("SELECT count(*) FROM web_sessions WHERE id = '" + first + "'"), 0) << "only the hash is stored";
  EXPECT_EQ(sql_->count("SELECT count(*) FROM web_sessions WHERE id = '" + auth::session_id_hash(first) + "'"), 1);

  // Logging in again from the same browser (signed in, so with the session's token) replaces the session with a
  // new id; "remember me" makes it last 30 days.
  Browser again;
  again.session = first;
  auto remembered = submit_login(again, "csrfmiddlewaretoken=" + http::url_encode(session_token(again)) +
                                            "&email_or_username=web1&password=" + kPassword +
                                            "&remember_me=1&next=%2Fclients%2F%3Fpage%3D2");
  ASSERT_EQ(remembered.status, 303) << remembered.body;
  EXPECT_EQ(remembered.header("location"), "/clients/?page=2");
  EXPECT_NE(set_cookie_header(remembered, "sessionid").find("Max-Age=2592000"), std::string::npos);
  EXPECT_NE(cookie_value(remembered, "sessionid"), first);
  EXPECT_EQ(sessions_of("web1"), 1) << "the previous session is gone";
  EXPECT_EQ(sql_->count("SELECT remember_me FROM web_sessions s JOIN users u ON u.id = s.user_id WHERE "
                        "u.username = 'web1'"), 1);

  // WEB.md §4.1: `next` is a same-origin path for HTMX logins too (HX-Redirect), whatever the form says.
  for (std::string next : {"https%3A%2F%2Fevil.example%2F", "%2F%5Cevil.example", "javascript%3Aalert(1)"}) {
    auto fresh = open_login_page();
    auto r = submit_login(fresh, "csrfmiddlewaretoken=" + http::url_encode(fresh.form_token) +
                                     "&email_or_username=web1&password=" + kPassword + "&next=" + next,
                          {{"HX-Request", "true"}});
    EXPECT_EQ(r.status, 200) << next;
    EXPECT_EQ(r.header("hx-redirect"), "/") << "HTMX login: never another site: " << next;
  }
}

TEST_F(WebSessionTest, TheSessionCookieAuthenticatesTheApiAndUnsafeCallsNeedTheSessionsToken) {
  create_user(*db_, "web2", kPassword);
  auto b = signed_in("web2");
  auto me = server_->get("/api/v1/users/me/", b.cookies());
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body)["username"], "web2");
  // A logged-in browser asking for the login page goes home.
  EXPECT_EQ(server_->get("/accounts/login/", b.cookies()).status, 302);

  auto patch = [&](std::map<std::string, std::string> headers) {
    headers.merge(b.cookies());
    return http_request(port(), "PATCH", "/api/v1/users/me/", json{{"name", "바뀐 이름"}}.dump(), headers);
  };
  auto missing = patch({});
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(json::parse(missing.body), json::parse(R"({"detail":"CSRF 검증에 실패했습니다.","code":"permission_denied"})"));
  auto other = auth::csrf::mask(auth::csrf::new_secret(), env_.at("SECRET_KEY"));
  EXPECT_EQ(patch({{"X-CSRFToken", other}}).status, 403);
  EXPECT_EQ(sql_->text("SELECT name FROM users WHERE username = 'web2'"), "web2") << "nothing changed";
  auto ok = patch({{"X-CSRFToken", session_token(b)}});
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(sql_->text("SELECT name FROM users WHERE username = 'web2'"), "바뀐 이름");

  // A bearer token decides alone: an invalid one fails despite the cookie, a valid one needs no CSRF token.
  auto headers = b.cookies();
  headers["Authorization"] = "Bearer not-a-token";
  EXPECT_EQ(server_->get("/api/v1/users/me/", headers).status, 401);
  headers["Authorization"] = "Bearer " + login(port(), "web2", kPassword);
  EXPECT_EQ(http_request(port(), "PATCH", "/api/v1/users/me/", json{{"language", "en"}}.dump(), headers).status, 200);
}

TEST_F(WebSessionTest, LogoutNeedsTheTokenAndEndsTheSession) {
  create_user(*db_, "web3", kPassword);
  auto b = signed_in("web3");
  auto headers = b.cookies();
  headers["Content-Type"] = "application/x-www-form-urlencoded";
  EXPECT_EQ(http_request(port(), "POST", "/accounts/logout/", "", headers).status, 403);
  EXPECT_EQ(sessions_of("web3"), 1);
  auto out = http_request(port(), "POST", "/accounts/logout/",
                          "csrfmiddlewaretoken=" + http::url_encode(session_token(b)), headers);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.header("location"), "/accounts/login/");
  // the ended session's cookie is replaced by an anonymous session's that only carries the flash "로그아웃되었습니다."
  EXPECT_NE(cookie_value(out, "sessionid"), b.session);
  EXPECT_EQ(sessions_of("web3"), 0);
  EXPECT_EQ(sql_->count("SELECT count(*) FROM web_sessions WHERE user_id IS NULL AND id = '" +
                        auth::session_id_hash(cookie_value(out, "sessionid")) + "'"), 1);
  EXPECT_EQ(sql_->count("SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE "
                        "u.username = 'web3' AND a.action = 'logout'"), 1);
  EXPECT_EQ(server_->get("/api/v1/users/me/", b.cookies()).status, 401);
  EXPECT_EQ(http_request(port(), "GET", "/accounts/logout/").status, 405);

  // The API's logout ends a cookie session too (X-CSRFToken, no refresh token needed).
  auto c = signed_in("web3");
  auto api_headers = c.cookies();
  api_headers["X-CSRFToken"] = session_token(c);
  auto r = http_request(port(), "POST", "/api/v1/auth/logout/", "{}", api_headers);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(sessions_of("web3"), 0);
}

TEST_F(WebSessionTest, ChangingThePasswordEndsTheOtherSessionsButKeepsThisOne) {
  create_user(*db_, "web4", kPassword);
  auto here = signed_in("web4");
  auto elsewhere = signed_in("web4");
  auto headers = here.cookies();
  headers["X-CSRFToken"] = session_token(here);
  auto r = http_request(port(), "POST", "/api/v1/users/change_password/",
                        json{{"old_password", kPassword}, {"new_password", "Another-pass-31"},
                             {"confirm_password", "Another-pass-31"}}.dump(), headers);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(server_->get("/api/v1/users/me/", here.cookies()).status, 200);
  EXPECT_EQ(server_->get("/api/v1/users/me/", elsewhere.cookies()).status, 401);
  EXPECT_EQ(sessions_of("web4"), 1);
}
