#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"

using namespace the5hc;
using namespace the5hc::http;

namespace {

Request make(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = target;
  auto q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) r.raw_query = target.substr(q + 1);
  r.query = QueryParams::parse(r.raw_query);
  return r;
}

Handler tag(std::string name) {
  return [name](Request& req) {
    std::string body = name;
    for (const auto& [k, v] : req.path_params) body += " " + k + "=" + v;
    return Response::text(200, body);
  };
}

// Runs the router behind the error handler, as in production, so errors come out as responses.
Response run(const Router& router, Request req, Lang lang = Lang::ko) {
  req.lang = lang;
  req.request_id = "test-request";
  return compose({error_handler()}, router.handler())(req);
}

Router sample() {
  Router r;
  r.get("/api/v1/clients/", tag("list"), "client-list");
  r.post("/api/v1/clients/", tag("create"), "client-create");
  r.get("/api/v1/clients/{id:int}/", tag("detail"), "client-detail");
  r.put("/api/v1/clients/{id:int}/", tag("update"));
  r.del("/api/v1/clients/{id:int}/", tag("delete"));
  r.get("/api/v1/clients/export/", tag("export"));
  r.get("/api/v1/orgs/{slug}/members/{id:int}/", tag("member"));
  r.get("/api/v1/assessments/{id:int}/report.pdf", tag("pdf"));
  r.get("/", tag("home"));
  r.get("/clients/", tag("web-clients"));
  return r;
}

}  // namespace

TEST(HttpRouter, MatchesLiteralAndParameterRoutes) {
  Router r = sample();
  auto req = make("GET", "/api/v1/clients/42/");
  Response res = r.dispatch(req);
  EXPECT_EQ(res.body, "detail id=42");
  EXPECT_EQ(req.route, "/api/v1/clients/{id:int}/");
  EXPECT_EQ(req.route_name, "client-detail");
  EXPECT_EQ(req.param_int("id"), 42);

  auto root = make("GET", "/");
  EXPECT_EQ(r.dispatch(root).body, "home");
  auto pdf = make("GET", "/api/v1/assessments/7/report.pdf");
  EXPECT_EQ(r.dispatch(pdf).body, "pdf id=7");
  auto member = make("GET", "/api/v1/orgs/studio-1/members/3/");
  EXPECT_EQ(r.dispatch(member).body, "member id=3 slug=studio-1");
}

TEST(HttpRouter, LiteralSegmentBeatsParameterWhateverTheOrder) {
  Router r;
  r.get("/items/{name}/", tag("param"));
  r.get("/items/special/", tag("literal"));
  auto req = make("GET", "/items/special/");
  EXPECT_EQ(r.dispatch(req).body, "literal");
  auto other = make("GET", "/items/other/");
  EXPECT_EQ(r.dispatch(other).body, "param name=other");
}

TEST(HttpRouter, IntParameterRejectsNonDigitsAndHugeNumbers) {
  Router r = sample();
  for (const char* path : {"/api/v1/clients/abc/", "/api/v1/clients/-1/", "/api/v1/clients/1234567890123456789/"}) {
    Response res = run(r, make("GET", path));
    EXPECT_EQ(res.status, 404) << path;
  }
}

TEST(HttpRouter, NotFoundIsJsonDetailOnApi) {
  Router r = sample();
  Response res = run(r, make("GET", "/api/v1/nothing/"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(nlohmann::json::parse(res.body), nlohmann::json({{"detail", "찾을 수 없습니다."}}));
  Response en = run(r, make("GET", "/api/v1/nothing/"), Lang::en);
  EXPECT_EQ(nlohmann::json::parse(en.body), nlohmann::json({{"detail", "Not found."}}));
}

TEST(HttpRouter, NotFoundOutsideApiIsHtml) {
  Router r = sample();
  Response res = run(r, make("GET", "/nothing/"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "text/html; charset=utf-8");
  EXPECT_NE(res.body.find("페이지를 찾을 수 없습니다."), std::string::npos);
}

TEST(HttpRouter, MethodNotAllowedHasAllowHeaderAndDetail) {
  Router r = sample();
  auto req = make("PATCH", "/api/v1/clients/5/");
  Response res = run(r, req);
  EXPECT_EQ(res.status, 405);
  EXPECT_EQ(res.headers.get("Allow"), "GET, PUT, DELETE, HEAD, OPTIONS");
  EXPECT_EQ(nlohmann::json::parse(res.body), nlohmann::json({{"detail", "메소드(Method) \"PATCH\"는 허용되지 않습니다."}}));
  Response en = run(r, make("DELETE", "/api/v1/clients/"), Lang::en);
  EXPECT_EQ(en.headers.get("Allow"), "GET, POST, HEAD, OPTIONS");
  EXPECT_EQ(nlohmann::json::parse(en.body)["detail"], "Method \"DELETE\" not allowed.");
}

TEST(HttpRouter, MethodNotAllowedKeepsRouteForMetrics) {
  Router r = sample();
  auto req = make("POST", "/api/v1/clients/9/");
  req.request_id = "x";
  compose({error_handler()}, r.handler())(req);
  EXPECT_EQ(req.route, "/api/v1/clients/{id:int}/");
}

TEST(HttpRouter, HeadFallsBackToGetAndOptionsListsMethods) {
  Router r = sample();
  auto head = make("HEAD", "/api/v1/clients/");
  EXPECT_EQ(r.dispatch(head).body, "list");
  auto options = make("OPTIONS", "/api/v1/clients/3/");
  Response res = r.dispatch(options);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(res.headers.get("allow"), "GET, PUT, DELETE, HEAD, OPTIONS");
}

TEST(HttpRouter, MissingSlashRedirectsGetAndHeadKeepingQuery) {
  Router r = sample();
  for (const char* method : {"GET", "HEAD"}) {
    Response res = run(r, make(method, "/api/v1/clients?page=2&search=%EA%B9%80"));
    EXPECT_EQ(res.status, 301) << method;
    EXPECT_EQ(res.headers.get("Location"), "/api/v1/clients/?page=2&search=%EA%B9%80");
  }
  Response detail = run(r, make("GET", "/api/v1/clients/12"));
  EXPECT_EQ(detail.status, 301);
  EXPECT_EQ(detail.headers.get("Location"), "/api/v1/clients/12/");
}

TEST(HttpRouter, MissingSlashOnWriteIsJson404WithSlashMessage) {
  Router r = sample();
  Response res = run(r, make("POST", "/api/v1/clients"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(nlohmann::json::parse(res.body), nlohmann::json({{"detail", "URL은 '/'로 끝나야 합니다."}}));
  // A path whose slashed form does not exist either is a plain 404.
  Response plain = run(r, make("GET", "/api/v1/unknown"));
  EXPECT_EQ(plain.status, 404);
  EXPECT_EQ(nlohmann::json::parse(plain.body)["detail"], "찾을 수 없습니다.");
}

TEST(HttpRouter, RoutesAreExposedInRegistrationOrder) {
  Router r;
  r.get("/a/", tag("a"));
  r.post("/a/", tag("a"));
  r.get("/b/{id:int}/", tag("b"));
  std::vector<std::pair<std::string, std::string>> expected = {{"GET", "/a/"}, {"POST", "/a/"}, {"GET", "/b/{id:int}/"}};
  EXPECT_EQ(r.routes(), expected);
}

TEST(HttpRouter, RejectsBadTemplatesAndDuplicates) {
  Router r;
  r.get("/a/{id}/", tag("a"));
  EXPECT_THROW(r.get("/a/{id}/", tag("again")), std::invalid_argument);
  EXPECT_THROW(r.get("/b/{id:uuid}/", tag("b")), std::invalid_argument);
  EXPECT_THROW(r.get("/c/x{id}/", tag("c")), std::invalid_argument);
  EXPECT_THROW(r.get("/d/{id}/{id}/", tag("d")), std::invalid_argument);
  EXPECT_THROW(r.get("relative/", tag("e")), std::invalid_argument);
}

TEST(HttpRouter, TrailingSlashIsSignificant) {
  Router r;
  r.get("/healthz", tag("health"));
  auto ok = make("GET", "/healthz");
  EXPECT_EQ(r.dispatch(ok).body, "health");
  EXPECT_EQ(run(r, make("GET", "/healthz/")).status, 404);
}

TEST(HttpRouter, OpenApiPathDropsParameterTypes) {
  EXPECT_EQ(Router::openapi_path("/api/v1/clients/{id:int}/"), "/api/v1/clients/{id}/");
  EXPECT_EQ(Router::openapi_path("/api/v1/orgs/{slug}/members/{id:int}/"), "/api/v1/orgs/{slug}/members/{id}/");
  EXPECT_EQ(Router::openapi_path("/healthz"), "/healthz");
}

namespace {
struct Principal {
  std::int64_t user_id;
  std::string role;
};
}  // namespace

TEST(HttpRouter, RequestContextSlotIsTyped) {
  Request req;
  EXPECT_EQ(req.context<Principal>(), nullptr);
  req.set_context<Principal>(std::make_shared<Principal>(Principal{7, "owner"}));
  ASSERT_NE(req.context<Principal>(), nullptr);
  EXPECT_EQ(req.context<Principal>()->role, "owner");
  EXPECT_EQ(req.context<std::string>(), nullptr);  // another type is not reinterpreted
  Request copy = req;                              // copies share the principal
  EXPECT_EQ(copy.context<Principal>(), req.context<Principal>());
}

TEST(HttpRouter, QueryParamsAndHeadersHelpers) {
  auto q = QueryParams::parse("tag=a&tag=b&search=%EA%B9%80+%EC%B2%A0&empty=&flag&bad=%zz");
  EXPECT_EQ(q.get_all("tag"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(q.get("search"), "김 철");
  EXPECT_EQ(q.get("empty"), "");
  EXPECT_EQ(q.get("flag"), "");
  EXPECT_EQ(q.get("bad"), "%zz");
  EXPECT_EQ(q.get("missing"), std::nullopt);

  Headers h;
  h.add("Set-Cookie", "a=1");
  h.add("set-cookie", "b=2");
  h.add("Content-Type", "application/json; charset=UTF-8");
  EXPECT_EQ(h.get_all("SET-COOKIE").size(), 2u);
  h.set("CONTENT-TYPE", "text/plain");
  EXPECT_EQ(h.get("content-type"), "text/plain");
  EXPECT_EQ(h.size(), 3u);
  h.remove("set-cookie");
  EXPECT_FALSE(h.has("Set-Cookie"));

  Request req;
  req.headers.add("Content-Type", " Application/JSON ; charset=utf-8");
  EXPECT_EQ(req.media_type(), "application/json");
  EXPECT_EQ(url_decode("%E4%B8%AD+x", false), "中+x");
  EXPECT_EQ(url_decode("%4", false), std::nullopt);
  EXPECT_EQ(url_encode("a b/김"), "a%20b%2F%EA%B9%80");
}
