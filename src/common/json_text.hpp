#pragma once
// JSON text for hot paths that should not pull in nlohmann-json or build its tree: string quoting (log lines, tiny
// bodies) and JsonWriter (the rows of the busiest API responses).
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace the5hc {

// Appends `s` as a JSON string literal (with quotes). UTF-8 passes through unescaped (Korean stays readable);
// control characters are escaped; bytes that are not valid UTF-8 become U+FFFD so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view s);
// Appends `v` in the shortest form that reads back the same ("70.0" for a whole number); NaN and infinities as null.
void append_json_number(std::string& out, double v);
inline std::string json_quote(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

// JSON written straight into one string, for the busiest responses (client and assessment lists and details).
// nlohmann::json first builds a tree of std::maps — a node and often a key string per field — and then walks it;
// for a page of clients that cost more than the queries behind it (issue 11). The writer appends as it goes:
//   JsonWriter w;
//   w.begin_object().field("id", 7).field("name", name).field("email", optional_email).end_object();
//   Response::json(200, w.take());
// Strings are quoted by append_json_string (UTF-8 kept, invalid bytes → U+FFFD); a double prints in the shortest
// form that reads back the same, "70.0" for a whole number — as nlohmann-json prints it, except where its grisu2
// gives a 17th digit that is not needed; NaN and infinities as null;
// an empty optional as null. Keys are written as given (they are literals of the code).
class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  // The next value belongs to this key of the current object. Keys are the code's own ASCII names: written as
  // they are (a key needing an escape is a programming error; JsonWriter's unit test checks the API's names), in
  // one step — a page of clients writes some 450 of them (issue 11).
  JsonWriter& key(std::string_view name) {
    before_value();
    const std::size_t at = out_.size();
    out_.resize(at + name.size() + 3);
    char* p = out_.data() + at;
    *p++ = '"';
    std::memcpy(p, name.data(), name.size());
    p += name.size();
    p[0] = '"';
    p[1] = ':';
    after_key_ = true;
    return *this;
  }
  JsonWriter& value(std::string_view v);
  JsonWriter& value(const std::string& v) { return value(std::string_view(v)); }
  JsonWriter& value(const char* v) { return value(std::string_view(v)); }
  JsonWriter& value(std::int64_t v);
  JsonWriter& value(int v) { return value(static_cast<std::int64_t>(v)); }
  JsonWriter& value(double v);
  JsonWriter& value(bool v);
  JsonWriter& null();
  template <class T>
  JsonWriter& value(const std::optional<T>& v) {
    return v ? value(*v) : null();
  }
  template <class T>
  JsonWriter& field(std::string_view name, const T& v) {
    return key(name).value(v);
  }
  // Room for `bytes` of text at once (a page of rows), instead of growing by doubling and copying.
  JsonWriter& reserve(std::size_t bytes) {
    out_.reserve(bytes);
    return *this;
  }
  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  // The comma between members or items (inline: called for every member).
  void before_value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!has_items_.empty()) {
      if (has_items_.back()) out_ += ',';
      has_items_.back() = 1;
    }
  }
  std::string out_;
  std::vector<char> has_items_;  // per open object or array: whether a member or item was written (not vector<bool>:
                                 // its bit arithmetic showed in the client list's profile)
  bool after_key_ = false;
};

}  // namespace the5hc
