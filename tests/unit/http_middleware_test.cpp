#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>
#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "http/json_response.hpp"
#include "http/middleware.hpp"
#include "http/stack.hpp"

using namespace the5hc;
using namespace the5hc::http;

namespace {

Request make(std::string method, std::string path, Lang lang = Lang::ko) {
  Request r;
  r.method = std::move(method);
  r.path = r.target = std::move(path);
  r.lang = lang;
  r.request_id = "rid-test";
  return r;
}

// Runs `thrower` behind the error handler and returns the rendered response.
Response render(const std::function<void()>& thrower, Request req = make("GET", "/api/v1/x/")) {
  log::set_sink([](std::string_view) {});
  Response r = compose({error_handler()}, [&](Request&) -> Response {
    thrower();
    return Response::text(200, "unreachable");
  })(req);
  log::set_sink({});
  return r;
}

nlohmann::json body(const Response& r) { return nlohmann::json::parse(r.body); }

}  // namespace

TEST(HttpMiddleware, ValidationErrorsBecomeFieldMapsTranslated) {
  Response r = render([] {
    throw Error::validation({{"name", {"This field is required."}},
                             {"age", {i18n::args("Ensure this value is less than or equal to {n}.", {{"n", "120"}})}},
                             {"non_field_errors", {"A JSON object is required."}}});
  });
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r), nlohmann::json({{"name", {"이 필드는 필수입니다."}},
                                     {"age", {"120 이하여야 합니다."}},
                                     {"non_field_errors", {"객체(JSON object)가 필요합니다."}}}));
  Request en = make("POST", "/api/v1/x/", Lang::en);
  Response e = render([] { throw Error::field("email", "Enter a valid email address."); }, en);
  EXPECT_EQ(body(e), nlohmann::json({{"email", {"Enter a valid email address."}}}));
  Response bare = render([] { throw Error(ErrorCode::validation, "This field is required."); });
  EXPECT_EQ(body(bare), nlohmann::json({{"non_field_errors", {"이 필드는 필수입니다."}}}));
}

TEST(HttpMiddleware, AuthErrorsCarryCodeAndWwwAuthenticate) {
  Response r = render([] { throw Error(ErrorCode::not_authenticated, "Authentication credentials were not provided."); });
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(body(r), nlohmann::json({{"detail", "자격 인증 정보가 제공되지 않았습니다."}, {"code", "not_authenticated"}}));
  EXPECT_EQ(r.headers.get("WWW-Authenticate"), "Bearer realm=\"api\"");

  Response f = render([] { throw Error(ErrorCode::permission_denied, "You do not have permission to perform this action."); });
  EXPECT_EQ(f.status, 403);
  EXPECT_EQ(body(f), nlohmann::json({{"detail", "이 작업을 수행할 권한이 없습니다."}, {"code", "permission_denied"}}));

  Response locked = render([] {
    Error e(ErrorCode::account_locked, "Locked for {m} minutes.");
    e.args["m"] = "15";
    e.headers["Retry-After"] = "900";
    throw e;
  });
  EXPECT_EQ(locked.status, 403);
  EXPECT_EQ(body(locked), nlohmann::json({{"detail", "Locked for 15 minutes."}, {"code", "account_locked"}}));
  EXPECT_EQ(locked.headers.get("Retry-After"), "900");
}

TEST(HttpMiddleware, OtherStatusesHaveDetailOnly) {
  Response c = render([] { throw Error(ErrorCode::conflict, "Already booked."); });
  EXPECT_EQ(c.status, 409);
  EXPECT_EQ(body(c), nlohmann::json({{"detail", "Already booked."}}));
  Response n = render([] { throw Error::not_found("Invalid page."); });
  EXPECT_EQ(body(n), nlohmann::json({{"detail", "잘못된 페이지입니다."}}));
}

TEST(HttpMiddleware, InternalErrorsNeverLeak) {
  Response internal = render([] { throw Error(ErrorCode::internal, "SQL: SELECT secret FROM users"); });
  EXPECT_EQ(internal.status, 500);
  EXPECT_EQ(body(internal), nlohmann::json({{"detail", "서버 오류가 발생했습니다."}, {"request_id", "rid-test"}}));
  Response db = render([] { throw Error(ErrorCode::database_state, "could not connect to db.internal:5432"); });
  EXPECT_EQ(db.status, 503);
  EXPECT_EQ(body(db), nlohmann::json({{"detail", "서비스 점검 중입니다."}}));
  EXPECT_FALSE(db.headers.get("Retry-After").empty());
  Response unknown = render([] { throw 42; });
  EXPECT_EQ(unknown.status, 500);
  EXPECT_EQ(body(unknown)["detail"], "서버 오류가 발생했습니다.");
}

TEST(HttpMiddleware, WebErrorsAreHtmlPagesShowingDetailOnlyInDebug) {
  Request req = make("GET", "/clients/");
  log::set_sink([](std::string_view) {});
  auto boom = [](Request&) -> Response { throw std::runtime_error("<b>db password wrong</b>"); };
  Response prod = compose({error_handler({.debug = false})}, boom)(req);
  Response debug = compose({error_handler({.debug = true})}, boom)(req);
  log::set_sink({});
  EXPECT_EQ(prod.status, 500);
  EXPECT_EQ(prod.content_type, "text/html; charset=utf-8");
  EXPECT_NE(prod.body.find("오류가 발생했습니다. 잠시 후 다시 시도해주세요."), std::string::npos);
  EXPECT_NE(prod.body.find("rid-test"), std::string::npos);
  EXPECT_EQ(prod.body.find("password"), std::string::npos);
  EXPECT_NE(debug.body.find("&lt;b&gt;db password wrong&lt;/b&gt;"), std::string::npos);  // escaped
  Response forbidden = render([] { throw Error(ErrorCode::permission_denied, "x"); }, make("GET", "/clients/"));
  EXPECT_NE(forbidden.body.find("접근 권한이 없습니다."), std::string::npos);
}

TEST(HttpMiddleware, SecurityHeadersAndHstsOnlyOnSecureNonDebug) {
  auto ok = [](Request&) { return Response::text(200, "ok"); };
  Request plain = make("GET", "/");
  Request secure = make("GET", "/");
  secure.secure = true;
  auto prod = compose({security_headers({.hsts_seconds = 31536000, .debug = false})}, ok);
  EXPECT_EQ(prod(secure).headers.get("Strict-Transport-Security"), "max-age=31536000; includeSubDomains; preload");
  EXPECT_FALSE(prod(plain).headers.has("Strict-Transport-Security"));
  auto dbg = compose({security_headers({.hsts_seconds = 31536000, .debug = true})}, ok);
  EXPECT_FALSE(dbg(secure).headers.has("Strict-Transport-Security"));
  auto short_hsts = compose({security_headers({.hsts_seconds = 3600})}, ok);
  EXPECT_EQ(short_hsts(secure).headers.get("Strict-Transport-Security"), "max-age=3600; includeSubDomains");
  auto off = compose({security_headers({.hsts_seconds = 0})}, ok);
  EXPECT_FALSE(off(secure).headers.has("Strict-Transport-Security"));

  Response r = prod(plain);
  EXPECT_EQ(r.headers.get("Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            "frame-ancestors 'none'");
  EXPECT_EQ(r.headers.get("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.headers.get_all("X-Frame-Options").size(), 1u);
}

TEST(HttpMiddleware, MaintenanceModeExemptsProbesAndStatic) {
  bool on = true;
  auto handler = compose({error_handler(), maintenance([&] { return on; })},
                         [](Request&) { return Response::text(200, "served"); });
  for (const char* path : {"/healthz", "/readyz", "/metrics", "/static/app.3f9c1a.js"}) {
    Request req = make("GET", path);
    EXPECT_EQ(handler(req).status, 200) << path;
  }
  Request api = make("GET", "/api/v1/clients/");
  Response a = handler(api);
  EXPECT_EQ(a.status, 503);
  EXPECT_EQ(a.headers.get("Retry-After"), "300");
  EXPECT_EQ(body(a), nlohmann::json({{"detail", "서비스 점검 중입니다."}}));
  Request web = make("GET", "/clients/");
  Response w = handler(web);
  EXPECT_EQ(w.status, 503);
  EXPECT_EQ(w.headers.get("Retry-After"), "300");
  EXPECT_NE(w.body.find("서비스 점검 중입니다. 잠시 후 다시 이용해주세요."), std::string::npos);
  on = false;
  Request again = make("GET", "/api/v1/clients/");
  EXPECT_EQ(handler(again).status, 200);
}

TEST(HttpMiddleware, BodyLimitFlagGives413) {
  Request req = make("POST", "/api/v1/x/");
  req.body_too_large = true;
  Response r = compose({error_handler(), body_limit()}, [](Request&) { return Response::text(200, "no"); })(req);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(body(r), nlohmann::json({{"detail", "요청 본문이 너무 큽니다."}}));
}

TEST(HttpMiddleware, RequestIdValidation) {
  EXPECT_TRUE(valid_request_id("abc-DEF_1.2"));
  EXPECT_TRUE(valid_request_id(std::string(64, 'a')));
  EXPECT_FALSE(valid_request_id(std::string(65, 'a')));
  EXPECT_FALSE(valid_request_id(""));
  EXPECT_FALSE(valid_request_id("a b"));
  EXPECT_FALSE(valid_request_id("a\nb"));
  EXPECT_NE(new_request_id(), new_request_id());
  EXPECT_EQ(new_request_id().size(), 32u);
}

// Ids come from a per-thread pool of the kernel's random bytes, refilled every 64 ids: across refills and threads
// none repeats and each is 32 hex digits.
TEST(HttpMiddleware, RequestIdsNeverRepeatAcrossRefillsAndThreads) {
  std::vector<std::string> ids(1000), other(1000);
  std::thread t([&] {
    for (auto& id : other) id = new_request_id();
  });
  for (auto& id : ids) id = new_request_id();
  t.join();
  std::set<std::string> seen(ids.begin(), ids.end());
  seen.insert(other.begin(), other.end());
  EXPECT_EQ(seen.size(), 2000u);
  for (const auto& id : seen)
    ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
}

TEST(HttpMiddleware, ForwardedHeadersOnlyFromTrustedProxies) {
  std::vector<std::string> trusted = {"127.0.0.1", "::1", "10.0.0.0/8"};
  Request seen;
  auto handler = compose({forwarded(trusted)}, [&](Request& r) {
    seen = r;
    return Response::text(200, "");
  });
  Request via_proxy = make("GET", "/");
  via_proxy.peer_ip = via_proxy.client_ip = "127.0.0.1";
  via_proxy.headers.add("X-Forwarded-For", "6.6.6.6, 203.0.113.9");
  via_proxy.headers.add("X-Forwarded-For", "10.1.2.3");
  via_proxy.headers.add("X-Forwarded-Proto", "https");
  via_proxy.headers.add("X-Forwarded-Host", "studio.example.com");
  handler(via_proxy);
  EXPECT_EQ(seen.client_ip, "203.0.113.9");  // right-most entry that is not one of our proxies
  EXPECT_TRUE(seen.secure);
  EXPECT_EQ(seen.host, "studio.example.com");

  Request direct = make("GET", "/");
  direct.peer_ip = direct.client_ip = "198.51.100.4";
  direct.host = "localhost";
  direct.headers.add("X-Forwarded-For", "1.2.3.4");
  direct.headers.add("X-Forwarded-Proto", "https");
  handler(direct);
  EXPECT_EQ(seen.client_ip, "198.51.100.4");
  EXPECT_FALSE(seen.secure);
  EXPECT_EQ(seen.host, "localhost");

  EXPECT_TRUE(ip_in_list("::ffff:10.9.8.7", trusted));
  EXPECT_TRUE(ip_in_list("::1", trusted));
  EXPECT_FALSE(ip_in_list("11.0.0.1", trusted));
  EXPECT_TRUE(ip_in_list("2001:db8::5", {"2001:db8::/32"}));
  EXPECT_FALSE(ip_in_list("2001:db9::5", {"2001:db8::/32"}));
  EXPECT_FALSE(ip_in_list("not-an-ip", trusted));
}

TEST(HttpMiddleware, LanguageFromAcceptLanguage) {
  Lang seen = Lang::ko;
  auto handler = compose({language()}, [&](Request& r) {
    seen = r.lang;
    return Response::text(200, "");
  });
  Request req = make("GET", "/");
  req.headers.add("accept-language", "en-GB,en;q=0.8");
  handler(req);
  EXPECT_EQ(seen, Lang::en);
}

TEST(HttpMiddleware, JsonBodyFollowsApiConventions) {
  Request req = make("POST", "/api/v1/x/");
  req.headers.add("Content-Type", "application/json; charset=utf-8");
  req.body = R"({"name": "김철수"})";
  EXPECT_EQ(json_body(req)["name"], "김철수");

  Response malformed = render([&] {
    Request r = req;
    r.body = "{\n  \"name\": }";
    json_body(r);
  });
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(body(malformed)["detail"], "잘못된 JSON 형식입니다: line 2 column 11 (char 12)");

  Response array = render([&] {
    Request r = req;
    r.body = "[1]";
    json_body(r);
  });
  EXPECT_EQ(body(array), nlohmann::json({{"non_field_errors", {"객체(JSON object)가 필요합니다."}}}));

  Response media = render([&] {
    Request r = req;
    r.headers.set("Content-Type", "text/plain");
    json_body(r);
  });
  EXPECT_EQ(media.status, 415);
  EXPECT_EQ(body(media)["detail"], "요청된 \"text/plain\"가 지원되지 않는 미디어 형태입니다.");
}

TEST(HttpMiddleware, DumpJsonKeepsKoreanUnescaped) {
  EXPECT_EQ(dump_json({{"detail", "찾을 수 없습니다."}}), R"({"detail":"찾을 수 없습니다."})");
  EXPECT_EQ(dump_json({{"x", std::string("a\xff")}}), "{\"x\":\"a\xEF\xBF\xBD\"}");
}

TEST(HttpMiddleware, StandardChainPutsEverythingAroundErrors) {
  StackOptions o;
  o.trusted_proxies = {"127.0.0.1"};
  metrics::Registry registry;
  o.registry = &registry;
  log::set_sink([](std::string_view) {});
  auto handler = standard_chain(o, {}, [](Request&) -> Response { throw std::runtime_error("x"); });
  Request req = make("GET", "/api/v1/x/");
  req.request_id.clear();
  req.peer_ip = req.client_ip = "127.0.0.1";
  req.headers.add("X-Forwarded-Proto", "https");
  Response r = handler(req);
  log::set_sink({});
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.headers.get("X-Request-ID"), body(r)["request_id"]);
  EXPECT_EQ(r.headers.get("X-Frame-Options"), "DENY");
  EXPECT_NE(registry.render().find("status=\"500\"} 1"), std::string::npos);
}

TEST(HttpMiddleware, HostCheckFollowsAllowedHosts) {
  std::vector<std::string> hosts = {"localhost", "127.0.0.1", "[::1]", ".example.com", "Studio.Test"};
  EXPECT_TRUE(host_allowed("localhost:8000", hosts));
  EXPECT_TRUE(host_allowed("127.0.0.1", hosts));
  EXPECT_TRUE(host_allowed("[::1]:8000", hosts));
  EXPECT_TRUE(host_allowed("example.com", hosts));
  EXPECT_TRUE(host_allowed("a.b.example.com.", hosts));
  EXPECT_TRUE(host_allowed("STUDIO.test", hosts));
  EXPECT_FALSE(host_allowed("badexample.com", hosts));
  EXPECT_FALSE(host_allowed("evil.com", hosts));
  EXPECT_FALSE(host_allowed("", hosts));
  EXPECT_TRUE(host_allowed("anything", {"*"}));
  EXPECT_FALSE(host_allowed("localhost", {}));

  log::set_sink([](std::string_view) {});
  auto handler = compose({error_handler(), allowed_hosts(hosts)}, [](Request&) { return Response::text(200, "ok"); });
  Request bad = make("GET", "/api/v1/clients/");
  bad.host = "evil.com";
  Response r = handler(bad);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(body(r), nlohmann::json({{"detail", "잘못된 Host 헤더입니다."}}));
  Request probe = make("GET", "/healthz");
  probe.host = "10.0.0.5:8000";
  EXPECT_EQ(handler(probe).status, 200);
  log::set_sink({});
}

TEST(HttpMiddleware, SslRedirectSendsPlainRequestsToHttps) {
  auto handler = compose({ssl_redirect()}, [](Request&) { return Response::text(200, "ok"); });
  Request plain = make("GET", "/clients/");
  plain.target = "/clients/?page=2";
  plain.host = "studio.example.com";
  Response r = handler(plain);
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(r.headers.get("Location"), "https://studio.example.com/clients/?page=2");
  Request secure = plain;
  secure.secure = true;
  EXPECT_EQ(handler(secure).status, 200);
  for (const char* p : {"/healthz", "/readyz", "/metrics"}) {
    Request probe = make("GET", p);
    EXPECT_EQ(handler(probe).status, 200) << p;
  }
}

TEST(HttpMiddleware, CorsOnlyForListedOriginsOnApi) {
  auto handler = compose({cors({"https://app.example.com"}), error_handler()}, [](Request& r) -> Response {
    if (r.path == "/api/v1/private/") throw Error(ErrorCode::not_authenticated, "Authentication credentials were not provided.");
    return Response::json(200, "{}");
  });
  Request pre = make("OPTIONS", "/api/v1/clients/");
  pre.headers.add("Origin", "https://app.example.com");
  pre.headers.add("Access-Control-Request-Method", "POST");
  Response p = handler(pre);
  EXPECT_EQ(p.status, 204);
  EXPECT_EQ(p.headers.get("Access-Control-Allow-Origin"), "https://app.example.com");
  EXPECT_EQ(p.headers.get("Access-Control-Allow-Methods"), "GET, POST, PUT, PATCH, DELETE, OPTIONS");
  EXPECT_EQ(p.headers.get("Access-Control-Max-Age"), "600");
  EXPECT_FALSE(p.headers.has("Access-Control-Allow-Credentials"));

  Request err = make("GET", "/api/v1/private/");
  err.headers.add("Origin", "https://app.example.com");
  log::set_sink([](std::string_view) {});
  Response e = handler(err);
  log::set_sink({});
  EXPECT_EQ(e.status, 401);
  EXPECT_EQ(e.headers.get("Access-Control-Allow-Origin"), "https://app.example.com");
  EXPECT_EQ(e.headers.get("Vary"), "Origin");
  EXPECT_EQ(e.headers.get("Access-Control-Expose-Headers"), "Retry-After, X-Request-ID, Content-Disposition");

  Request other = make("GET", "/api/v1/clients/");
  other.headers.add("Origin", "https://evil.example.com");
  EXPECT_FALSE(handler(other).headers.has("Access-Control-Allow-Origin"));
  Request web = make("GET", "/clients/");
  web.headers.add("Origin", "https://app.example.com");
  EXPECT_FALSE(handler(web).headers.has("Access-Control-Allow-Origin"));
}

TEST(HttpMiddleware, WebCsrfFailureKeepsItsMessage) {
  Response r = render([] { throw Error(ErrorCode::csrf_failed, "CSRF verification failed. Refresh the page and try again."); },
                      make("POST", "/clients/new/"));
  EXPECT_EQ(r.status, 403);
  EXPECT_NE(r.body.find("CSRF 검증에 실패했습니다. 페이지를 새로고침한 뒤 다시 시도하세요."), std::string::npos);
  Response api = render([] { throw Error(ErrorCode::csrf_failed, "CSRF verification failed."); });
  EXPECT_EQ(body(api), nlohmann::json({{"detail", "CSRF 검증에 실패했습니다."}, {"code", "permission_denied"}}));
}

TEST(HttpMiddleware, HtmxErrorsBecomeAsciiToasts) {
  Request req = make("GET", "/clients/99/");
  req.headers.add("HX-Request", "true");
  Response r = render([] { throw Error::not_found(); }, req);
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, "");
  EXPECT_EQ(r.headers.get("HX-Reswap"), "none");
  std::string trigger = r.headers.get("HX-Trigger");
  for (unsigned char c : trigger) EXPECT_LT(c, 0x80) << trigger;
  EXPECT_EQ(nlohmann::json::parse(trigger),
            nlohmann::json({{"showMessage", {{"level", "error"}, {"text", "페이지를 찾을 수 없습니다."}}}}));
}
