// The OpenAPI document (openapi/base.json + openapi/paths/*.json, API.md §1.8) against the real application's
// router: every /api/ route is documented and every documented operation is implemented.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "api/openapi.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "support/route_table.hpp"

namespace the5hc {
namespace {

using nlohmann::json;
using Operation = std::pair<std::string, std::string>;  // (path as in OpenAPI, lower-case method)

// The routes of the application `serve` runs (support/route_table).
std::set<Operation> implemented_api_operations() {
  std::set<Operation> out;
  for (const auto& [method, path] : the5hc::testing::application_routes()) {
    if (!path.starts_with("/api/")) continue;
    std::string m = method;
    for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.emplace(http::Router::openapi_path(path), m);
  }
  return out;
}

std::set<Operation> documented_operations(const json& doc) {
  static const std::set<std::string> kMethods = {"get", "post", "put", "patch", "delete"};
  std::set<Operation> out;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, op] : item.items())
      if (kMethods.contains(method)) out.emplace(path, method);
  return out;
}

std::string listing(const std::set<Operation>& ops) {
  std::string out;
  for (const auto& [path, method] : ops) out += "\n  " + method + " " + path;
  return out;
}

TEST(OpenApi, DocumentIsOpenApi303WithTheProductTitle) {
  json doc = api::openapi_document();
  EXPECT_EQ(doc["openapi"], "3.0.3");
  EXPECT_EQ(doc["info"]["title"], "The5HC API");
  EXPECT_EQ(doc["info"]["version"], "1.0.0");
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("bearerAuth"));
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("cookieAuth"));
  EXPECT_EQ(json::parse(api::openapi_json()), doc);
}

TEST(OpenApi, EveryImplementedApiRouteIsDocumentedAndEveryDocumentedOneImplemented) {
  auto implemented = implemented_api_operations();
  auto documented = documented_operations(api::openapi_document());
  ASSERT_TRUE(implemented.contains({"/api/v1/schema/", "get"}));
  std::set<Operation> undocumented, unimplemented;
  for (const auto& op : implemented)
    if (!documented.contains(op)) undocumented.insert(op);
  for (const auto& op : documented)
    if (!implemented.contains(op)) unimplemented.insert(op);
  EXPECT_TRUE(undocumented.empty()) << "routes missing from openapi/paths/*.json:" << listing(undocumented);
  EXPECT_TRUE(unimplemented.empty()) << "documented but not routed (remove or implement):" << listing(unimplemented);
}

TEST(OpenApi, EveryOperationHasResponsesAndEveryReferenceResolves) {
  json doc = api::openapi_document();
  std::vector<std::string> broken;
  std::function<void(const json&, const std::string&)> walk = [&](const json& node, const std::string& where) {
    if (node.is_object()) {
      if (auto ref = node.find("$ref"); ref != node.end()) {
        std::string target = ref->get<std::string>();
        if (!target.starts_with("#/") || !doc.contains(json::json_pointer(target.substr(1))))
          broken.push_back(where + " → " + target);
      }
      for (const auto& [k, v] : node.items()) walk(v, where + "/" + k);
    } else if (node.is_array()) {
      for (const auto& v : node) walk(v, where);
    }
  };
  walk(doc, "");
  EXPECT_TRUE(broken.empty()) << "unresolved $ref:\n  " << ::testing::PrintToString(broken);
  const auto operations = documented_operations(doc);
  ASSERT_FALSE(operations.empty());
  for (const auto& [path, method] : operations)
    EXPECT_FALSE(doc["paths"][path][method].value("responses", json::object()).empty()) << method << " " << path;
}

TEST(StaticFiles, UrlsCarryAContentHashBeforeTheExtension) {
  std::string url = http::static_url("swagger-init.js");
  EXPECT_TRUE(url.starts_with("/static/swagger-init.")) << url;
  EXPECT_TRUE(url.ends_with(".js")) << url;
  EXPECT_EQ(url.size(), std::string("/static/swagger-init..js").size() + 10) << url;
  EXPECT_TRUE(http::static_url("vendor/htmx.min.js").starts_with("/static/vendor/htmx.min."));
  EXPECT_NE(http::static_url("vendor/swagger-ui.css"), http::static_url("vendor/swagger-ui-bundle.js"));
  EXPECT_THROW(http::static_url("missing.js"), std::invalid_argument);
  EXPECT_THROW(http::static_url("../openapi/base.json"), std::invalid_argument);
}

}  // namespace
}  // namespace the5hc
