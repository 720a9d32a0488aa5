// Discovery, the OpenAPI document, Swagger UI and /static/ over a real server (API.md §1.8, WEB.md §1,
// OPERATIONS.md §4).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "support/suite_server.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {
class SystemApiTest : public SuiteFixture<SystemApiTest> {
 protected:
  static void SetUpTestSuite() {
    SuiteFixture::SetUpTestSuite();
    create_user(*db_, "owner1", kSuitePassword, {"--create-organization", "Studio A"});
  }
  // The src of every <script> and href of every <link> in the docs page.
  static std::vector<std::string> asset_urls(const std::string& html) {
    std::vector<std::string> out;
    std::regex attr(R"re((?:src|href)="([^"]*)")re");
    for (std::sregex_iterator it(html.begin(), html.end(), attr), end; it != end; ++it) out.push_back((*it)[1]);
    return out;
  }
};
}  // namespace

TEST_F(SystemApiTest, SchemaIsPublicOpenApiJson) {
  auto r = server_->get("/api/v1/schema/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("content-type"), "application/vnd.oai.openapi+json; charset=utf-8");
  auto doc = json::parse(r.body);
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_EQ(doc["info"]["title"], "The5HC API");
  EXPECT_TRUE(doc["paths"].contains("/api/v1/auth/login/"));
}

TEST_F(SystemApiTest, DocsPageHasNoInlineScriptAndLoadsOnlyEmbeddedAssets) {
  auto r = server_->get("/api/v1/docs/");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.header("content-type").starts_with("text/html"));
  EXPECT_NE(r.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  // Every <script> is empty (src only) and no event-handler attribute exists.
  std::regex inline_script(R"(<script[^>]*>\s*[^<\s])");
  EXPECT_FALSE(std::regex_search(r.body, inline_script)) << r.body;
  EXPECT_FALSE(std::regex_search(r.body, std::regex(R"(\son[a-z]+=)"))) << r.body;
  auto urls = asset_urls(r.body);
  ASSERT_EQ(urls.size(), 3u) << r.body;
  for (const auto& url : urls) {
    EXPECT_TRUE(url.starts_with("/static/")) << url;
    auto asset = server_->get(url);
    EXPECT_EQ(asset.status, 200) << url;
    EXPECT_FALSE(asset.body.empty()) << url;
  }
}

TEST_F(SystemApiTest, StaticFilesAreImmutableAtTheirHashedUrlOnly) {
  auto urls = asset_urls(server_->get("/api/v1/docs/").body);
  ASSERT_EQ(urls.size(), 3u);
  std::string css = urls[0], init = urls[2];
  auto r = server_->get(init);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(r.header("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_NE(r.body.find("SwaggerUIBundle"), std::string::npos);
  EXPECT_EQ(server_->get(css).header("content-type"), "text/css; charset=utf-8");
  EXPECT_TRUE(std::regex_match(init, std::regex(R"(/static/swagger-init\.[0-9a-f]{10}\.js)"))) << init;

  std::string wrong_hash = std::regex_replace(init, std::regex(R"(\.[0-9a-f]{10}\.)"), ".0000000000.");
  std::vector<std::string> misses = {"/static/swagger-init.js",          wrong_hash,
                                     "/static/",                         "/static/nothing.js",
                                     "/static/../openapi/base.json",     "/static/%2e%2e/openapi/base.json",
                                     "/static/..%2fopenapi/base.json",   "/static/vendor/..%2f..%2fCMakeLists.txt",
                                     "/static//etc/passwd"};
  for (const auto& path : misses) {
    auto miss = server_->get(path);
    EXPECT_TRUE(miss.status == 404 || miss.status == 400) << path << " → " << miss.status;
    EXPECT_EQ(miss.body.find("\"openapi\""), std::string::npos) << path;
    EXPECT_EQ(miss.body.find("root:"), std::string::npos) << path;
  }
}

TEST_F(SystemApiTest, DiscoveryNeedsAuthenticationAndListsCollectionsAsAbsoluteUrls) {
  auto anonymous = server_->get("/api/v1/");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(json::parse(anonymous.body)["code"], "not_authenticated");
  auto token = login(server_->port(), "owner1", kSuitePassword);
  auto r = server_->get("/api/v1/", bearer(token));
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body);
  ASSERT_TRUE(body.is_object());
  for (const auto& [name, url] : body.items()) {
    std::string u = url.get<std::string>();
    EXPECT_TRUE(u.starts_with("http://")) << u;
    EXPECT_TRUE(u.ends_with("/api/v1/" + name + "/")) << name << " " << u;
    // Each listed collection answers the same caller.
    auto path = u.substr(u.find("/api/"));
    EXPECT_EQ(server_->get(path, bearer(token)).status, 200) << path;
  }
  EXPECT_FALSE(body.contains("users/me"));
  EXPECT_FALSE(body.contains("schema"));
}

TEST_F(SystemApiTest, VersionNamesTheEmbeddedNpmPackages) {
  auto r = run_the5hc({"version"}, base_env(*db_), db_->dir());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* package :
       {"htmx.org 2.", "@alpinejs/csp 3.", "chart.js 4.", "@fullcalendar/core 6.", "swagger-ui-dist "})
    EXPECT_NE(r.out.find(package), std::string::npos) << package << " in " << r.out;
}
