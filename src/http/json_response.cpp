#include "http/json_response.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string_view>
#include <system_error>
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

// The usual body read by hand and fed to the same builder: nlohmann's lexer reads its input a byte at a time
// through an adapter and copies every token, about 90 instructions per byte of an assessment's body (issue 11).
// It reads strings without escapes, numbers, literals, objects and arrays — and gives up (false) on anything else:
// an escape, a byte outside plain UTF-8, a number nlohmann might read as another type, any syntax error. The body is
// then read again from its start by nlohmann, so what is accepted, what is refused and each message stay
// nlohmann's. Every token read here is one nlohmann reads alike, and the builder is called in nlohmann's order (a
// key before its colon is looked at), so up to the point of giving up the builder sees what it would have seen —
// including the duplicate key or the depth it refuses. Depth is bounded by the builder (kMaxJsonDepth).
class PlainJsonReader {
 public:
  PlainJsonReader(std::string_view text, JsonBodyBuilder& out) : s_(text), out_(out) {}
  bool read() {
    skip_space();
    if (!value()) return false;
    skip_space();
    return i_ == s_.size();
  }

 private:
  bool value() {
    if (i_ >= s_.size()) return false;
    switch (s_[i_]) {
      case '{': return container(true);
      case '[': return container(false);
      case '"': {
        std::string v;
        return string(v) && out_.string(v);
      }
      case 't': return literal("true") && out_.boolean(true);
      case 'f': return literal("false") && out_.boolean(false);
      case 'n': return literal("null") && out_.null();
      default: return number();
    }
  }
  // An object or an array: its items separated by commas, each object item a key, a colon and a value.
  bool container(bool object) {
    const char close = object ? '}' : ']';
    ++i_;
    object ? out_.start_object(std::size_t(-1)) : out_.start_array(std::size_t(-1));
    skip_space();
    for (bool first = true;; first = false) {
      if (at(close) && first) break;
      if (object) {
        std::string k;
        if (!at('"') || !string(k)) return false;
        out_.key(k);
        skip_space();
        if (!at(':')) return false;
        ++i_;
        skip_space();
      }
      if (!value()) return false;
      skip_space();
      if (at(close)) break;
      if (!at(',')) return false;
      ++i_;
      skip_space();
    }
    ++i_;
    return object ? out_.end_object() : out_.end_array();
  }
  // At the opening quote. Valid UTF-8 only (http::valid_utf8: no overlongs, no surrogates, nothing above U+10FFFF,
  // as nlohmann checks it); an escape or a control character gives up.
  bool string(std::string& out) {
    const std::size_t start = ++i_;
    while (i_ < s_.size() && s_[i_] != '"') {
      const auto c = static_cast<unsigned char>(s_[i_]);
      if (c == '\\' || c < 0x20) return false;
      ++i_;
    }
    if (i_ == s_.size()) return false;
    const std::string_view text = s_.substr(start, i_ - start);
    if (!valid_utf8(text)) return false;
    out.assign(text);
    ++i_;
    return true;
  }
  // JSON's number grammar. A whole number of up to 18 digits is the integer nlohmann makes of it (unsigned without a
  // sign, signed with one); other whole numbers are left to nlohmann (unsigned 64-bit or double). A fraction or an
  // exponent is the nearest double, as strtod reads it (from_chars: the same, whatever the locale); one beyond
  // double's range is left to nlohmann.
  bool number() {
    const std::size_t start = i_;
    const bool negative = at('-');
    if (negative) ++i_;
    if (at('0')) {
      ++i_;
    } else if (digit()) {
      while (digit()) ++i_;
    } else {
      return false;
    }
    bool whole = true;
    if (at('.')) {
      ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
      whole = false;
    }
    if (at('e') || at('E')) {
      ++i_;
      if (at('+') || at('-')) ++i_;
      if (!digit()) return false;
      while (digit()) ++i_;
      whole = false;
    }
    const char* first = s_.data() + start;
    const char* last = s_.data() + i_;
    if (whole) {
      if (last - first - (negative ? 1 : 0) > 18) return false;
      std::uint64_t v = 0;
      for (const char* p = first + (negative ? 1 : 0); p < last; ++p) v = v * 10 + static_cast<unsigned>(*p - '0');
      return negative ? out_.number_integer(-static_cast<std::int64_t>(v)) : out_.number_unsigned(v);
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || end != last || !std::isfinite(v)) return false;
    return out_.number_float(v, std::string(first, last));
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool at(char c) const { return i_ < s_.size() && s_[i_] == c; }
  bool digit() const { return i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9'; }
  void skip_space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\t' || s_[i_] == '\n' || s_[i_] == '\r')) ++i_;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  JsonBodyBuilder& out_;
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
  {
    JsonBodyBuilder plain(value);
    if (PlainJsonReader(req.body, plain).read()) {
      if (!value.is_object()) throw Error::field("non_field_errors", "A JSON object is required.");
      return value;
    }
  }
  value = nlohmann::json();  // given up: nlohmann reads the body again from its start
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
