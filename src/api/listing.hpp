#pragma once
// List endpoints' conventions (API.md §1.5): ?page / ?page_size (default 20, max 100, clamped), the
// {count, next, previous, results} envelope with absolute links keeping the other parameters, ?ordering (comma
// list, '-' for descending, unknown fields ignored, ties by -id) and ?search (every word must match).
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/json_text.hpp"
#include "http/message.hpp"
#include "store/sort.hpp"

namespace the5hc::api {

struct PageRequest {
  int page = 1;
  int page_size = 20;
  int offset() const { return (page - 1) * page_size; }
};
// Throws 404 "Invalid page." for a page that is not a positive integer.
PageRequest page_request(const http::Request& req);

// "https://host/path" for links in responses: the request's own scheme and host (a trusted proxy's when behind one).
std::string absolute_url(const http::Request& req, std::string_view path);

// The envelope; throws 404 "Invalid page." when page > 1 lies beyond the last page.
nlohmann::json page_envelope(const http::Request& req, const PageRequest& page, std::int64_t count,
                             nlohmann::json results);
// Its links (absent at the ends); throws 404 "Invalid page." as page_envelope does.
struct PageLinks {
  std::optional<std::string> next, previous;
};
PageLinks page_links(const http::Request& req, const PageRequest& page, std::int64_t count);
// The same envelope as JSON text, each row written by write_row(JsonWriter&, row): for the busiest lists, whose
// rows are written with a JsonWriter instead of built as nlohmann::json (common/json_text.hpp).
template <class Rows, class WriteRow>
std::string page_envelope_text(const http::Request& req, const PageRequest& page, std::int64_t count,
                               const Rows& rows, WriteRow write_row) {
  auto links = page_links(req, page, count);
  JsonWriter w;
  w.reserve(256 + 768 * rows.size());  // a client or assessment row is about 600 bytes
  w.begin_object().field("count", count).field("next", links.next).field("previous", links.previous);
  w.key("results").begin_array();
  for (const auto& row : rows) write_row(w, row);
  w.end_array().end_object();
  return w.take();
}

struct OrderField {
  std::string field;
  bool descending = false;
};
// Parsed ?ordering with only the allowed API field names kept; `fallback` when nothing usable was given.
std::vector<OrderField> ordering(const http::Request& req, const std::vector<std::string>& allowed,
                                 const std::vector<OrderField>& fallback);
// ?ordering as the list's typed sort keys: `fields` maps the API field names to them. Empty (the list's default
// order) when nothing usable was given.
template <class Key>
store::Sort<Key> sort_keys(const http::Request& req, const std::vector<std::pair<std::string, Key>>& fields) {
  std::vector<std::string> allowed;
  for (const auto& [name, key] : fields) allowed.push_back(name);
  store::Sort<Key> sort;
  for (const auto& f : ordering(req, allowed, {}))
    for (const auto& [name, key] : fields)
      if (name == f.field) sort.push_back({key, f.descending});
  return sort;
}

// ?search split on white space (empty when absent).
std::vector<std::string> search_terms(const http::Request& req);

// Optional typed query parameters; malformed values → 400 with the parameter as the field.
std::optional<std::int64_t> query_int(const http::Request& req, const std::string& name);
std::optional<std::string> query_date(const http::Request& req, const std::string& name);
std::optional<bool> query_bool(const http::Request& req, const std::string& name);
// A comma list of integers ("1,2,3"); empty when absent; any malformed item → 400 for the parameter.
std::vector<std::int64_t> query_int_list(const http::Request& req, const std::string& name);
// One of `choices`, else 400 "\"{v}\" is not a valid choice." for that parameter.
std::optional<std::string> query_choice(const http::Request& req, const std::string& name,
                                        const std::vector<std::string>& choices);

}  // namespace the5hc::api
