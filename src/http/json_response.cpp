#include "http/json_response.hpp"

#include "common/error.hpp"
#include "common/i18n.hpp"

namespace the5hc::http {

std::string dump_json(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json json_body(const Request& req) {
  std::string type = req.media_type();
  if (type != "application/json" && !(type.starts_with("application/") && type.ends_with("+json"))) {
    Error e(ErrorCode::unsupported_media,
            i18n::args("Unsupported media type \"{media_type}\" in request.", {{"media_type", type}}));
    throw e;
  }
  nlohmann::json value;
  try {
    value = nlohmann::json::parse(req.body);
  } catch (const nlohmann::json::parse_error& e) {
    // nlohmann's byte offset is what a client can act on; its message text is English-only and verbose.
    size_t offset = e.byte > 0 ? std::min<size_t>(e.byte - 1, req.body.size()) : 0;
    size_t line = 1, column = 1;
    for (size_t i = 0; i < offset; ++i) {
      if (req.body[i] == '\n') ++line, column = 1;
      else ++column;
    }
    std::string position =
        "line " + std::to_string(line) + " column " + std::to_string(column) + " (char " + std::to_string(offset) + ")";
    throw Error(ErrorCode::bad_request, i18n::args("Malformed JSON: {position}", {{"position", position}}));
  }
  if (!value.is_object()) throw Error::field("non_field_errors", "A JSON object is required.");
  return value;
}

}  // namespace the5hc::http
