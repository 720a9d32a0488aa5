#include "common/json_text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

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

// Whether the 8 bytes at p are all plain (kPlain), tested at once: a timestamp or an e-mail address is then skipped
// 8 bytes per step instead of one (the strings of a page of clients were 8 % of its instructions, issue 11). The
// tests are the word-at-a-time ones of "Bit Twiddling Hacks" (hasless, hasmore, haszero); each is exact as to
// whether any byte matches, which is all that is asked here.
bool plain8(const char* p) {
  std::uint64_t x;
  std::memcpy(&x, p, 8);
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  auto has_zero = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
  const std::uint64_t below_space = (x - ones * 0x20) & ~x & highs;  // a control character
  const std::uint64_t above_tilde = ((x + ones * (0x7f - 0x7e)) | x) & highs;  // DEL or a non-ASCII byte
  return (below_space | above_tilde | has_zero(x ^ (ones * '"')) | has_zero(x ^ (ones * '\\'))) == 0;
}
}  // namespace

char* write_json_string(char* p, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  *p++ = '"';
  // A run of bytes that need no escape — plain ASCII and valid UTF-8 sequences (a Korean name is all one run) — is
  // copied at once.
  size_t run = 0;
  size_t i = 0;
  auto flush = [&] {
    if (i > run) {
      std::memcpy(p, s.data() + run, i - run);
      p += i - run;
    }
  };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (kPlain[c]) {
      i += i + 8 <= s.size() && plain8(s.data() + i) ? 8 : 1;
      continue;
    }
    if (c >= 0x80) {
      if (size_t n = utf8_length(s, i)) {
        i += n;
        continue;
      }
      flush();
      std::memcpy(p, "\xEF\xBF\xBD", 3);  // not valid UTF-8: U+FFFD, so the output stays valid JSON
      p += 3;
      run = ++i;
      continue;
    }
    flush();
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      case '\b': *p++ = 'b'; break;
      case '\f': *p++ = 'f'; break;
      default:  // other control characters and DEL
        std::memcpy(p, "u00", 3);
        p[3] = hex[c >> 4];
        p[4] = hex[c & 15];
        p += 5;
    }
    run = ++i;
  }
  flush();
  *p++ = '"';
  return p;
}

void append_json_string(std::string& out, std::string_view s) {
  const std::size_t at = out.size();
  out.resize(at + json_string_room(s.size()));
  out.resize(static_cast<std::size_t>(write_json_string(out.data() + at, s) - out.data()));
}

void JsonWriter::grow(std::size_t n) {
  // Doubling, so a page's appends copy its text a few times at most; the bytes beyond used_ are only ever written.
  out_.resize(std::max(out_.size() * 2, used_ + n));
}

JsonWriter& JsonWriter::raw_value(std::string_view text) {
  char* p = before_value(room(text.size() + 1));
  std::memcpy(p, text.data(), text.size());
  used_ = static_cast<std::size_t>(p + text.size() - out_.data());
  return *this;
}

JsonWriter& JsonWriter::begin_object() {
  raw_value("{");
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  *room(1) = '}';
  ++used_;
  has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  raw_value("[");
  has_items_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  *room(1) = ']';
  ++used_;
  has_items_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::data_key(std::string_view name) {
  char* p = write_json_string(before_value(room(json_string_room(name.size()) + 2)), name);
  *p++ = ':';
  used_ = static_cast<std::size_t>(p - out_.data());
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view v) {
  char* p = before_value(room(json_string_room(v.size()) + 1));
  used_ = static_cast<std::size_t>(write_json_string(p, v) - out_.data());
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t v) {
  char* p = before_value(room(24 + 1));
  used_ = static_cast<std::size_t>(std::to_chars(p, p + 24, v).ptr - out_.data());
  return *this;
}

namespace {
// The usual figures — heights, weights, BMI, scores: whole or with one or two decimals — without to_chars' general
// shortest-digits search (a tenth of a client list's instructions, issue 11). k decimals are the shortest form when
// they read back as the same double (the division below is correctly rounded, as reading the text is) and fewer do
// not; below 1e9 the doubles are far closer together than 0.01, so no other k-decimal text reads back the same.
// Writes at out and returns the end, or nullptr when v is not such a figure.
char* write_few_decimals(char* out, double v) {
  const double a = std::fabs(v);
  if (!(a < 1e9) || a == 0) return nullptr;  // zero keeps its sign through to_chars ("-0.0")
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
    const auto size = static_cast<std::size_t>(buf + sizeof buf - p);
    std::memcpy(out, p, size);
    return out + size;
  }
  return nullptr;
}
}  // namespace

char* write_json_number(char* p, double v) {
  if (!std::isfinite(v)) {
    std::memcpy(p, "null", 4);
    return p + 4;
  }
  if (char* end = write_few_decimals(p, v)) return end;
  // nlohmann-json's form: the shortest digits that read back the same, fixed notation for 1e-4 ≤ |v| < 1e15 and
  // exponent notation beyond, and ".0" after a whole number so that it stays a float to the reader.
  const double a = std::fabs(v);
  const bool fixed = a == 0 || (a >= 1e-4 && a < 1e15);
  const auto format = fixed ? std::chars_format::fixed : std::chars_format::scientific;
  char* end = std::to_chars(p, p + kJsonNumberRoom - 2, v, format).ptr;
  if (fixed && std::find(p, end, '.') == end) {
    end[0] = '.';
    end[1] = '0';
    end += 2;
  }
  return end;
}

void append_json_number(std::string& out, double v) {
  const std::size_t at = out.size();
  out.resize(at + kJsonNumberRoom);
  out.resize(static_cast<std::size_t>(write_json_number(out.data() + at, v) - out.data()));
}

JsonWriter& JsonWriter::value(double v) {
  char* p = before_value(room(kJsonNumberRoom + 1));
  used_ = static_cast<std::size_t>(write_json_number(p, v) - out_.data());
  return *this;
}

JsonWriter& JsonWriter::value(bool v) { return raw_value(v ? "true" : "false"); }

JsonWriter& JsonWriter::null() { return raw_value("null"); }

}  // namespace the5hc
