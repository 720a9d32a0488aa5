#pragma once
// Path-template router. Templates are literal segments and parameters: "/api/v1/clients/{id:int}/" ({name} matches
// any non-empty segment, {name:int} only digits). Matching is by path first, then method:
//   path matches, method registered       -> handler (HEAD falls back to GET; OPTIONS answered with Allow)
//   path matches, method not registered   -> Error(method_not_allowed) carrying the Allow header
//   nothing matches                       -> Error(not_found), or the trailing-slash rule of API.md §1.1
// Errors are thrown, not rendered, so the error middleware formats them in one place (JSON for /api/).
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "http/handler.hpp"

namespace the5hc::http {

class Router {
 public:
  // Throws std::invalid_argument for a malformed template or a duplicate (method, template).
  void add(const std::string& method, const std::string& path_template, Handler handler, std::string name = "");
  void get(const std::string& t, Handler h, std::string name = "") { add("GET", t, std::move(h), std::move(name)); }
  void post(const std::string& t, Handler h, std::string name = "") { add("POST", t, std::move(h), std::move(name)); }
  void put(const std::string& t, Handler h, std::string name = "") { add("PUT", t, std::move(h), std::move(name)); }
  void patch(const std::string& t, Handler h, std::string name = "") { add("PATCH", t, std::move(h), std::move(name)); }
  void del(const std::string& t, Handler h, std::string name = "") { add("DELETE", t, std::move(h), std::move(name)); }

  // Matches, fills req.path_params / req.route / req.route_name and runs the handler.
  Response dispatch(Request& req) const;
  // The router as the innermost handler of a middleware chain; the router must outlive it.
  Handler handler() const;

  // (method, template) in registration order, for the OpenAPI comparison test. Implicit HEAD/OPTIONS excluded.
  std::vector<std::pair<std::string, std::string>> routes() const;
  // "/api/v1/clients/{id:int}/" → "/api/v1/clients/{id}/", the spelling of OpenAPI paths.
  static std::string openapi_path(const std::string& path_template);
  // Methods a template answers, in Allow order (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS).
  std::vector<std::string> allowed_methods(const std::string& path_template) const;

 private:
  struct Segment {
    enum class Kind { literal, any, integer } kind;
    std::string text;  // literal text or parameter name
  };
  struct Endpoint {
    std::string method;
    Handler handler;
    std::string name;
  };
  struct Route {
    std::string path_template;
    std::vector<Segment> segments;
    std::vector<int> specificity;  // per segment: 0 literal, 1 int parameter, 2 any parameter (lower is more specific)
    bool trailing_slash = false;
    std::vector<Endpoint> endpoints;
  };

  static std::vector<std::string_view> split(std::string_view path, bool& trailing_slash);
  bool matches(const Route& route, const std::vector<std::string_view>& parts, bool trailing_slash,
               std::map<std::string, std::string>* params) const;
  const Route* find(std::string_view path, std::map<std::string, std::string>* params) const;

  std::vector<Route> routes_;
  std::vector<std::vector<std::size_t>> by_length_;  // [number of segments] → indices into routes_
};

}  // namespace the5hc::http
