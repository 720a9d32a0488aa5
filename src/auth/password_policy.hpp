#pragma once
// Rules for new passwords (DOMAIN.md §7.3). Legacy passwords are not checked at login; a legacy password that
// fails these rules sets must_change_password instead.
#include <string>
#include <string_view>
#include <vector>

namespace the5hc::auth {

// Message ids (English); the Korean text of the catalog is in the comment beside each.
inline constexpr std::string_view kPasswordTooShort =
    "This password is too short. It must contain at least 8 characters.";  // 비밀번호는 8자 이상이어야 합니다.
// DOMAIN.md §7.3 gives one Korean text for the whole length rule; this Korean text for the upper bound is ours.
inline constexpr std::string_view kPasswordTooLong =
    "This password is too long. It must contain at most 128 characters.";  // 비밀번호는 128자 이하여야 합니다.
inline constexpr std::string_view kPasswordEntirelyNumeric =
    "This password is entirely numeric.";  // 비밀번호는 숫자로만 구성될 수 없습니다.
inline constexpr std::string_view kPasswordTooCommon = "This password is too common.";  // 너무 흔한 비밀번호입니다.
inline constexpr std::string_view kPasswordTooSimilar =
    "The password is too similar to the username.";  // 아이디와 너무 비슷한 비밀번호입니다.

inline constexpr std::size_t kPasswordMinChars = 8;
inline constexpr std::size_t kPasswordMaxChars = 128;

// The msgids of every rule `password` breaks, in the order above; empty = acceptable. Length counts Unicode code
// points of the UTF-8 text (a Hangul syllable is one character). `username` and `email` may be empty (e.g. not
// chosen yet), which skips the similarity rule for that value.
std::vector<std::string> check_password_policy(std::string_view password, std::string_view username,
                                               std::string_view email);

// Number of code points in UTF-8 text (bytes that do not continue a sequence).
std::size_t utf8_length(std::string_view text);

// True if `password` (any case) is in data/common-passwords.txt.
bool is_common_password(std::string_view password);

}  // namespace the5hc::auth
