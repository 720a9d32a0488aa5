#include <gtest/gtest.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <set>

#include "auth/jwt.hpp"
#include "auth/tokens.hpp"
#include "common/error.hpp"

using namespace the5hc;
using namespace the5hc::auth;
using namespace std::chrono_literals;

namespace {
const std::string kSecret = "test-secret-key-with-more-than-fifty-characters-0123456789";
const TimePoint kNow{std::chrono::seconds{1'750'000'000}};

// Signs with OpenSSL directly (not our hmac_sha256), so the verification path is checked against another
// implementation.
std::string sign(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
       out, &len);
  return base64url_encode(std::string_view(reinterpret_cast<const char*>(out), len));
}

std::string craft(std::string_view header_json, std::string_view payload_json, std::string_view key = kSecret,
                  const EVP_MD* md = EVP_sha256()) {
  std::string signing_input = base64url_encode(header_json) + "." + base64url_encode(payload_json);
  return signing_input + "." + sign(md, key, signing_input);
}

const std::string kHs256Header = R"({"alg":"HS256","typ":"JWT"})";
const std::string kPayload =
    R"({"token_type":"access","exp":1750003600,"iat":1750000000,"jti":"00112233445566778899aabbccddeeff","user_id":7})";

std::string part(const std::string& token, int index) {
  auto a = token.find('.'), b = token.find('.', a + 1);
  if (index == 0) return token.substr(0, a);
  if (index == 1) return token.substr(a + 1, b - a - 1);
  return token.substr(b + 1);
}

TokenError error_of(std::string_view token, TimePoint now = kNow, std::optional<TokenType> expected = std::nullopt) {
  auto r = decode(token, kSecret, now, expected);
  EXPECT_FALSE(r.ok()) << token;
  return r.error;
}
}  // namespace

TEST(AuthJwt, IssueAndDecodeRoundTrip) {
  auto issued = issue(TokenType::access, 42, 60min, kNow + 750ms, kSecret);
  EXPECT_EQ(issued.claims.iat, 1'750'000'000);  // truncated to whole seconds
  EXPECT_EQ(issued.claims.exp, 1'750'003'600);
  EXPECT_EQ(issued.claims.user_id, 42);
  EXPECT_EQ(issued.claims.jti.size(), 32u);
  EXPECT_EQ(issued.claims.jti.find_first_not_of("0123456789abcdef"), std::string::npos);

  auto r = decode(issued.token, kSecret, kNow + 10min, TokenType::access);
  ASSERT_TRUE(r.ok()) << to_string(r.error);
  EXPECT_EQ(r.claims->token_type, TokenType::access);
  EXPECT_EQ(r.claims->user_id, 42);
  EXPECT_EQ(r.claims->jti, issued.claims.jti);
  EXPECT_EQ(r.claims->iat, issued.claims.iat);
  EXPECT_EQ(r.claims->exp, issued.claims.exp);
}

TEST(AuthJwt, IssuedHeaderIsExactlyHs256AndSignatureMatchesOpenSsl) {
  auto issued = issue(TokenType::refresh, 1, 7 * 24h, kNow, kSecret);
  EXPECT_EQ(base64url_decode(part(issued.token, 0)), kHs256Header);
  EXPECT_EQ(part(issued.token, 2), sign(EVP_sha256(), kSecret, part(issued.token, 0) + "." + part(issued.token, 1)));
  auto r = decode(issued.token, kSecret, kNow, TokenType::refresh);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.claims->token_type, TokenType::refresh);
  EXPECT_EQ(r.claims->exp - r.claims->iat, 7 * 24 * 3600);
}

TEST(AuthJwt, DecodesATokenMadeByAnotherImplementation) {
  // Made with Python's hmac/hashlib/base64/json (secret below), not with libcpp-jwt.
  const std::string py =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsImV4cCI6MTc1MDA4NjQwMCwiaWF0IjoxNzUwMDAw"
      "MDAwLCJqdGkiOiIwMDExMjIzMzQ0NTU2Njc3ODg5OWFhYmJjY2RkZWVmZiIsInVzZXJfaWQiOjQyfQ.4g8WwQYRC3GgvY8XEIZBPm91bUdSvY"
      "XgBenRnwsAqgw";
  auto r = decode(py, "python-side-secret-key-for-the5hc-unit-tests-0123456789", kNow);
  ASSERT_TRUE(r.ok()) << to_string(r.error);
  EXPECT_EQ(r.claims->token_type, TokenType::refresh);
  EXPECT_EQ(r.claims->user_id, 42);
  EXPECT_EQ(r.claims->jti, "00112233445566778899aabbccddeeff");
  EXPECT_EQ(r.claims->exp, 1'750'086'400);
}

TEST(AuthJwt, JtisAreUnique) {
  std::set<std::string> jtis;
  for (int i = 0; i < 100; ++i) jtis.insert(issue(TokenType::access, 1, 1min, kNow, kSecret).claims.jti);
  EXPECT_EQ(jtis.size(), 100u);
}

TEST(AuthJwt, ExpiryHonoursThe30SecondLeeway) {
  auto t = issue(TokenType::access, 1, 60min, kNow, kSecret).token;
  const auto exp = kNow + 60min;
  EXPECT_TRUE(decode(t, kSecret, exp).ok());
  EXPECT_TRUE(decode(t, kSecret, exp + 30s).ok());
  EXPECT_TRUE(decode(t, kSecret, exp + 30s + 999ms).ok());  // still second exp+30
  EXPECT_EQ(error_of(t, exp + 31s), TokenError::expired);
  EXPECT_EQ(error_of(t, exp + 24h), TokenError::expired);
  EXPECT_FALSE(decode(t, kSecret, exp + 1s, std::nullopt, 0s).ok());
  EXPECT_TRUE(decode(t, kSecret, exp, std::nullopt, 0s).ok());
}

TEST(AuthJwt, WrongSecretIsBadSignature) {
  auto t = issue(TokenType::access, 1, 60min, kNow, kSecret).token;
  EXPECT_EQ(decode(t, kSecret + "x", kNow).error, TokenError::bad_signature);
  EXPECT_FALSE(decode(t, "", kNow).ok());
}

TEST(AuthJwt, TamperedPayloadOrSignatureIsRejected) {
  auto t = issue(TokenType::access, 1, 60min, kNow, kSecret).token;
  // Same header and signature, payload claiming another user.
  auto forged_payload = *base64url_decode(part(t, 1));
  auto pos = forged_payload.find("\"user_id\":1");
  ASSERT_NE(pos, std::string::npos);
  forged_payload.replace(pos, 11, "\"user_id\":2");
  EXPECT_EQ(error_of(part(t, 0) + "." + base64url_encode(forged_payload) + "." + part(t, 2)), TokenError::bad_signature);

  // One flipped signature bit.
  auto sig = *base64url_decode(part(t, 2));
  sig[5] = static_cast<char>(sig[5] ^ 0x01);
  EXPECT_EQ(error_of(part(t, 0) + "." + part(t, 1) + "." + base64url_encode(sig)), TokenError::bad_signature);
  // Truncated signature.
  EXPECT_EQ(error_of(t.substr(0, t.size() - 3)), TokenError::bad_signature);  // 40 characters = 30 whole bytes
}

TEST(AuthJwt, AlgNoneIsRejected) {
  // Hand-made unsigned token: header {"alg":"none","typ":"JWT"}, a valid payload, empty signature.
  const std::string unsigned_token = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                                     base64url_encode(kPayload) + ".";
  EXPECT_EQ(error_of(unsigned_token), TokenError::wrong_algorithm);
  // Variants: capitalised, with a real HS256 signature attached, without the trailing dot.
  EXPECT_EQ(error_of(base64url_encode(R"({"alg":"None","typ":"JWT"})") + "." + base64url_encode(kPayload) + "."),
            TokenError::wrong_algorithm);
  EXPECT_EQ(error_of(craft(R"({"alg":"none","typ":"JWT"})", kPayload)), TokenError::wrong_algorithm);
  EXPECT_EQ(error_of(base64url_encode(R"({"alg":"none"})") + "." + base64url_encode(kPayload)), TokenError::malformed);
}

TEST(AuthJwt, OtherAlgorithmsAreRejectedEvenWithAValidMac) {
  EXPECT_EQ(error_of(craft(R"({"alg":"HS512","typ":"JWT"})", kPayload, kSecret, EVP_sha512())),
            TokenError::wrong_algorithm);
  EXPECT_EQ(error_of(craft(R"({"alg":"HS384","typ":"JWT"})", kPayload, kSecret, EVP_sha384())),
            TokenError::wrong_algorithm);
  // An HS256 MAC under a header that names another algorithm (algorithm confusion).
  EXPECT_EQ(error_of(craft(R"({"alg":"RS256","typ":"JWT"})", kPayload)), TokenError::wrong_algorithm);
  EXPECT_EQ(error_of(craft(R"({"alg":"hs256","typ":"JWT"})", kPayload)), TokenError::wrong_algorithm);
  EXPECT_EQ(error_of(craft(R"({"alg":256,"typ":"JWT"})", kPayload)), TokenError::wrong_algorithm);
  EXPECT_EQ(error_of(craft(R"({"typ":"JWT"})", kPayload)), TokenError::wrong_algorithm);
  // The same payload under the right header verifies, so the rejections above are about the header alone.
  EXPECT_TRUE(decode(craft(kHs256Header, kPayload), kSecret, kNow).ok());
  EXPECT_TRUE(decode(craft(R"({"alg":"HS256"})", kPayload), kSecret, kNow).ok());  // typ is optional
}

TEST(AuthJwt, WrongTokenTypeIsReported) {
  auto refresh = issue(TokenType::refresh, 1, 60min, kNow, kSecret).token;
  auto access = issue(TokenType::access, 1, 60min, kNow, kSecret).token;
  EXPECT_EQ(error_of(refresh, kNow, TokenType::access), TokenError::wrong_type);
  EXPECT_EQ(error_of(access, kNow, TokenType::refresh), TokenError::wrong_type);
  EXPECT_TRUE(decode(refresh, kSecret, kNow).ok());  // no expectation: either type
  // Expiry is reported before the type.
  EXPECT_EQ(error_of(refresh, kNow + 2h, TokenType::access), TokenError::expired);
}

TEST(AuthJwt, MalformedTokens) {
  for (std::string bad : {"", ".", "..", "...", "abc", "a.b", "a.b.c.d", "!!!.###.$$$",
                          "eyJhbGciOiJIUzI1NiJ9..sig", ".eyJ0b2tlbl90eXBlIjoiYWNjZXNzIn0.sig"}) {
    EXPECT_EQ(error_of(bad), TokenError::malformed) << bad;
  }
  auto valid = craft(kHs256Header, kPayload);
  EXPECT_EQ(error_of(valid + "."), TokenError::malformed);
  EXPECT_EQ(error_of(" " + valid), TokenError::malformed);
  EXPECT_EQ(error_of(part(valid, 0) + "." + part(valid, 1) + "." + part(valid, 2) + "="), TokenError::malformed);
  // A header that is JSON but not an object, or not JSON.
  EXPECT_EQ(error_of(craft("[]", kPayload)), TokenError::malformed);
  EXPECT_EQ(error_of(craft("{\"alg\":", kPayload)), TokenError::malformed);
  EXPECT_EQ(error_of(craft(R"({"alg":"HS256","typ":"JWS"})", kPayload)), TokenError::malformed);
}

TEST(AuthJwt, SignedButIncompleteOrMistypedClaimsAreMalformed) {
  // Correctly signed, so only the claim checks can reject them.
  for (std::string payload : {
           std::string("[]"),
           std::string("\"x\""),
           std::string("{not json"),
           std::string(R"({"exp":1750003600,"iat":1750000000,"jti":"a","user_id":7})"),
           std::string(R"({"token_type":"id","exp":1750003600,"iat":1750000000,"jti":"a","user_id":7})"),
           std::string(R"({"token_type":"access","exp":"1750003600","iat":1750000000,"jti":"a","user_id":7})"),
           std::string(R"({"token_type":"access","exp":1750003600.5,"iat":1750000000,"jti":"a","user_id":7})"),
           std::string(R"({"token_type":"access","exp":1750003600,"jti":"a","user_id":7})"),
           std::string(R"({"token_type":"access","exp":1750003600,"iat":1750000000,"user_id":7})"),
           std::string(R"({"token_type":"access","exp":1750003600,"iat":1750000000,"jti":"","user_id":7})"),
           std::string(R"({"token_type":"access","exp":1750003600,"iat":1750000000,"jti":"a","user_id":"7"})"),
           std::string(R"({"token_type":"access","exp":1750003600,"iat":1750000000,"jti":"a"})"),
           std::string(R"({"token_type":"access","exp":18446744073709551615,"iat":1750000000,"jti":"a","user_id":7})"),
       }) {
    EXPECT_EQ(error_of(craft(kHs256Header, payload)), TokenError::malformed) << payload;
  }
  // A huge but representable exp does not overflow into "expired".
  EXPECT_TRUE(decode(craft(kHs256Header,
                           R"({"token_type":"access","exp":9223372036854775807,"iat":1,"jti":"a","user_id":7})"),
                     kSecret, kNow)
                  .ok());
}

TEST(AuthJwt, IssueRefusesEmptySecretAndNonPositiveLifetime) {
  EXPECT_THROW(issue(TokenType::access, 1, 60min, kNow, ""), Error);
  EXPECT_THROW(issue(TokenType::access, 1, 0s, kNow, kSecret), Error);
}

TEST(AuthJwt, ErrorNamesForLogs) {
  EXPECT_EQ(to_string(TokenError::wrong_algorithm), "wrong_algorithm");
  EXPECT_EQ(to_string(TokenError::expired), "expired");
  EXPECT_EQ(to_string(TokenType::refresh), "refresh");
}
