#include "http/json_response.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

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

// Builds the body's tree as nlohmann's own parser does, refusing hostile input (issue 17) while parsing, before
// anything more is built: a duplicate key (which copy wins differs between parsers), nesting deeper than any body of
// ours, and keys or strings that break http::check_text(). Its own builder rather than json::parse's callback, which
// copies every key and keeps a set of them per object: that was a fifth of an assessment create (issue 11).
class JsonBodyBuilder {
 public:
  using json = nlohmann::json;
  explicit JsonBodyBuilder(json& root) : root_(root) {}

  bool null() { return scalar(nullptr); }
  bool boolean(bool v) { return scalar(v); }
  bool number_integer(json::number_integer_t v) { return scalar(v); }
  bool number_unsigned(json::number_unsigned_t v) { return scalar(v); }
  bool number_float(json::number_float_t v, const std::string&) { return scalar(v); }
  bool binary(json::binary_t&) { return true; }  // JSON text has none
  bool string(std::string& v) {
    check_depth();
    check_text(field_ ? *field_ : std::string(), v);  // checked with the latest key, as an array's items are
    add(std::move(v));
    return true;
  }
  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    check_depth();
    check_text("non_field_errors", k);
    auto placed = open_.back()->get_ref<json::object_t&>().try_emplace(std::move(k));
    if (!placed.second)
      throw Error(ErrorCode::bad_request,
                  i18n::args("Malformed JSON: duplicate key \"{key}\".", {{"key", placed.first->first}}));
    field_ = &placed.first->first;  // a map's keys stay put
    member_ = &placed.first->second;
    return true;
  }
  // Syntax errors and numbers beyond double (1e309) arrive here as nlohmann's exceptions; json_body maps them.
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception& e) {
    throw e;
  }

 private:
  // A value at more than kMaxJsonDepth open containers is refused, as json::parse's callback counted depth.
  void check_depth() const {
    if (open_.size() > static_cast<std::size_t>(kMaxJsonDepth))
      throw Error(ErrorCode::bad_request, "Malformed JSON: nested too deeply.");
  }
  template <class V>
  bool scalar(V&& v) {
    check_depth();
    add(std::forward<V>(v));
    return true;
  }
  template <class V>
  json* add(V&& v) {
    if (open_.empty()) return &(root_ = json(std::forward<V>(v)));
    if (open_.back()->is_array()) return &open_.back()->get_ref<json::array_t&>().emplace_back(std::forward<V>(v));
    *member_ = json(std::forward<V>(v));
    return member_;
  }
  bool open(json::value_t type) {
    check_depth();
    open_.push_back(add(type));
    return true;
  }
  bool close() {
    open_.pop_back();
    return true;
  }

  json& root_;
  std::vector<json*> open_;           // the containers being filled, outermost first
  json* member_ = nullptr;            // where the value after the latest key goes
  const std::string* field_ = nullptr;  // the latest key
};

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
  JsonBodyBuilder builder(value);
  try {
    nlohmann::json::sax_parse(req.body, &builder);
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
