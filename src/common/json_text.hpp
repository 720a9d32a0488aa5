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
// The same two written at `p`, which has room for json_string_room(s.size()) or kJsonNumberRoom bytes; they return
// the end of what they wrote. (JsonWriter writes into its buffer this way: one room check per value instead of a
// std::string append, with its own checks, for every quote and run.)
char* write_json_string(char* p, std::string_view s);
char* write_json_number(char* p, double v);
constexpr std::size_t json_string_room(std::size_t bytes) { return 6 * bytes + 2; }  // a byte is at most \u00XX
inline constexpr std::size_t kJsonNumberRoom = 64;
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
    char* p = room(name.size() + 4);
    p = before_value(p);
    *p++ = '"';
    std::memcpy(p, name.data(), name.size());
    p += name.size();
    p[0] = '"';
    p[1] = ':';
    used_ = static_cast<std::size_t>(p + 2 - out_.data());
    after_key_ = true;
    return *this;
  }
  // A key that is data rather than the code's own name (a questionnaire category's code): quoted like a value.
  JsonWriter& data_key(std::string_view name);
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
    room(bytes);
    return *this;
  }
  std::string_view text() const { return {out_.data(), used_}; }
  std::string take() {
    out_.resize(used_);
    used_ = 0;
    return std::move(out_);
  }

 private:
  // out_ is a buffer whose first used_ bytes are the text: room(n) makes n more bytes writable and returns where
  // they begin; a writer then sets used_ to its end.
  char* room(std::size_t n) {
    if (out_.size() - used_ < n) grow(n);
    return out_.data() + used_;
  }
  void grow(std::size_t n);
  // The comma between members or items, written at p (room for one byte); returns the end (inline: called for
  // every member).
  char* before_value(char* p) {
    if (after_key_) {
      after_key_ = false;
      return p;
    }
    if (!has_items_.empty()) {
      if (has_items_.back()) *p++ = ',';
      has_items_.back() = 1;
    }
    return p;
  }
  // Writes `text` as the next value.
  JsonWriter& raw_value(std::string_view text);
  std::string out_;
  std::size_t used_ = 0;
  std::vector<char> has_items_;  // per open object or array: whether a member or item was written (not vector<bool>:
                                 // its bit arithmetic showed in the client list's profile)
  bool after_key_ = false;
};

}  // namespace the5hc
