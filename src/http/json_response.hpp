#pragma once
// JSON helpers for handlers that build bodies with nlohmann-json (kept out of http/message.hpp on purpose).
#include <nlohmann/json.hpp>

#include "http/message.hpp"

namespace the5hc::http {

// UTF-8 kept as is (Korean is not \u-escaped, API.md §1.1); invalid bytes become U+FFFD instead of throwing.
std::string dump_json(const nlohmann::json& value);
inline Response json_response(int status, const nlohmann::json& value) {
  return Response::json(status, dump_json(value));
}

// The request body of a write as a JSON object per API.md §1.1:
// - application/json (or application/*+json): malformed → 400 "Malformed JSON: {position}", anything but an object
//   → 400 non_field_errors; a duplicate key, nesting deeper than kMaxJsonDepth, a number beyond double (1e309) or
//   a string that http::check_text() refuses → 400 as well;
// - application/x-www-form-urlencoded and multipart/form-data: every field a string (a file part's
//   content too), a field given more than once a list of strings; a malformed body → 400 "Malformed form data.";
// - any other Content-Type → 415.
inline constexpr int kMaxJsonDepth = 16;
nlohmann::json json_body(const Request& req);

}  // namespace the5hc::http
