#include "common/json_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace the5hc {
namespace {

// Length of the valid UTF-8 sequence at s[i], 0 when invalid (overlongs, surrogates, > U+10FFFF rejected).
size_t utf8_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  size_t n;
  if (c >= 0xC2 && c <= 0xDF) n = 2;
  else if (c >= 0xE0 && c <= 0xEF) n = 3;
  else if (c >= 0xF0 && c <= 0xF4) n = 4;
  else return 0;
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  if (c == 0xE0 && b(i + 1) < 0xA0) return 0;   // overlong
  if (c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
  if (c == 0xF0 && b(i + 1) < 0x90) return 0;   // overlong
  if (c == 0xF4 && b(i + 1) >= 0x90) return 0;  // > U+10FFFF
  return n;
}

}  // namespace

namespace {
// Bytes copied as they are inside a string: printable ASCII but the quote and the backslash. The others — control
// characters, DEL and the bytes of non-ASCII characters — are looked at one by one.
constexpr auto kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x7f; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  out.reserve(out.size() + s.size() + 2);
  out += '"';
  // A run of bytes that need no escape — plain ASCII and valid UTF-8 sequences (a Korean name is all one run) — is
  // appended at once.
  size_t run = 0;
  size_t i = 0;
  auto flush = [&] {
    if (i > run) out.append(s.data() + run, i - run);
  };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (kPlain[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (size_t n = utf8_length(s, i)) {
        i += n;
        continue;
      }
      flush();
      out += "\xEF\xBF\xBD";  // not valid UTF-8: U+FFFD, so the output stays valid JSON
      run = ++i;
      continue;
    }
    flush();
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:  // other control characters and DEL
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
    }
    run = ++i;
  }
  flush();
  out += '"';
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view v) {
  before_value();
  append_json_string(out_, v);
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t v) {
  before_value();
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out_.append(buf, end);
  return *this;
}

namespace {
// The usual figures — heights, weights, BMI, scores: whole or with one or two decimals — without to_chars' general
// shortest-digits search (a tenth of a client list's instructions, issue 11). k decimals are the shortest form when
// they read back as the same double (the division below is correctly rounded, as reading the text is) and fewer do
// not; below 1e9 the doubles are far closer together than 0.01, so no other k-decimal text reads back the same.
bool append_few_decimals(std::string& out, double v) {
  const double a = std::fabs(v);
  if (!(a < 1e9) || a == 0) return false;  // zero keeps its sign through to_chars ("-0.0")
  std::uint64_t scale = 1;
  for (int decimals = 0; decimals <= 2; ++decimals, scale *= 10) {
    const double units = std::nearbyint(a * static_cast<double>(scale));
    if (units / static_cast<double>(scale) != a) continue;
    auto n = static_cast<std::uint64_t>(units);
    char buf[32];
    char* p = buf + sizeof buf;
    for (int d = 0; d < std::max(decimals, 1); ++d) {  // a whole number still gets ".0", as nlohmann-json writes it
      *--p = static_cast<char>('0' + (decimals == 0 ? 0 : n % 10));
      if (decimals) n /= 10;
    }
    *--p = '.';
    do {
      *--p = static_cast<char>('0' + n % 10);
      n /= 10;
    } while (n);
    if (v < 0) *--p = '-';
    out.append(p, static_cast<std::size_t>(buf + sizeof buf - p));
    return true;
  }
  return false;
}
}  // namespace

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (append_few_decimals(out, v)) return;
  // nlohmann-json's form: the shortest digits that read back the same, fixed notation for 1e-4 ≤ |v| < 1e15 and
  // exponent notation beyond, and ".0" after a whole number so that it stays a float to the reader.
  char buf[64];
  const double a = std::fabs(v);
  const bool fixed = a == 0 || (a >= 1e-4 && a < 1e15);
  auto end = std::to_chars(buf, buf + sizeof buf, v, fixed ? std::chars_format::fixed : std::chars_format::scientific).ptr;
  std::string_view text(buf, static_cast<size_t>(end - buf));
  out += text;
  if (fixed && text.find('.') == std::string_view::npos) out += ".0";
}

JsonWriter& JsonWriter::value(double v) {
  before_value();
  append_json_number(out_, v);
  return *this;
}

JsonWriter& JsonWriter::value(bool v) {
  before_value();
  out_ += v ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace the5hc
