#include "common/i18n.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "common/embedded.hpp"

// Why a small .po parser instead of Boost.Locale's gnu_gettext: the catalog is plain UTF-8 with `{name}`
// placeholders (no plural forms, no locale-dependent formatting), and reading the embedded .po directly avoids a
// msgfmt build step, a generated .mo outside the source tree and std::locale plumbing per request. msgfmt --check
// still validates the file in the test suite (CMakeLists.txt, test "po_check").

namespace the5hc {

const char* lang_code(Lang lang) { return lang == Lang::en ? "en" : "ko"; }

namespace i18n {
namespace {

constexpr char kUnit = '\x1f';    // separates msgid and each key/value pair
constexpr char kRecord = '\x1e';  // separates a key from its value

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

const std::map<std::string, std::string>& korean() {
  // Every locale/ko/LC_MESSAGES/*.po is merged, so each area of the code keeps its own catalog file
  // (the5hc.po for the HTTP layer, accounts.po, records.po, ...) and parallel work does not collide in one file.
  static const std::map<std::string, std::string> catalog = [] {
    std::map<std::string, std::string> merged;
    for (const auto& f : embedded::all()) {
      if (!f.path.starts_with("locale/ko/LC_MESSAGES/") || !f.path.ends_with(".po")) continue;
      for (auto& [k, v] : parse_po(f.data)) merged.emplace(k, v);
    }
    return merged;
  }();
  return catalog;
}

using Values = std::vector<std::pair<std::string_view, std::string_view>>;

// Replaces every {key} of `text` by its value (the first one given for the key) in one pass. An inserted value is
// never searched again, so a user's text that looks like a placeholder stays literal and the output grows linearly
// (replacing key after key in place let one value expand another, quadratically — found by fuzz_po_catalog).
std::string substitute(std::string_view text, const Values& values) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    size_t open = text.find('{', i);
    size_t close = open == std::string_view::npos ? open : text.find('}', open + 1);
    if (close == std::string_view::npos) break;
    out.append(text.substr(i, open - i));
    std::string_view key = text.substr(open + 1, close - open - 1);
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; });
    if (it == values.end()) {
      out += '{';  // not ours: keep it, and look for a placeholder right after it ("{{n}}")
      i = open + 1;
    } else {
      out.append(it->second);
      i = close + 1;
    }
  }
  if (i < text.size()) out.append(text.substr(i));
  return out;
}

// Reads one C-style quoted string starting at s[0] == '"'; returns the decoded text and advances s.
std::string read_quoted(std::string_view& s, size_t line_no) {
  std::string out;
  size_t i = 1;
  for (; i < s.size() && s[i] != '"'; ++i) {
    if (s[i] != '\\') {
      out += s[i];
      continue;
    }
    if (++i == s.size()) break;
    switch (s[i]) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      default: throw std::runtime_error("po line " + std::to_string(line_no) + ": unknown escape");
    }
  }
  if (i >= s.size()) throw std::runtime_error("po line " + std::to_string(line_no) + ": unterminated string");
  s.remove_prefix(i + 1);
  return out;
}

}  // namespace

Lang parse(std::string_view code, Lang fallback) {
  std::string c = lower(trim(code));
  if (c == "en" || c.starts_with("en-") || c.starts_with("en_")) return Lang::en;
  if (c == "ko" || c.starts_with("ko-") || c.starts_with("ko_")) return Lang::ko;
  return fallback;
}

Lang negotiate(std::string_view header) {
  // Best q and position for each language; explicit tags beat '*' at equal q, earlier beats later.
  struct Pref { double q = -1; int rank = 0; size_t pos = 0; };
  Pref en, ko;
  double star = -1;
  size_t pos = 0;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    std::string_view tag = trim(item.substr(0, item.find(';')));
    double q = 1.0;
    for (size_t semi = item.find(';'); semi != std::string_view::npos;) {
      size_t next = item.find(';', semi + 1);
      std::string_view p = trim(item.substr(semi + 1, next == std::string_view::npos ? next : next - semi - 1));
      if (p.size() > 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
        try {
          q = std::stod(std::string(p.substr(2)));
        } catch (...) {
          q = 0;  // a malformed weight disqualifies the entry rather than the whole header
        }
      }
      semi = next;
    }
    if (tag.empty()) continue;
    ++pos;
    std::string t = lower(tag);
    Pref* target = nullptr;
    if (t == "*") {
      star = std::max(star, q);
      continue;
    }
    if (t == "en" || t.starts_with("en-")) target = &en;
    else if (t == "ko" || t.starts_with("ko-")) target = &ko;
    if (target && (q > target->q)) *target = Pref{q, 1, pos};
  }
  if (en.q < 0 && star >= 0) en = Pref{star, 0, 1000000};
  if (ko.q < 0 && star >= 0) ko = Pref{star, 0, 1000000};
  if (en.q <= 0) return Lang::ko;
  if (en.q > ko.q) return Lang::en;
  if (en.q == ko.q && (en.rank > ko.rank || (en.rank == ko.rank && en.pos < ko.pos))) return Lang::en;
  return Lang::ko;
}

std::string args(std::string_view msgid, std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string out(msgid);
  for (const auto& [k, v] : values) {
    out += kUnit;
    out += k;
    out += kRecord;
    out += v;
  }
  return out;
}

std::string_view msgid_of(std::string_view message) { return message.substr(0, message.find(kUnit)); }

std::string translate(Lang lang, std::string_view message, const std::map<std::string, std::string>& extra) {
  std::string_view id = msgid_of(message);
  std::string out(id);
  if (lang == Lang::ko) {
    const auto& cat = korean();
    if (auto it = cat.find(out); it != cat.end()) out = it->second;
  }
  Values values;
  if (id.size() < message.size()) {
    std::string_view rest = message.substr(id.size() + 1);
    while (!rest.empty()) {
      size_t end = rest.find(kUnit);
      std::string_view pair = rest.substr(0, end);
      size_t sep = pair.find(kRecord);
      if (sep != std::string_view::npos) values.emplace_back(pair.substr(0, sep), pair.substr(sep + 1));
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
    }
  }
  for (const auto& [k, v] : extra) values.emplace_back(k, v);
  return values.empty() ? out : substitute(out, values);
}

std::map<std::string, std::string> parse_po(std::string_view text) {
  std::map<std::string, std::string> out;
  std::string ctx, id, str;
  bool fuzzy = false, have_id = false, have_ctx = false;
  std::string* current = nullptr;
  auto flush = [&] {
    if (have_id && !id.empty() && !str.empty() && !fuzzy) out[have_ctx ? ctx + '\x04' + id : id] = str;
    ctx.clear(), id.clear(), str.clear();
    fuzzy = have_id = have_ctx = false;
    current = nullptr;
  };
  size_t line_no = 0;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line[0] == '#') {
      if (line.starts_with("#,") && line.find("fuzzy") != std::string_view::npos) {
        if (have_id) flush();
        fuzzy = true;
      }
      continue;
    }
    auto keyword = [&](std::string_view kw) {
      if (!line.starts_with(kw)) return false;
      std::string_view rest = trim(line.substr(kw.size()));
      if (rest.empty() || rest[0] != '"') return false;
      line = rest;
      return true;
    };
    if (keyword("msgctxt")) {
      if (have_id) flush();
      have_ctx = true;
      current = &ctx;
    } else if (keyword("msgid_plural")) {
      current = nullptr;  // plural forms are not used by The5HC; keep msgstr[0] as the translation
    } else if (keyword("msgid")) {
      if (have_id) flush();
      have_id = true;
      current = &id;
    } else if (keyword("msgstr[0]") || keyword("msgstr")) {
      current = &str;
    } else if (line.starts_with("msgstr[")) {
      current = nullptr;
      continue;
    } else if (line[0] != '"') {
      throw std::runtime_error("po line " + std::to_string(line_no) + ": unexpected text");
    }
    std::string value = read_quoted(line, line_no);
    if (!trim(line).empty()) throw std::runtime_error("po line " + std::to_string(line_no) + ": text after string");
    if (current) *current += value;
  }
  flush();
  return out;
}

size_t catalog_size() { return korean().size(); }

}  // namespace i18n
}  // namespace the5hc
