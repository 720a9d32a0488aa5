#include <gtest/gtest.h>

#include <set>

#include "auth/password_policy.hpp"
#include "common/embedded.hpp"

using namespace the5hc;
using namespace the5hc::auth;

namespace {
using Errors = std::vector<std::string>;

Errors check(std::string_view pw, std::string_view username = "coach_kim", std::string_view email = "kim@studio.kr") {
  return check_password_policy(pw, username, email);
}

std::string repeat(std::string_view unit, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += unit;
  return s;
}
}  // namespace

TEST(AuthPasswordPolicy, LengthBoundaryAscii) {
  EXPECT_EQ(check("xk3#Qz!"), Errors{std::string(kPasswordTooShort)});
  EXPECT_EQ(check("xk3#Qz!p"), Errors{});
  EXPECT_EQ(check(""), Errors{std::string(kPasswordTooShort)});
  auto p128 = repeat("xk3#Qz!p", 16);
  ASSERT_EQ(p128.size(), 128u);
  EXPECT_EQ(check(p128), Errors{});
  EXPECT_EQ(check(p128 + "w"), Errors{std::string(kPasswordTooLong)});
}

TEST(AuthPasswordPolicy, LengthCountsKoreanCharactersNotBytes) {
  // 7 syllables are 21 bytes: still too short. 8 syllables pass; 128 (384 bytes) pass; 129 are too long.
  EXPECT_EQ(check("가나다라마바사"), Errors{std::string(kPasswordTooShort)});
  EXPECT_EQ(check("가나다라마바사아"), Errors{});
  EXPECT_EQ(check("트레이너kim1"), Errors{});  // 8 characters mixed
  EXPECT_EQ(check("트레이너kim"), Errors{std::string(kPasswordTooShort)});
  auto k128 = repeat("한", 128);
  ASSERT_EQ(k128.size(), 384u);
  EXPECT_EQ(check(k128), Errors{});
  EXPECT_EQ(check(k128 + "글"), Errors{std::string(kPasswordTooLong)});
  // Four-byte characters (emoji) count once too.
  EXPECT_EQ(check("💪💪💪💪💪💪💪"), Errors{std::string(kPasswordTooShort)});
  EXPECT_EQ(check("💪💪💪💪💪💪💪💪"), Errors{});
}

TEST(AuthPasswordPolicy, Utf8Length) {
  EXPECT_EQ(utf8_length(""), 0u);
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("체력평가"), 4u);
  EXPECT_EQ(utf8_length("é"), 1u);
  EXPECT_EQ(utf8_length("💪a"), 2u);
}

TEST(AuthPasswordPolicy, EntirelyNumeric) {
  EXPECT_EQ(check("90817263"), Errors{std::string(kPasswordEntirelyNumeric)});
  EXPECT_EQ(check("９０８１７２６３"), Errors{std::string(kPasswordEntirelyNumeric)});  // full-width digits
  EXPECT_EQ(check("9081726a"), Errors{});
  EXPECT_EQ(check("90817263 "), Errors{});
  EXPECT_EQ(check("-90817263"), Errors{});
}

TEST(AuthPasswordPolicy, CommonPasswordsCaseInsensitive) {
  for (auto pw : {"password", "PASSWORD", "PassWord", "iloveyou", "ILoveYou", "qwerty123", "saranghae", "Password1"}) {
    EXPECT_EQ(check(pw), Errors{std::string(kPasswordTooCommon)}) << pw;
  }
  EXPECT_TRUE(is_common_password("123456"));
  EXPECT_TRUE(is_common_password("DRAGON"));
  EXPECT_FALSE(is_common_password("password!x7"));
  EXPECT_FALSE(is_common_password(""));
}

TEST(AuthPasswordPolicy, SeveralViolationsAreAllReported) {
  EXPECT_EQ(check("1234"), (Errors{std::string(kPasswordTooShort), std::string(kPasswordEntirelyNumeric),
                                   std::string(kPasswordTooCommon)}));
  EXPECT_EQ(check("12345678"), (Errors{std::string(kPasswordEntirelyNumeric), std::string(kPasswordTooCommon)}));
  EXPECT_EQ(check("coach", "COACH", ""), (Errors{std::string(kPasswordTooShort), std::string(kPasswordTooSimilar)}));
}

TEST(AuthPasswordPolicy, SimilarToUsernameOrEmailLocalPart) {
  EXPECT_EQ(check("Coach_Kim", "coach_kim", "x@y.kr"), Errors{std::string(kPasswordTooSimilar)});
  EXPECT_EQ(check("coach.lee", "trainer7", "Coach.Lee@example.com"), Errors{std::string(kPasswordTooSimilar)});
  EXPECT_EQ(check("COACH.LEE", "trainer7", "coach.lee@example.com"), Errors{std::string(kPasswordTooSimilar)});
  // Only equality counts (DOMAIN.md §7.3), and only the part before the '@'.
  EXPECT_EQ(check("coach.lee1", "trainer7", "coach.lee@example.com"), Errors{});
  EXPECT_EQ(check("coach.lee@example.com", "trainer7", "coach.lee@example.com"), Errors{});
  EXPECT_EQ(check("coach_kim!", "coach_kim", ""), Errors{});
  // Empty or '@'-less inputs do not make every password "similar".
  EXPECT_EQ(check("xk3#Qz!p", "", ""), Errors{});
  EXPECT_EQ(check("xk3#Qz!p", "", "@example.com"), Errors{});
  EXPECT_EQ(check("xk3#Qz!p", "", "not-an-email"), Errors{});
  // Korean usernames compare exactly (Hangul has no case).
  EXPECT_EQ(check("김코치트레이너님", "김코치트레이너님", ""), Errors{std::string(kPasswordTooSimilar)});
}

TEST(AuthPasswordPolicy, EmbeddedListHasAThousandDistinctEntries) {
  auto text = embedded::find("data/common-passwords.txt");
  ASSERT_TRUE(text.has_value());
  std::set<std::string> seen;
  std::size_t lines = 0;
  std::size_t pos = 0;
  while (pos < text->size()) {
    auto nl = text->find('\n', pos);
    ASSERT_NE(nl, std::string_view::npos) << "last line must end with a newline";
    std::string line(text->substr(pos, nl - pos));
    ASSERT_FALSE(line.empty()) << "blank line " << lines + 1;
    ASSERT_EQ(line.find_first_of(" \t\r"), std::string::npos) << line;
    for (auto& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(seen.insert(line).second) << "duplicate (case-insensitive): " << line;
    EXPECT_TRUE(is_common_password(line)) << line;
    ++lines;
    pos = nl + 1;
  }
  EXPECT_GE(lines, 1000u);
}
