#include "http/json_response.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <set>
#include <sstream>
#include <vector>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/json_tree.hpp"
#include "http/text_input.hpp"

namespace the5hc::http {

std::string dump_json(const nlohmann::json& value) { return json_text(value); }

namespace {

void add_field(nlohmann::json& out, const std::string& name, std::string value) {
  if (!out.contains(name)) {
    out[name] = std::move(value);
    return;
  }
  auto& field = out[name];
  if (!field.is_array()) field = nlohmann::json::array({field});
  field.push_back(std::move(value));
}

[[noreturn]] void malformed_form() { throw Error(ErrorCode::bad_request, "Malformed form data."); }

nlohmann::json form_fields(const Request& req) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [name, value] : QueryParams::parse(req.body)) add_field(out, name, value);
  return out;
}

// RFC 7578: parts separated by "--boundary" lines, each with headers (Content-Disposition: form-data;
// name="..."[; filename="..."]) and its content; the last delimiter is "--boundary--".
nlohmann::json multipart_fields(const Request& req) {
  Poco::Net::NameValueCollection params;
  std::string media;
  Poco::Net::MessageHeader::splitParameters(req.header("Content-Type"), media, params);
  const std::string boundary = params.get("boundary", "");
  if (boundary.empty() || boundary.size() > 70) malformed_form();
  nlohmann::json out = nlohmann::json::object();
  try {
    std::istringstream in(req.body);
    Poco::Net::MultipartReader reader(in, boundary);
    while (reader.hasNextPart()) {
      Poco::Net::MessageHeader part;
      reader.nextPart(part);
      std::string disposition;
      Poco::Net::NameValueCollection disposition_params;
      Poco::Net::MessageHeader::splitParameters(part.get("Content-Disposition", ""), disposition,
                                                disposition_params);
      if (Poco::icompare(disposition, "form-data") != 0 || !disposition_params.has("name")) malformed_form();
      std::string value;
      Poco::StreamCopier::copyToString(reader.stream(), value);
      add_field(out, disposition_params.get("name"), std::move(value));
    }
  } catch (const Poco::Exception&) {
    malformed_form();
  }
  return out;
}

}  // namespace

nlohmann::json json_body(const Request& req) {
  std::string type = req.media_type();
  if (type == "application/x-www-form-urlencoded") return form_fields(req);
  if (type == "multipart/form-data") return multipart_fields(req);
  if (type != "application/json" && !(type.starts_with("application/") && type.ends_with("+json"))) {
    Error e(ErrorCode::unsupported_media,
            i18n::args("Unsupported media type \"{media_type}\" in request.", {{"media_type", type}}));
    throw e;
  }
  nlohmann::json value;
  // Hostile input (issue 17): a duplicate key (which copy wins differs between parsers), nesting deeper than any
  // body of ours and strings that break http::check_text() are refused while parsing, before anything is built.
  std::vector<std::set<std::string>> keys;
  std::string field;
  auto check = [&](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    using Event = nlohmann::json::parse_event_t;
    if (depth > kMaxJsonDepth) throw Error(ErrorCode::bad_request, "Malformed JSON: nested too deeply.");
    if (event == Event::object_start) keys.emplace_back();
    else if (event == Event::object_end && !keys.empty()) keys.pop_back();
    else if (event == Event::key) {
      field = parsed.get<std::string>();
      check_text("non_field_errors", field);
      if (!keys.empty() && !keys.back().insert(field).second)
        throw Error(ErrorCode::bad_request,
                    i18n::args("Malformed JSON: duplicate key \"{key}\".", {{"key", field}}));
    } else if (event == Event::value && parsed.is_string()) {
      check_text(field, parsed.get_ref<const std::string&>());
    }
    return true;
  };
  try {
    value = nlohmann::json::parse(req.body, check);
  } catch (const nlohmann::json::out_of_range&) {
    throw Error(ErrorCode::bad_request, "Malformed JSON: a number is out of range.");  // 1e309
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
