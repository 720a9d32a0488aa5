#include <gtest/gtest.h>

#include <set>

#include "auth/tokens.hpp"

using namespace the5hc::auth;

TEST(AuthTokens, HexRoundTripAndCaseInsensitiveDecode) {
  std::string bytes("\x00\x01\x7f\x80\xfe\xff", 6);
  EXPECT_EQ(hex_encode(bytes), "00017f80feff");
  EXPECT_EQ(hex_decode("00017f80feff"), bytes);
  EXPECT_EQ(hex_decode("00017F80FEFF"), bytes);
  EXPECT_EQ(hex_decode(""), std::string());
}

TEST(AuthTokens, HexDecodeRejectsGarbage) {
  EXPECT_FALSE(hex_decode("abc").has_value());   // odd length
  EXPECT_FALSE(hex_decode("zz").has_value());
  EXPECT_FALSE(hex_decode("0g").has_value());
  EXPECT_FALSE(hex_decode(" 0").has_value());
}

TEST(AuthTokens, Base64UrlMatchesRfc4648Vectors) {
  // RFC 4648 §10 vectors, unpadded.
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("foobar"), "Zm9vYmFy");
  // The URL-safe alphabet: 0xfb 0xff -> "-_8" (standard base64 would give "+/8").
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
  EXPECT_EQ(base64url_decode("-_8"), std::string("\xfb\xff"));
  EXPECT_EQ(base64url_decode("Zm9vYmFy"), "foobar");
  EXPECT_EQ(base64url_decode(""), std::string());
}

TEST(AuthTokens, Base64UrlDecodeIsStrict) {
  EXPECT_FALSE(base64url_decode("Zg==").has_value());      // padding
  EXPECT_FALSE(base64url_decode("+/8").has_value());       // standard alphabet
  EXPECT_FALSE(base64url_decode("Zm9v YmFy").has_value()); // whitespace
  EXPECT_FALSE(base64url_decode("Zm9v!").has_value());     // trailing junk after a valid prefix
  EXPECT_FALSE(base64url_decode("Z").has_value());         // impossible length
  EXPECT_FALSE(base64url_decode("Zh").has_value());        // "f" with non-zero trailing bits ("Zg" is canonical)
}

TEST(AuthTokens, Base64UrlRoundTripsEveryByteValue) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t len = 0; len <= all.size(); len += 37) {
    auto s = all.substr(0, len);
    EXPECT_EQ(base64url_decode(base64url_encode(s)), s) << len;
  }
}

TEST(AuthTokens, ConstantTimeEquals) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("secret", "secret"));
  EXPECT_FALSE(constant_time_equals("secret", "secreT"));
  EXPECT_FALSE(constant_time_equals("secret", "secret "));
  EXPECT_FALSE(constant_time_equals("", "x"));
  EXPECT_TRUE(constant_time_equals(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
  EXPECT_FALSE(constant_time_equals(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST(AuthTokens, Sha256AndHmacKnownAnswers) {
  // FIPS 180-2 "abc"; RFC 4231 test cases 2 (short key) and 6 (131-byte key, longer than the block size).
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(hex_encode(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(AuthTokens, SessionIdsAreLongRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    auto id = new_session_id();
    ASSERT_EQ(id.size(), 43u);
    ASSERT_EQ(id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    ASSERT_EQ(base64url_decode(id)->size(), 32u);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(AuthTokens, SessionIdHashIsSha256HexOfTheId) {
  auto id = new_session_id();
  auto h = session_id_hash(id);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, sha256_hex(id));
  EXPECT_NE(h, session_id_hash(new_session_id()));
}

TEST(AuthTokens, InvitationCodesAre32RandomBytes) {
  auto a = new_invitation_code(), b = new_invitation_code();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_LE(a.size(), 64u);  // invitations.code is TEXT(64)
  EXPECT_EQ(base64url_decode(a)->size(), 32u);
  EXPECT_NE(a, b);
}

TEST(AuthTokens, RandomBytesLengthAndVariety) {
  EXPECT_EQ(random_bytes(0).size(), 0u);
  EXPECT_EQ(random_bytes(17).size(), 17u);
  EXPECT_NE(random_bytes(16), random_bytes(16));
}
