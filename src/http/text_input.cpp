#include "http/text_input.hpp"

#include <string>

#include "common/error.hpp"

namespace the5hc::http {

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // overlong forms, UTF-16 surrogates and code points beyond U+10FFFF are not UTF-8
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += n;
  }
  return true;
}

void check_text(std::string_view field, std::string_view value) {
  const std::string name = field.empty() || !valid_utf8(field) ? "non_field_errors" : std::string(field);
  if (value.size() > kMaxTextBytes) throw Error::field(name, "This text is too long.");  // 텍스트가 너무 깁니다.
  bool control = false;
  for (char c : value)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') control = true;
  if (control || !valid_utf8(value))
    throw Error::field(name, "Enter valid text without control characters.");  // 제어 문자가 없는 올바른 텍스트를 입력하세요.
}

Middleware text_input() {
  return [](Request& req, const Handler& next) {
    auto check = [](const QueryParams& params) {
      for (const auto& [name, value] : params) {
        check_text("non_field_errors", name);
        check_text(name, value);
      }
    };
    check(req.query);
    if (req.media_type() == "application/x-www-form-urlencoded") check(QueryParams::parse(req.body));
    return next(req);
  };
}

}  // namespace the5hc::http
