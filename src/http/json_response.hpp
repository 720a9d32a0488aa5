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

// The request body as a JSON object per API.md §1.1: a Content-Type other than application/json → 415,
// malformed JSON → 400 "Malformed JSON: {position}", anything but an object → 400 non_field_errors.
nlohmann::json json_body(const Request& req);

}  // namespace the5hc::http
