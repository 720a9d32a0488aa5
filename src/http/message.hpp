#pragma once
// Plain HTTP request/response values shared by every handler. Deliberately free of POCO and nlohmann-json so the
// many handler files that include this compile quickly; the server (http/server.cpp) converts to and from POCO.
#include <any>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/i18n.hpp"

namespace the5hc::http {

bool iequals(std::string_view a, std::string_view b);
// Without leading and trailing spaces and tabs (HTTP optional whitespace around header list items).
std::string_view trim_ows(std::string_view s);

// Header list in arrival order; names compare case-insensitively. A list (not a map) because Set-Cookie and a few
// request headers legitimately repeat.
class Headers {
 public:
  using Entry = std::pair<std::string, std::string>;

  const std::string* find(std::string_view name) const;  // first value, nullptr when absent
  std::string get(std::string_view name, std::string_view fallback = "") const;
  bool has(std::string_view name) const { return find(name) != nullptr; }
  std::vector<std::string> get_all(std::string_view name) const;
  void set(std::string name, std::string value);  // replaces every existing value
  void add(std::string name, std::string value);  // appends (Set-Cookie)
  void remove(std::string_view name);

  const std::vector<Entry>& entries() const { return entries_; }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }
  size_t size() const { return entries_.size(); }

 private:
  std::vector<Entry> entries_;
};

// Decoded query (or form) parameters in their original order; a key may repeat (`?tag=a&tag=b`).
class QueryParams {
 public:
  using Entry = std::pair<std::string, std::string>;

  static QueryParams parse(std::string_view raw);  // application/x-www-form-urlencoded rules ('+' = space)
  std::optional<std::string> get(std::string_view key) const;  // first value
  std::vector<std::string> get_all(std::string_view key) const;
  bool has(std::string_view key) const { return get(key).has_value(); }
  void add(std::string key, std::string value) { entries_.emplace_back(std::move(key), std::move(value)); }

  const std::vector<Entry>& entries() const { return entries_; }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }
  bool empty() const { return entries_.empty(); }

 private:
  std::vector<Entry> entries_;
};

// Percent-decoding; nullopt for a malformed escape. `plus_is_space` for query strings and form bodies.
std::optional<std::string> url_decode(std::string_view in, bool plus_is_space);
std::string url_encode(std::string_view in);  // RFC 3986 unreserved characters stay, everything else is %XX

struct Request {
  std::string method;     // upper case as sent: "GET"
  std::string target;     // raw request target as sent: "/api/v1/clients/?page=2"
  std::string path;       // percent-decoded path without the query: "/api/v1/clients/"
  std::string raw_query;  // undecoded, without '?'
  QueryParams query;
  Headers headers;
  std::string body;
  bool body_too_large = false;  // set by the server instead of reading an oversized body; see body_limit()

  std::map<std::string, std::string> path_params;  // filled by the router: {"id": "42"}
  std::string route;        // matched route template ("/api/v1/clients/{id}/"); empty = unmatched
  std::string route_name;   // the name given to Router::add

  std::string peer_ip;      // socket peer
  std::string client_ip;    // peer_ip unless a trusted proxy says otherwise (forwarded())
  bool secure = false;      // arrived over HTTPS (directly or via a trusted proxy)
  std::string host;         // Host header (or X-Forwarded-Host from a trusted proxy), port included
  std::string request_id;
  Lang lang = Lang::ko;

  // Set by the authentication layer; read by the access log.
  std::optional<std::int64_t> user_id;

  bool is_api() const { return path.starts_with("/api/"); }
  std::string header(std::string_view name, std::string_view fallback = "") const {
    return headers.get(name, fallback);
  }
  // Path parameter from the router; throws Error(not_found) when absent. param_int also when not an integer
  // (an id that is not a number names no object).
  const std::string& param(const std::string& name) const;
  std::int64_t param_int(const std::string& name) const;
  // Media type of the body without parameters, lower case: "application/json".
  std::string media_type() const;

  // A typed slot for later layers (authenticated principal, organisation scope...): set_context<T>(ptr) and
  // context<T>() -> const T* (nullptr when unset or of another type).
  template <class T>
  void set_context(std::shared_ptr<const T> value) { context_ = std::move(value); }
  template <class T>
  const T* context() const {
    if (auto p = std::any_cast<std::shared_ptr<const T>>(&context_)) return p->get();
    return nullptr;
  }

 private:
  std::any context_;
};

struct Response {
  int status = 200;
  Headers headers;
  std::string content_type;  // empty = no Content-Type (204, redirects)
  std::string body;

  static constexpr const char* kJson = "application/json; charset=utf-8";
  static constexpr const char* kHtml = "text/html; charset=utf-8";
  static constexpr const char* kText = "text/plain; charset=utf-8";

  // `body` must already be serialized JSON (see http/json_response.hpp for building it from nlohmann::json).
  static Response json(int status, std::string body);
  static Response html(int status, std::string body);
  static Response text(int status, std::string body);
  static Response bytes(int status, std::string content_type, std::string body);
  static Response no_content();  // 204
  static Response redirect(std::string location, int status = 302);

  Response& header(std::string name, std::string value) {
    headers.set(std::move(name), std::move(value));
    return *this;
  }
  // Full Set-Cookie value: "sessionid=...; HttpOnly; Path=/; SameSite=Lax".
  Response& add_cookie(std::string set_cookie_value) {
    headers.add("Set-Cookie", std::move(set_cookie_value));
    return *this;
  }
};

}  // namespace the5hc::http
