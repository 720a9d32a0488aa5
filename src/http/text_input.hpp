#pragma once
// What every text a request carries must be (issue 17, hostile input): valid UTF-8 without NUL or another C0
// control character (tab, line feed and carriage return are text), at most kMaxTextBytes long. Checked once for
// the query string and form bodies (text_input() middleware) and for JSON string values (json_body), so no store,
// template or JSON writer ever meets bytes it cannot handle.
#include <cstddef>
#include <string_view>

#include "http/handler.hpp"

namespace the5hc::http {

// 32 KiB: about ten thousand Korean characters, more than any note a trainer writes.
inline constexpr std::size_t kMaxTextBytes = 32 * 1024;

bool valid_utf8(std::string_view s);
// Throws Error::field(field, …) (400) for text that breaks the rules above.
void check_text(std::string_view field, std::string_view value);
// Checks the decoded query string and an application/x-www-form-urlencoded body.
Middleware text_input();

}  // namespace the5hc::http
