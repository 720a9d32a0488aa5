#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "common/error.hpp"
#include "common/i18n.hpp"

namespace the5hc::http {
namespace {

const std::vector<std::string> kMethodOrder = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};

int method_rank(const std::string& m) {
  auto it = std::find(kMethodOrder.begin(), kMethodOrder.end(), m);
  return it == kMethodOrder.end() ? static_cast<int>(kMethodOrder.size()) : static_cast<int>(it - kMethodOrder.begin());
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

}  // namespace

std::vector<std::string_view> Router::split(std::string_view path, bool& trailing_slash) {
  std::vector<std::string_view> parts;
  trailing_slash = path.ends_with('/');
  if (path.starts_with('/')) path.remove_prefix(1);
  if (trailing_slash && !path.empty()) path.remove_suffix(1);
  if (path.empty()) return parts;
  size_t start = 0;
  while (true) {
    size_t slash = path.find('/', start);
    parts.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

void Router::add(const std::string& method, const std::string& path_template, Handler handler, std::string name) {
  if (!path_template.starts_with('/')) throw std::invalid_argument("route must start with '/': " + path_template);
  if (method.empty() || !handler) throw std::invalid_argument("route needs a method and a handler: " + path_template);
  Route route;
  route.path_template = path_template;
  std::vector<std::string> names;
  for (auto part : split(path_template, route.trailing_slash)) {
    if (part.starts_with('{')) {
      if (!part.ends_with('}')) throw std::invalid_argument("bad parameter in route: " + path_template);
      std::string_view inner = part.substr(1, part.size() - 2);
      Segment seg{Segment::Kind::any, std::string(inner)};
      if (auto colon = inner.find(':'); colon != std::string_view::npos) {
        std::string_view type = inner.substr(colon + 1);
        if (type != "int") throw std::invalid_argument("unknown parameter type in route: " + path_template);
        seg = Segment{Segment::Kind::integer, std::string(inner.substr(0, colon))};
      }
      if (seg.text.empty() || std::find(names.begin(), names.end(), seg.text) != names.end())
        throw std::invalid_argument("bad or repeated parameter name in route: " + path_template);
      names.push_back(seg.text);
      route.segments.push_back(std::move(seg));
    } else {
      if (part.find_first_of("{}") != std::string_view::npos)
        throw std::invalid_argument("parameters must fill a whole segment: " + path_template);
      route.segments.push_back(Segment{Segment::Kind::literal, std::string(part)});
    }
  }
  auto it = std::find_if(routes_.begin(), routes_.end(),
                         [&](const Route& r) { return r.path_template == path_template; });
  if (it == routes_.end()) {
    for (const auto& s : route.segments)
      route.specificity.push_back(s.kind == Segment::Kind::literal ? 0 : s.kind == Segment::Kind::integer ? 1 : 2);
    if (by_length_.size() <= route.segments.size()) by_length_.resize(route.segments.size() + 1);
    by_length_[route.segments.size()].push_back(routes_.size());
    routes_.push_back(std::move(route));
    it = routes_.end() - 1;
  }
  for (const auto& e : it->endpoints)
    if (e.method == method) throw std::invalid_argument("duplicate route: " + method + " " + path_template);
  it->endpoints.push_back(Endpoint{method, std::move(handler), std::move(name)});
}

bool Router::matches(const Route& route, const std::vector<std::string_view>& parts, bool trailing_slash,
                     std::map<std::string, std::string>* params) const {
  if (route.segments.size() != parts.size()) return false;
  // "/" has no segments; its trailing slash is the path itself.
  if (!parts.empty() && route.trailing_slash != trailing_slash) return false;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Segment& seg = route.segments[i];
    switch (seg.kind) {
      case Segment::Kind::literal:
        if (seg.text != parts[i]) return false;
        break;
      case Segment::Kind::integer:
        // 18 digits always fit an int64; longer ids name nothing and must not overflow later.
        if (!all_digits(parts[i]) || parts[i].size() > 18) return false;
        break;
      case Segment::Kind::any:
        if (parts[i].empty()) return false;
        break;
    }
  }
  if (params)
    for (size_t i = 0; i < parts.size(); ++i)
      if (route.segments[i].kind != Segment::Kind::literal) (*params)[route.segments[i].text] = std::string(parts[i]);
  return true;
}

const Router::Route* Router::find(std::string_view path, std::map<std::string, std::string>* params) const {
  bool trailing = false;
  auto parts = split(path, trailing);
  if (path.empty() || (parts.empty() && path != "/")) return nullptr;
  // The most specific template wins, compared segment by segment (literal < int parameter < any parameter), so
  // "/clients/export/" beats "/clients/{id}/" whatever the registration order.
  // Only the templates of as many segments as the path can match (a few dozen of some three hundred).
  const Route* best = nullptr;
  if (parts.size() >= by_length_.size()) return nullptr;
  for (std::size_t at : by_length_[parts.size()]) {
    const Route& route = routes_[at];
    if (!matches(route, parts, trailing, nullptr)) continue;
    if (!best || route.specificity < best->specificity) best = &route;
  }
  if (best && params) matches(*best, parts, trailing, params);
  return best;
}

std::vector<std::string> Router::allowed_methods(const std::string& path_template) const {
  std::vector<std::string> out;
  for (const auto& r : routes_) {
    if (r.path_template != path_template) continue;
    for (const auto& e : r.endpoints) out.push_back(e.method);
    bool has_get = std::find(out.begin(), out.end(), "GET") != out.end();
    if (has_get && std::find(out.begin(), out.end(), "HEAD") == out.end()) out.push_back("HEAD");
    if (std::find(out.begin(), out.end(), "OPTIONS") == out.end()) out.push_back("OPTIONS");
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return method_rank(a) < method_rank(b); });
  return out;
}

Response Router::dispatch(Request& req) const {
  std::map<std::string, std::string> params;
  const Route* route = find(req.path, &params);
  if (!route) {
    if (!req.path.ends_with('/') && find(req.path + "/", nullptr)) {
      if (req.method == "GET" || req.method == "HEAD") {
        // Keep the client's own encoding of the path; only an absolute-form target needs rebuilding.
        std::string raw_path = req.target.substr(0, req.target.find('?'));
        if (!raw_path.starts_with('/')) {
          raw_path.clear();
          bool trailing = false;
          for (auto part : split(req.path, trailing)) raw_path += "/" + url_encode(part);
        }
        std::string location = raw_path + "/";
        if (!req.raw_query.empty()) location += "?" + req.raw_query;
        return Response::redirect(location, 301);
      }
      throw Error(ErrorCode::not_found, "URL must end with '/'.");
    }
    throw Error::not_found();
  }
  req.route = route->path_template;
  req.path_params = std::move(params);

  const Endpoint* endpoint = nullptr;
  auto by_method = [&](const std::string& m) -> const Endpoint* {
    for (const auto& e : route->endpoints)
      if (e.method == m) return &e;
    return nullptr;
  };
  endpoint = by_method(req.method);
  if (!endpoint && req.method == "HEAD") endpoint = by_method("GET");
  if (endpoint) {
    req.route_name = endpoint->name;
    return endpoint->handler(req);
  }
  std::string allow = join(allowed_methods(route->path_template), ", ");
  if (req.method == "OPTIONS") {
    Response r;
    r.status = 200;
    r.headers.set("Allow", allow);
    return r;
  }
  Error e(ErrorCode::method_not_allowed, i18n::args("Method \"{method}\" not allowed.", {{"method", req.method}}));
  e.headers["Allow"] = allow;
  throw e;
}

Handler Router::handler() const {
  return [this](Request& req) { return dispatch(req); };
}

std::string Router::openapi_path(const std::string& path_template) {
  std::string out;
  bool in_param = false, in_type = false;
  for (char c : path_template) {
    if (c == '{') in_param = true;
    if (c == '}') in_param = in_type = false;
    if (in_param && c == ':') in_type = true;
    if (!in_type) out += c;
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : routes_)
    for (const auto& e : r.endpoints) out.emplace_back(e.method, r.path_template);
  return out;
}

}  // namespace the5hc::http
