#include "web/listing.hpp"

#include <algorithm>

#include "common/time.hpp"

namespace the5hc::web {

std::optional<std::int64_t> number(const http::QueryParams& q, const char* name) {
  auto v = q.get(name);
  if (!v || v->empty() || v->size() > 9 || v->find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(*v);
}

std::optional<std::string> day(const http::QueryParams& q, const char* name) {
  auto v = q.get(name);
  if (!v || !parse_date(*v)) return std::nullopt;
  return v;
}

int page_number(const http::QueryParams& q) {
  return static_cast<int>(std::max<std::int64_t>(1, number(q, "page").value_or(1)));
}

std::string query_string(const http::QueryParams& q, std::initializer_list<std::pair<const char*, std::string>> set) {
  std::string out;
  auto append = [&](const std::string& k, const std::string& v) {
    if (v.empty()) return;
    out += (out.empty() ? "" : "&") + http::url_encode(k) + "=" + http::url_encode(v);
  };
  for (const auto& [k, v] : q) {
    bool replaced = k == "page" || k == "format";
    for (const auto& [name, value] : set) replaced = replaced || k == name;
    if (!replaced) append(k, v);
  }
  for (const auto& [name, value] : set) append(name, value);
  return out;
}

json pager(const std::string& path, const std::string& target, const http::QueryParams& q, std::int64_t count,
           int page) {
  int pages = static_cast<int>((count + kPageSize - 1) / kPageSize);
  json out = {{"show", pages > 1}, {"target", target}, {"links", json::array()}};
  auto url = [&](int p) { return path + "?" + query_string(q, {{"page", p > 1 ? std::to_string(p) : ""}}); };
  if (page > 1) out["previous"] = url(page - 1);
  if (page < pages) out["next"] = url(page + 1);
  for (int p = std::max(1, page - 2); p <= std::min(pages, page + 2); ++p)
    out["links"].push_back({{"number", p}, {"url", url(p)}, {"current", p == page}});
  return out;
}

}  // namespace the5hc::web
