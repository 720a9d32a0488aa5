#include "http/middleware.hpp"

#include <arpa/inet.h>
#include <sys/random.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>

#include "common/i18n.hpp"
#include "common/log.hpp"
#include "common/metrics.hpp"
#include "http/json_response.hpp"

namespace the5hc::http {

// --- request identity ------------------------------------------------------------------------------------------

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '-'))
      return false;
  return true;
}

std::string new_request_id() {
  // The kernel's bytes are fetched for 64 ids at a time, per thread: one getrandom per request was a system call on
  // every request (issue 11). Each id still takes 16 bytes no other id gets.
  constexpr std::size_t kId = 16, kIds = 64;
  thread_local unsigned char pool[kId * kIds];
  thread_local std::size_t used = sizeof pool;
  if (used == sizeof pool) {
    std::size_t got = 0;
    while (got < sizeof pool) {
      ssize_t n = getrandom(pool + got, sizeof pool - got, 0);
      if (n > 0) got += static_cast<std::size_t>(n);
    }
    used = 0;
  }
  static const char hex[] = "0123456789abcdef";
  std::string id(2 * kId, '0');
  for (std::size_t i = 0; i < kId; ++i) {
    const unsigned char b = pool[used + i];
    id[2 * i] = hex[b >> 4];
    id[2 * i + 1] = hex[b & 15];
  }
  used += kId;
  return id;
}

Middleware request_id() {
  return [](Request& req, const Handler& next) {
    std::string incoming = req.headers.get("X-Request-ID");
    req.request_id = valid_request_id(incoming) ? incoming : new_request_id();
    log::RequestScope scope(req.request_id);
    Response res = next(req);
    res.headers.set("X-Request-ID", req.request_id);
    return res;
  };
}

namespace {

struct Network {
  int family = 0;
  std::array<unsigned char, 16> addr{};
  int prefix = 0;
};

bool parse_ip(std::string_view text, int& family, std::array<unsigned char, 16>& out) {
  std::string s(text);
  if (s.size() > 2 && s.front() == '[' && s.back() == ']') s = s.substr(1, s.size() - 2);
  out.fill(0);
  if (inet_pton(AF_INET, s.c_str(), out.data()) == 1) {
    family = AF_INET;
    return true;
  }
  if (inet_pton(AF_INET6, s.c_str(), out.data()) == 1) {
    // An IPv4-mapped IPv6 peer (dual-stack socket) is the IPv4 address for matching purposes.
    static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(out.data(), mapped, 12) == 0) {
      std::memmove(out.data(), out.data() + 12, 4);
      std::memset(out.data() + 4, 0, 12);
      family = AF_INET;
    } else {
      family = AF_INET6;
    }
    return true;
  }
  return false;
}

bool in_network(int family, const std::array<unsigned char, 16>& ip, std::string_view cidr) {
  Network net;
  auto slash = cidr.find('/');
  if (!parse_ip(cidr.substr(0, slash), net.family, net.addr)) return false;
  int max = net.family == AF_INET ? 32 : 128;
  net.prefix = max;
  if (slash != std::string_view::npos) {
    try {
      net.prefix = std::stoi(std::string(cidr.substr(slash + 1)));
    } catch (...) {
      return false;
    }
    if (net.prefix < 0 || net.prefix > max) return false;
  }
  if (family != net.family) return false;
  int full = net.prefix / 8, rest = net.prefix % 8;
  if (std::memcmp(ip.data(), net.addr.data(), static_cast<size_t>(full)) != 0) return false;
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (ip[full] & mask) == (net.addr[full] & mask);
}

}  // namespace

bool ip_in_list(std::string_view ip, const std::vector<std::string>& cidrs) {
  int family = 0;
  std::array<unsigned char, 16> addr{};
  if (!parse_ip(trim_ows(ip), family, addr)) return false;
  for (const auto& c : cidrs)
    if (in_network(family, addr, trim_ows(c))) return true;
  return false;
}

Middleware forwarded(std::vector<std::string> trusted_proxies) {
  return [trusted = std::move(trusted_proxies)](Request& req, const Handler& next) {
    if (!trusted.empty() && ip_in_list(req.peer_ip, trusted)) {
      // Walk X-Forwarded-For from the right: entries added by our own proxies are skipped, the first foreign
      // one is the client. Everything left of it is client-controlled and ignored.
      std::vector<std::string_view> hops;
      std::string xff;
      for (const auto& v : req.headers.get_all("X-Forwarded-For")) xff += (xff.empty() ? "" : ",") + v;
      std::string_view rest = xff;
      while (!rest.empty()) {
        size_t comma = rest.find(',');
        hops.push_back(trim_ows(rest.substr(0, comma)));
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      }
      for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
        if (it->empty()) continue;
        req.client_ip = std::string(*it);
        if (!ip_in_list(*it, trusted)) break;
      }
      std::string proto = req.headers.get("X-Forwarded-Proto");
      if (!proto.empty()) req.secure = iequals(trim_ows(proto.substr(0, proto.find(','))), "https");
      std::string host = req.headers.get("X-Forwarded-Host");
      if (!host.empty()) req.host = std::string(trim_ows(host.substr(0, host.find(','))));
    }
    return next(req);
  };
}

// --- observability ---------------------------------------------------------------------------------------------

std::string redact_target(std::string_view path, std::string_view raw_query) {
  std::string out(path);
  if (raw_query.empty()) return out;
  out += '?';
  bool first = true;
  while (true) {
    size_t amp = raw_query.find('&');
    std::string_view part = raw_query.substr(0, amp);
    if (!first) out += '&';
    first = false;
    size_t eq = part.find('=');
    std::string key = url_decode(part.substr(0, eq), true).value_or(std::string(part.substr(0, eq)));
    if (eq != std::string_view::npos &&
        (key == "token" || key == "code" || key == "password" || key == "refresh")) {
      out.append(part.substr(0, eq));
      out += "=***";
    } else {
      out.append(part);
    }
    if (amp == std::string_view::npos) break;
    raw_query = raw_query.substr(amp + 1);
  }
  return out;
}

Middleware access_log() {
  return [](Request& req, const Handler& next) {
    auto start = std::chrono::steady_clock::now();
    int status = 500;
    size_t bytes = 0;
    auto write_line = [&] {
      double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      log::Level level = status >= 500 ? log::Level::error : log::Level::info;
      if (!log::enabled(level)) return;
      log::write(level, "access", req.method + " " + req.path + " " + std::to_string(status),
                 {{"method", req.method},
                  {"path", redact_target(req.path, req.raw_query)},
                  {"route", req.route.empty() ? std::string("unmatched") : req.route},
                  {"status", status},
                  {"duration_ms", static_cast<double>(static_cast<long long>(ms * 1000 + 0.5)) / 1000},
                  {"bytes", bytes},
                  {"ip", req.client_ip},
                  {"user_id", req.user_id},
                  {"user_agent", req.headers.get("User-Agent")}});
    };
    try {
      Response res = next(req);
      status = res.status;
      bytes = req.method == "HEAD" ? 0 : res.body.size();
      write_line();
      return res;
    } catch (...) {
      write_line();  // the server turns an escaped exception into a 500; the line must still be written
      throw;
    }
  };
}

Middleware http_metrics(metrics::Registry& registry) {
  auto& total = registry.counter("the5hc_http_requests_total", "HTTP requests by method, route template and status.",
                                 {"method", "route", "status"});
  auto& duration = registry.histogram("the5hc_http_request_duration_seconds",
                                      "HTTP request duration in seconds by method and route template.",
                                      {"method", "route"});
  auto& in_flight = registry.gauge("the5hc_http_requests_in_flight", "HTTP requests being handled.").get();
  return [&total, &duration, &in_flight](Request& req, const Handler& next) {
    auto start = std::chrono::steady_clock::now();
    in_flight.inc();
    auto record = [&](int status) {
      in_flight.dec();
      // Arbitrary methods would make the label set unbounded; fold them into one value.
      static const std::array<std::string_view, 7> known = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
      std::string method = std::find(known.begin(), known.end(), req.method) != known.end() ? req.method : "other";
      std::string route = req.route.empty() ? "unmatched" : req.route;
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      total.with({method, route, std::to_string(status)}).inc();
      duration.with({method, route}).observe(secs);
    };
    try {
      Response res = next(req);
      record(res.status);
      return res;
    } catch (...) {
      record(500);  // the server answers an escaped exception with 500
      throw;
    }
  };
}

// --- security and limits ---------------------------------------------------------------------------------------

Middleware security_headers(SecurityHeaderOptions options) {
  std::string hsts;
  if (options.hsts_seconds > 0 && !options.debug) {
    hsts = "max-age=" + std::to_string(options.hsts_seconds) + "; includeSubDomains";
    if (options.hsts_seconds >= 31536000) hsts += "; preload";
  }
  return [hsts](Request& req, const Handler& next) {
    Response res = next(req);
    res.headers.set("Content-Security-Policy",
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
                    "frame-ancestors 'none'");
    res.headers.set("X-Frame-Options", "DENY");
    res.headers.set("X-Content-Type-Options", "nosniff");
    // a page may ask for less (the public share page: no-referrer)
    if (!res.headers.has("Referrer-Policy")) res.headers.set("Referrer-Policy", "same-origin");
    res.headers.set("Cross-Origin-Opener-Policy", "same-origin");
    res.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (!hsts.empty() && req.secure) res.headers.set("Strict-Transport-Security", hsts);
    return res;
  };
}

namespace {

std::string lower_host(std::string_view host) {
  host = trim_ows(host);
  // "[::1]:8000" → "[::1]", "example.com:8000" → "example.com"
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') == std::string_view::npos ? host.size() : host.find(']') + 1);
  } else if (auto colon = host.rfind(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  if (host.ends_with('.')) host.remove_suffix(1);
  std::string out(host);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool host_allowed(std::string_view host_header, const std::vector<std::string>& hosts) {
  std::string host = lower_host(host_header);
  if (host.empty()) return false;
  for (const auto& pattern_raw : hosts) {
    std::string pattern = pattern_raw;
    for (auto& c : pattern) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (pattern == "*") return true;
    if (pattern.starts_with('.')) {
      if (host == pattern.substr(1) || host.ends_with(pattern)) return true;
    } else if (host == pattern) {
      return true;
    }
  }
  return false;
}

bool operational_path(std::string_view path) {
  return path == "/healthz" || path == "/readyz" || path == "/metrics";
}

Middleware allowed_hosts(std::vector<std::string> hosts) {
  return [hosts = std::move(hosts)](Request& req, const Handler& next) {
    if (req.path == "/healthz" || req.path == "/readyz" || host_allowed(req.host, hosts)) return next(req);
    log::warning("security", "host rejected", {{"host", req.host}, {"ip", req.client_ip}});
    throw Error(ErrorCode::bad_request, "Invalid Host header.");
  };
}

Middleware ssl_redirect() {
  return [](Request& req, const Handler& next) {
    const std::string& p = req.path;
    if (req.secure || operational_path(p)) return next(req);
    std::string target = req.target;
    if (!target.starts_with('/')) {  // absolute-form request target
      target = req.path;
      if (!req.raw_query.empty()) target += "?" + req.raw_query;
    }
    return Response::redirect("https://" + req.host + target, 301);
  };
}

Middleware cors(std::vector<std::string> allowed_origins) {
  return [origins = std::move(allowed_origins)](Request& req, const Handler& next) {
    std::string origin = req.headers.get("Origin");
    bool allowed = req.is_api() && !origin.empty() &&
                   std::find(origins.begin(), origins.end(), origin) != origins.end();
    if (!allowed) return next(req);
    if (req.method == "OPTIONS" && req.headers.has("Access-Control-Request-Method")) {
      Response pre = Response::no_content();
      pre.headers.set("Access-Control-Allow-Origin", origin);
      pre.headers.set("Vary", "Origin");
      pre.headers.set("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      pre.headers.set("Access-Control-Allow-Headers",
                      "authorization, content-type, accept, accept-language, x-csrftoken, x-requested-with, "
                      "x-request-id");
      pre.headers.set("Access-Control-Max-Age", "600");
      return pre;
    }
    Response res = next(req);
    res.headers.set("Access-Control-Allow-Origin", origin);
    std::string vary = res.headers.get("Vary");
    res.headers.set("Vary", vary.empty() ? "Origin" : vary + ", Origin");
    res.headers.set("Access-Control-Expose-Headers", "Retry-After, X-Request-ID, Content-Disposition");
    return res;
  };
}

Middleware body_limit() {
  return [](Request& req, const Handler& next) {
    if (req.body_too_large) throw Error(ErrorCode::payload_too_large, "Request body is too large.");
    return next(req);
  };
}

Middleware maintenance(std::function<bool()> enabled) {
  return [enabled = std::move(enabled)](Request& req, const Handler& next) {
    const std::string& p = req.path;
    bool exempt = operational_path(p) || p.starts_with("/static/");
    if (exempt || !enabled()) return next(req);
    Error e(ErrorCode::unavailable, req.is_api() ? "Service is under maintenance."
                                                 : "Service is under maintenance. Please try again later.");
    e.headers["Retry-After"] = "300";
    throw e;
  };
}

Middleware language() {
  return [](Request& req, const Handler& next) {
    if (req.headers.has("Accept-Language")) req.lang = i18n::negotiate(req.headers.get("Accept-Language"));
    return next(req);
  };
}

}  // namespace the5hc::http
