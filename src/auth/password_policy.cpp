#include "auth/password_policy.hpp"

#include <algorithm>
#include <unordered_set>

#include "common/embedded.hpp"
#include "common/error.hpp"

namespace the5hc::auth {

namespace {

// ASCII-only folding: the common list and the username alphabet (letters, digits, @.+-_) are ASCII in practice,
// and Hangul has no case. Non-ASCII bytes compare exactly.
std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// ASCII digits and their full-width forms (U+FF10..U+FF19, EF BC 90..99 in UTF-8), which Korean mobile
// keyboards can produce.
bool entirely_numeric(std::string_view s) {
  if (s.empty()) return false;
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  for (std::size_t i = 0; i < s.size();) {
    if (byte(i) >= '0' && byte(i) <= '9') {
      ++i;
    } else if (i + 2 < s.size() && byte(i) == 0xEF && byte(i + 1) == 0xBC && byte(i + 2) >= 0x90 &&
               byte(i + 2) <= 0x99) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

const std::unordered_set<std::string>& common_passwords() {
  // Built once from the embedded list (data/common-passwords.txt, one per line; from the ranked password list of
  // Dropbox's zxcvbn 4.4.2, MIT licence, plus passwords common in Korea).
  static const std::unordered_set<std::string> set = [] {
    auto text = embedded::find("data/common-passwords.txt");
    if (!text) throw Error(ErrorCode::internal, "data/common-passwords.txt is not embedded");
    std::unordered_set<std::string> s;
    std::size_t pos = 0;
    while (pos < text->size()) {
      auto nl = text->find('\n', pos);
      if (nl == std::string_view::npos) nl = text->size();
      auto line = text->substr(pos, nl - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) s.insert(ascii_lower(line));
      pos = nl + 1;
    }
    return s;
  }();
  return set;
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

bool is_common_password(std::string_view password) { return common_passwords().count(ascii_lower(password)) > 0; }

std::vector<std::string> check_password_policy(std::string_view password, std::string_view username,
                                               std::string_view email) {
  std::vector<std::string> errors;
  const auto length = utf8_length(password);
  if (length < kPasswordMinChars) errors.emplace_back(kPasswordTooShort);
  if (length > kPasswordMaxChars) errors.emplace_back(kPasswordTooLong);
  if (entirely_numeric(password)) errors.emplace_back(kPasswordEntirelyNumeric);
  if (is_common_password(password)) errors.emplace_back(kPasswordTooCommon);

  const auto lowered = ascii_lower(password);
  std::string_view local_part;
  if (auto at = email.rfind('@'); at != std::string_view::npos) local_part = email.substr(0, at);
  if ((!username.empty() && lowered == ascii_lower(username)) ||
      (!local_part.empty() && lowered == ascii_lower(local_part)))
    errors.emplace_back(kPasswordTooSimilar);
  return errors;
}

}  // namespace the5hc::auth
