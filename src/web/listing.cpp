#include "web/listing.hpp"

#include <algorithm>
#include <sstream>

#include "common/time.hpp"

namespace the5hc::web {

std::optional<std::string> choice(const http::QueryParams& q, const char* name, std::initializer_list<const char*> allowed) {
  auto v = q.get(name);
  if (!v) return std::nullopt;
  for (const char* a : allowed)
    if (*v == a) return v;
  return std::nullopt;
}

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

std::optional<std::int64_t> form_number(const http::QueryParams& f, const char* name, FieldErrors& errors) {
  auto n = number(f, name);
  if (!n && !f.get(name).value_or("").empty()) errors[name].push_back("A valid integer is required.");
  return n;
}

std::optional<std::string> form_day(const http::QueryParams& f, const char* name, FieldErrors& errors) {
  auto d = day(f, name);
  if (!d && !f.get(name).value_or("").empty()) errors[name].push_back("Date has wrong format. Use YYYY-MM-DD.");
  return d;
}

std::optional<std::string> text(const http::QueryParams& q, const char* name) {
  auto v = q.get(name);
  if (!v || v->find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  return v;
}

std::vector<std::string> search_words(const http::QueryParams& q) {
  std::vector<std::string> out;
  std::stringstream in(q.get("search").value_or(""));
  for (std::string w; in >> w;) out.push_back(w);
  return out;
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

json pager(const std::string& path, const http::QueryParams& q, std::int64_t count, int page, const std::string& target) {
  int pages = static_cast<int>((count + kPageSize - 1) / kPageSize);
  json out = {{"show", pages > 1}, {"links", json::array()}, {"target", target}};
  auto url = [&](int p) { return path + "?" + query_string(q, {{"page", p > 1 ? std::to_string(p) : ""}}); };
  if (page > 1) out["previous"] = url(page - 1);
  if (page < pages) out["next"] = url(page + 1);
  for (int p = std::max(1, page - 2); p <= std::min(pages, page + 2); ++p)
    out["links"].push_back({{"number", p}, {"url", url(p)}, {"current", p == page}});
  return out;
}

http::Response table_download(const service::Table& table, const std::string& format, const std::string& name,
                              TimePoint now) {
  std::string stamp = format_timestamp(now);  // the file's date: today (UTC is close enough for a name)
  std::string file = name + "_" + stamp.substr(0, 4) + stamp.substr(5, 2) + stamp.substr(8, 2) + "." + format;
  auto res = format == "csv"
                 ? http::Response::bytes(200, "text/csv; charset=utf-8", service::to_csv(table))
                 : http::Response::bytes(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                         service::to_xlsx(table));
  res.headers.set("Content-Disposition", "attachment; filename=\"" + file + "\"");
  res.headers.set("Cache-Control", "no-store");
  return res;
}

const char* score_class(std::optional<double> score) {
  if (!score) return "";
  if (*score >= 90) return "score-excellent";
  if (*score >= 80) return "score-good";
  if (*score >= 70) return "score-fair";
  if (*score >= 60) return "score-average";
  return "score-poor";
}

}  // namespace the5hc::web
