#pragma once
// What every list page and form reads from a query string or form body, and the pager of WEB.md §4 ("이전 / 1 2 3 /
// 다음", ±2 pages, 20 rows a page). Values outside what the page offers are ignored (nullopt), never an error.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/time.hpp"
#include "domain/label.hpp"
#include "http/message.hpp"
#include "service/spreadsheet.hpp"
#include "web/view.hpp"

namespace the5hc::web {

inline constexpr int kPageSize = 20;

// `name` when it is one of `allowed`.
std::optional<std::string> choice(const http::QueryParams& q, const char* name, std::initializer_list<const char*> allowed);
// A non-negative integer of at most 9 digits.
std::optional<std::int64_t> number(const http::QueryParams& q, const char* name);
// A real calendar day YYYY-MM-DD.
std::optional<std::string> day(const http::QueryParams& q, const char* name);
// The same for a form's optional field: empty or absent is nullopt, but anything else that is not a number (a day)
// is a field error in `errors`, so a save never silently drops what was sent (issue 17: "NaN" as the trainer).
std::optional<std::int64_t> form_number(const http::QueryParams& f, const char* name, FieldErrors& errors);
std::optional<std::string> form_day(const http::QueryParams& f, const char* name, FieldErrors& errors);
// Text; empty or only white space is absent.
std::optional<std::string> text(const http::QueryParams& q, const char* name);
// The words of ?search= (every one must match).
std::vector<std::string> search_words(const http::QueryParams& q);
// The 1-based page of ?page=.
int page_number(const http::QueryParams& q);

// The query string without `page` and `format` (and the names in `set`, which are put at the end when not empty),
// URL-encoded: the pager, sort headers and exports keep the filters. Percent-encoded values cannot leave the query.
std::string query_string(const http::QueryParams& q, std::initializer_list<std::pair<const char*, std::string>> set);

// Page links for `path` ("/clients/") with the query's filters; `target` is the list's element ("#client-list"),
// which the links swap (templates/_pager.html).
json pager(const std::string& path, const http::QueryParams& q, std::int64_t count, int page, const std::string& target);

// An export of a list (WEB.md §6): `table` as "csv" or "xlsx", named "<name>_YYYYMMDD.<format>" after `now`, as an
// attachment that is not cached.
http::Response table_download(const service::Table& table, const std::string& format, const std::string& name,
                              TimePoint now);

// CSS class of a score by the bands of DOMAIN.md §2.1 ("score-excellent" … "score-poor"); "" for none.
const char* score_class(std::optional<double> score);

inline std::string label(const domain::Label& l, Lang lang) { return lang == Lang::en ? l.en : l.ko; }

}  // namespace the5hc::web
