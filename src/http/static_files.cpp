#include "http/static_files.hpp"

#include <map>
#include <stdexcept>

#include "common/digest.hpp"
#include "common/embedded.hpp"

namespace the5hc::http {
namespace {

constexpr std::string_view kPrefix = "static/";

struct Asset {
  std::string url;
  std::string_view data;
};

// Types of what static/ holds; anything else is served as bytes.
std::string content_type(std::string_view name) {
  auto dot = name.rfind('.');
  std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "ttf") return "font/ttf";
  return "application/octet-stream";
}

// "vendor/htmx.min.js" → "/static/vendor/htmx.min.<hash>.js": the hash goes before the last extension so the
// URL still ends in the type's extension.
std::string hashed_url(std::string_view name, std::string_view data) {
  std::string hash = digest::sha256_hex(data).substr(0, 10);
  auto slash = name.rfind('/');
  auto dot = name.rfind('.');
  std::string url = "/static/";
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return url.append(name).append(".").append(hash);
  return url.append(name.substr(0, dot)).append(".").append(hash).append(name.substr(dot));
}

// Built once, on first use (thread-safe static initialisation); the embedded files never change.
const std::map<std::string, Asset, std::less<>>& assets() {
  static const auto table = [] {
    std::map<std::string, Asset, std::less<>> t;
    for (const auto& f : embedded::all())
      if (f.path.starts_with(kPrefix)) {
        std::string_view name = f.path.substr(kPrefix.size());
        t.emplace(std::string(name), Asset{hashed_url(name, f.data), f.data});
      }
    return t;
  }();
  return table;
}

}  // namespace

std::string static_url(std::string_view name) {
  auto it = assets().find(name);
  if (it == assets().end()) throw std::invalid_argument("no embedded static file: " + std::string(name));
  return it->second.url;
}

void register_static_routes(Router& router) {
  for (const auto& [name, asset] : assets()) {
    std::string type = content_type(name);
    std::string_view data = asset.data;
    router.get(asset.url, [type, data](Request&) {
      Response r = Response::bytes(200, type, std::string(data));
      r.header("Cache-Control", "public, max-age=31536000, immutable");
      return r;
    }, "static");
  }
}

}  // namespace the5hc::http
