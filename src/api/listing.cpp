#include "api/listing.hpp"

#include <algorithm>
#include <sstream>

#include "api/json_fields.hpp"
#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/time.hpp"
#include "http/urls.hpp"

namespace the5hc::api {
namespace {

Error invalid_page() { return Error(ErrorCode::not_found, "Invalid page."); }  // 잘못된 페이지입니다.

std::optional<long long> parse_positive(const std::string& s) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

std::string page_url(const http::Request& req, int page) {
  std::string url = api::absolute_url(req, req.path);
  std::string query;
  for (const auto& [k, v] : req.query) {
    if (k == "page") continue;
    query += (query.empty() ? "" : "&") + http::url_encode(k) + "=" + http::url_encode(v);
  }
  if (page > 1) query += (query.empty() ? "" : "&") + std::string("page=") + std::to_string(page);
  return query.empty() ? url : url + "?" + query;
}

std::int64_t integer_parameter(const std::string& name, const std::string& s) {
  bool ok = !s.empty() && s.size() < 19 && s.find_first_not_of("-0123456789") == std::string::npos && s != "-" &&
            s.find('-', 1) == std::string::npos;
  if (!ok) throw Error::field(name, "A valid integer is required.");
  return std::stoll(s);
}

}  // namespace

std::string absolute_url(const http::Request& req, std::string_view path) { return http::absolute_url(req, path); }

PageRequest page_request(const http::Request& req) {
  PageRequest p;
  if (auto v = req.query.get("page")) {
    auto n = parse_positive(*v);
    if (*v == "last") n = 1;  // resolved against the count in page_envelope is not supported; treat as first
    if (!n || *n < 1) throw invalid_page();
    p.page = static_cast<int>(*n);
  }
  if (auto v = req.query.get("page_size")) {
    auto n = parse_positive(*v);
    if (n && *n >= 1) p.page_size = static_cast<int>(std::min<long long>(*n, 100));
  }
  return p;
}

PageLinks page_links(const http::Request& req, const PageRequest& page, std::int64_t count) {
  std::int64_t pages = std::max<std::int64_t>(1, (count + page.page_size - 1) / page.page_size);
  if (page.page > pages) throw invalid_page();
  PageLinks links;
  if (page.page < pages) links.next = page_url(req, page.page + 1);
  if (page.page > 1) links.previous = page_url(req, page.page - 1);
  return links;
}

nlohmann::json page_envelope(const http::Request& req, const PageRequest& page, std::int64_t count,
                             nlohmann::json results) {
  auto links = page_links(req, page, count);
  return {{"count", count},
          {"next", nullable(links.next)},
          {"previous", nullable(links.previous)},
          {"results", std::move(results)}};
}

std::vector<OrderField> ordering(const http::Request& req, const std::vector<std::string>& allowed,
                                 const std::vector<OrderField>& fallback) {
  auto raw = req.query.get("ordering");
  if (!raw) return fallback;
  std::vector<OrderField> out;
  std::stringstream ss(*raw);
  std::string item;
  while (std::getline(ss, item, ',')) {
    OrderField f;
    if (!item.empty() && item[0] == '-') {
      f.descending = true;
      item = item.substr(1);
    }
    if (std::find(allowed.begin(), allowed.end(), item) == allowed.end()) continue;
    f.field = item;
    out.push_back(f);
  }
  return out.empty() ? fallback : out;
}

std::vector<std::string> search_terms(const http::Request& req) {
  std::vector<std::string> out;
  auto raw = req.query.get("search");
  if (!raw) return out;
  std::stringstream ss(*raw);
  std::string word;
  while (ss >> word) out.push_back(word);
  return out;
}

std::optional<std::int64_t> query_int(const http::Request& req, const std::string& name) {
  auto v = req.query.get(name);
  if (!v || v->empty()) return std::nullopt;
  return integer_parameter(name, *v);
}

std::vector<std::int64_t> query_int_list(const http::Request& req, const std::string& name) {
  std::vector<std::int64_t> values;
  auto v = req.query.get(name);
  if (!v || v->empty()) return values;
  std::size_t start = 0;
  while (true) {
    auto comma = v->find(',', start);
    values.push_back(integer_parameter(name, v->substr(start, comma - start)));
    if (comma == std::string::npos) return values;
    start = comma + 1;
  }
}

std::optional<std::string> query_date(const http::Request& req, const std::string& name) {
  auto v = req.query.get(name);
  if (!v || v->empty()) return std::nullopt;
  if (!parse_date(*v)) throw Error::field(name, "Date has wrong format. Use YYYY-MM-DD.");
  return *v;
}

std::optional<bool> query_bool(const http::Request& req, const std::string& name) {
  auto v = req.query.get(name);
  if (!v || v->empty()) return std::nullopt;
  if (*v == "true" || *v == "True" || *v == "1") return true;
  if (*v == "false" || *v == "False" || *v == "0") return false;
  throw Error::field(name, "Must be a valid boolean.");
}

std::optional<std::string> query_choice(const http::Request& req, const std::string& name,
                                        const std::vector<std::string>& choices) {
  auto v = req.query.get(name);
  if (!v || v->empty()) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *v) == choices.end())
    throw Error::field(name, i18n::args("\"{v}\" is not a valid choice.", {{"v", *v}}));
  return *v;
}

}  // namespace the5hc::api
