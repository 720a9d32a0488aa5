#include "support/route_table.hpp"

#include <filesystem>
#include <stdexcept>

#include "app/application.hpp"
#include "auth/rate_limiter.hpp"
#include "common/clock.hpp"
#include "config/config.hpp"
#include "store/database.hpp"

namespace the5hc::testing {
namespace {

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t start = 1;
  while (start <= path.size()) {
    auto slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string param_name(const std::string& segment) {
  auto inner = segment.substr(1, segment.size() - 2);
  return inner.substr(0, inner.find(':'));
}

}  // namespace

std::vector<RouteTemplate::Param> RouteTemplate::params() const {
  std::vector<Param> out;
  std::string previous;
  for (const auto& s : segments(path)) {
    if (is_param(s)) out.push_back({param_name(s), previous});
    previous = s;
  }
  return out;
}

std::string RouteTemplate::fill(const std::vector<std::string>& values) const {
  std::string out;
  std::size_t next = 0, pos = 0;
  while (pos < path.size()) {
    auto open = path.find('{', pos);
    if (open == std::string::npos) break;
    auto close = path.find('}', open);
    out += path.substr(pos, open - pos);
    if (next >= values.size()) throw std::invalid_argument("too few values for " + path);
    out += values[next++];
    pos = close + 1;
  }
  return out + path.substr(pos);
}

std::string RouteTemplate::tail() const {
  std::string out;
  for (const auto& s : segments(path)) {
    if (is_param(s))
      out.clear();
    else if (path.find('{') != std::string::npos)
      out += (out.empty() ? "" : "/") + s;
  }
  return path.find('{') == std::string::npos ? "" : out;
}

const std::vector<RouteTemplate>& application_routes() {
  // Everything lives as long as the process: the application registers metric callbacks on the global registry.
  static const std::vector<RouteTemplate> routes = [] {
    static const Config config = load_config(
        {{"SECRET_KEY", std::string(64, 'k')},
         {"DEBUG", "true"},
         {"DATABASE_URL",
          "sqlite:///" + (std::filesystem::temp_directory_path() / "the5hc-route-table" / "unused.db").string()}});
    static store::Database db(config.database, 1);
    static auth::RateLimiter limiter;
    static TestClock clock;
    static app::Application application({config, db, clock, limiter}, nullptr);
    std::vector<RouteTemplate> out;
    for (const auto& [method, path] : application.router().routes()) out.push_back({method, path});
    return out;
  }();
  return routes;
}

}  // namespace the5hc::testing
