#include "api/system_api.hpp"

#include <set>

#include "api/listing.hpp"
#include "api/openapi.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "http/static_files.hpp"

namespace the5hc::api {
namespace {

constexpr std::string_view kApiRoot = "/api/v1/";

// Collections are the parameter-free GET templates under /api/v1/ that also have an item route below them
// ("/api/v1/clients/" with "/api/v1/clients/{id}/"), keyed like DRF's API root: "clients", "mcq/categories".
// Derived from the router, so a new resource appears here without another list to keep in step.
std::map<std::string, std::string> collections(const http::Router& router) {
  std::set<std::string> item_parents;
  for (const auto& [method, path] : router.routes()) {
    auto brace = path.find('{');
    if (brace != std::string::npos && path.starts_with(kApiRoot)) item_parents.insert(path.substr(0, brace));
  }
  std::map<std::string, std::string> out;
  for (const auto& [method, path] : router.routes())
    if (method == "GET" && path.size() > kApiRoot.size() && path.starts_with(kApiRoot) && path.ends_with('/') &&
        path.find('{') == std::string::npos && item_parents.contains(path))
      out.emplace(path.substr(kApiRoot.size(), path.size() - kApiRoot.size() - 1), path);
  return out;
}

std::string docs_page() {
  return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>The5HC API</title>\n"
         "<link rel=\"stylesheet\" href=\"" + http::static_url("vendor/swagger-ui.css") + "\">\n</head>\n<body>\n"
         "<div id=\"swagger-ui\" data-schema-url=\"/api/v1/schema/\"></div>\n"
         "<script src=\"" + http::static_url("vendor/swagger-ui-bundle.js") + "\"></script>\n"
         "<script src=\"" + http::static_url("swagger-init.js") + "\"></script>\n</body>\n</html>\n";
}

}  // namespace

void register_system_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/schema/", [](http::Request&) {
    return http::Response::bytes(200, "application/vnd.oai.openapi+json; charset=utf-8", openapi_json());
  }, "api-schema");

  router.get("/api/v1/docs/", [page = docs_page()](http::Request&) {
    return http::Response::html(200, page).header("Cache-Control", "no-store");
  }, "api-docs");

  router.get(std::string(kApiRoot), [&router, &deps](http::Request& req) {
    auto ctx = front::signed_in_context(req, deps);
    nlohmann::json body = nlohmann::json::object();
    for (const auto& [name, path] : collections(router)) body[name] = absolute_url(req, path);
    return http::json_response(200, body);
  }, "api-root");
}

}  // namespace the5hc::api
