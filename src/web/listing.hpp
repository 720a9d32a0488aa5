#pragma once
// What list pages and their filter forms share (WEB.md §4): reading filter values from the query string (only
// the choices a form offers; anything else is ignored), the query string of pager and sort links, the pager
// "이전 1 2 3 다음", score colours and labels in the request's language.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>

#include "common/i18n.hpp"
#include "domain/label.hpp"
#include "http/message.hpp"
#include "web/view.hpp"

namespace the5hc::web {

std::optional<std::string> choice(const http::QueryParams& q, const char* name,
                                  std::initializer_list<const char*> allowed);
// A non-negative whole number of at most 9 digits (ids, ages, pages).
std::optional<std::int64_t> number(const http::QueryParams& q, const char* name);
// A YYYY-MM-DD date.
std::optional<std::string> day(const http::QueryParams& q, const char* name);

// The query string without `page` and `format` (and the names in `set`, replaced by their values), URL-encoded:
// links of the pager, the sort headers and the exports keep the filters.
std::string query_string(const http::QueryParams& q, std::initializer_list<std::pair<const char*, std::string>> set);

// Page links of `path` ("/clients/") ±2 pages around `page`, swapping `target` ("#client-list"); the template
// is the partial _pager.
json pager(const std::string& path, const std::string& target, const http::QueryParams& q, std::int64_t count, int page,
           int page_size);

// CSS class of a score by the bands of DOMAIN.md §2.1 ("score-excellent" … "score-poor"); "" for none.
const char* score_class(std::optional<double> score);

inline std::string label(const domain::Label& l, Lang lang) { return lang == Lang::en ? l.en : l.ko; }

}  // namespace the5hc::web
