#pragma once
// What every list page shares (WEB.md §4): 20 rows a page, page links "이전 1 2 3 다음" (±2 pages), and links that
// keep the list's filters in the query string.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "http/message.hpp"
#include "web/view.hpp"

namespace the5hc::web {

constexpr int kPageSize = 20;

// A non-negative integer parameter (at most 9 digits), else nullopt.
std::optional<std::int64_t> number(const http::QueryParams& q, const char* name);
// A YYYY-MM-DD parameter with a real calendar day, else nullopt.
std::optional<std::string> day(const http::QueryParams& q, const char* name);
// ?page=N, at least 1.
int page_number(const http::QueryParams& q);

// The list's query string without `page` and `format` (and the keys of `set`, which are replaced), URL-encoded:
// links of the pager, the sort headers and the exports keep the filters. Values are percent-encoded, so they
// cannot leave the query.
std::string query_string(const http::QueryParams& q, std::initializer_list<std::pair<const char*, std::string>> set);

// The page links of `path` (e.g. "/clients/") for `count` rows, at `page`, for templates/_pager.html; they swap
// the element `target` (the list's id, e.g. "client-list").
json pager(const std::string& path, const std::string& target, const http::QueryParams& q, std::int64_t count,
           int page);

}  // namespace the5hc::web
