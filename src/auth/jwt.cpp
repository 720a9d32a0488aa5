#include "auth/jwt.hpp"

#include <unordered_map>

// libcpp-jwt signs tokens. It does not verify them here: its decode compares signatures with operator== (not
// constant-time), checks `exp` against the system clock instead of the caller's `now`, matches `alg`
// case-insensitively and can throw from header parsing before any signature check. Verification below is a short
// strict implementation instead.
#include <jwt/jwt.hpp>

#include <limits>
#include <vector>

#include "auth/tokens.hpp"
#include "common/error.hpp"

namespace the5hc::auth {

namespace {

std::int64_t to_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::optional<std::int64_t> integer_claim(const nlohmann::json& payload, const char* name) {
  auto it = payload.find(name);
  if (it == payload.end() || !it->is_number_integer()) return std::nullopt;
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > static_cast<std::uint64_t>(
                                                                  std::numeric_limits<std::int64_t>::max()))
    return std::nullopt;
  return it->get<std::int64_t>();
}

std::optional<std::string> string_claim(const nlohmann::json& payload, const char* name) {
  auto it = payload.find(name);
  if (it == payload.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<nlohmann::json> parse_object(std::string_view base64url) {
  auto text = base64url_decode(base64url);
  if (!text) return std::nullopt;
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return std::nullopt;  // also the "discarded" value of a parse error
  return json;
}

DecodeResult fail(TokenError e) { return DecodeResult{std::nullopt, e}; }

}  // namespace

std::string_view to_string(TokenType type) { return type == TokenType::access ? "access" : "refresh"; }

std::string_view to_string(TokenError error) {
  switch (error) {
    case TokenError::malformed: return "malformed";
    case TokenError::wrong_algorithm: return "wrong_algorithm";
    case TokenError::bad_signature: return "bad_signature";
    case TokenError::expired: return "expired";
    case TokenError::wrong_type: return "wrong_type";
  }
  return "malformed";
}

IssuedToken issue(TokenType type, std::int64_t user_id, std::chrono::seconds lifetime, TimePoint now,
                  std::string_view secret) {
  if (secret.empty()) throw Error(ErrorCode::internal, "JWT secret is empty");
  if (lifetime.count() <= 0) throw Error(ErrorCode::internal, "JWT lifetime must be positive");
  Claims c;
  c.token_type = type;
  c.user_id = user_id;
  c.jti = hex_encode(random_bytes(16));
  c.iat = to_seconds(now);
  c.exp = c.iat + lifetime.count();

  jwt::jwt_object obj{jwt::params::algorithm("HS256"), jwt::params::secret(std::string(secret))};
  obj.add_claim("token_type", std::string(to_string(type)))
      .add_claim("exp", c.exp)
      .add_claim("iat", c.iat)
      .add_claim("jti", c.jti)
      .add_claim("user_id", c.user_id);
  std::error_code ec;
  std::string token = obj.signature(ec);
  if (ec) throw Error(ErrorCode::internal, "JWT signing failed: " + ec.message());
  return IssuedToken{std::move(token), std::move(c)};
}

namespace {

// The checks that depend on the token and the key only (structure, algorithm, signature, claims), not on the time.
DecodeResult verify(std::string_view token, std::string_view secret) {
  // header.payload.signature — exactly two dots.
  auto dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return fail(TokenError::malformed);
  auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
    return fail(TokenError::malformed);
  auto header_part = token.substr(0, dot1);
  auto payload_part = token.substr(dot1 + 1, dot2 - dot1 - 1);
  auto signature_part = token.substr(dot2 + 1);
  if (header_part.empty() || payload_part.empty()) return fail(TokenError::malformed);

  auto header = parse_object(header_part);
  if (!header) return fail(TokenError::malformed);
  auto alg = header->find("alg");
  // Exactly "HS256": `none` must never mean "no signature needed", and no other algorithm may be substituted.
  if (alg == header->end() || !alg->is_string() || alg->get<std::string>() != "HS256")
    return fail(TokenError::wrong_algorithm);
  if (auto typ = header->find("typ"); typ != header->end() && (!typ->is_string() || typ->get<std::string>() != "JWT"))
    return fail(TokenError::malformed);

  if (signature_part.empty()) return fail(TokenError::malformed);
  auto signature = base64url_decode(signature_part);
  if (!signature) return fail(TokenError::malformed);
  if (secret.empty()) return fail(TokenError::bad_signature);
  auto signed_part = token.substr(0, dot2);
  if (!constant_time_equals(hmac_sha256(secret, signed_part), *signature)) return fail(TokenError::bad_signature);

  auto payload = parse_object(payload_part);
  if (!payload) return fail(TokenError::malformed);
  auto type = string_claim(*payload, "token_type");
  auto exp = integer_claim(*payload, "exp");
  auto iat = integer_claim(*payload, "iat");
  auto jti = string_claim(*payload, "jti");
  auto user_id = integer_claim(*payload, "user_id");
  if (!type || (*type != "access" && *type != "refresh") || !exp || !iat || !jti || jti->empty() || !user_id)
    return fail(TokenError::malformed);

  Claims c;
  c.token_type = *type == "access" ? TokenType::access : TokenType::refresh;
  c.exp = *exp;
  c.iat = *iat;
  c.jti = std::move(*jti);
  c.user_id = *user_id;
  return DecodeResult{std::move(c), TokenError::malformed};
}

// Every request of a session carries the same access token, and verifying it (two base64 decodings, an HMAC, two
// JSON parses) was a fifth of a client-detail request (issue 11). verify() depends on the token and the key only,
// so each thread remembers the claims of the tokens it verified, by their exact text and key; expiry and type are
// still judged on every use. Per thread: no lock. Bounded: forgotten all at once when full.
struct Remembered {
  std::string secret;
  Claims claims;
};
constexpr std::size_t kRememberedPerThread = 64;
struct TextHash {  // looks tokens up by string_view, without copying them
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

DecodeResult verify_remembered(std::string_view token, std::string_view secret) {
  thread_local std::unordered_map<std::string, Remembered, TextHash, std::equal_to<>> remembered;
  if (auto it = remembered.find(token); it != remembered.end() && it->second.secret == secret)
    return DecodeResult{it->second.claims, TokenError::malformed};
  auto result = verify(token, secret);
  if (result.ok()) {
    if (remembered.size() >= kRememberedPerThread) remembered.clear();
    remembered.insert_or_assign(std::string(token), Remembered{std::string(secret), *result.claims});
  }
  return result;
}

}  // namespace

DecodeResult decode(std::string_view token, std::string_view secret, TimePoint now,
                    std::optional<TokenType> expected, std::chrono::seconds leeway) {
  auto verified = verify_remembered(token, secret);
  if (!verified.ok()) return verified;
  Claims c = std::move(*verified.claims);

  // exp is whole seconds; a token stays valid through exp + leeway inclusive. Saturate instead of overflowing on
  // an absurd (but validly signed) exp.
  const std::int64_t now_s = to_seconds(now);
  const std::int64_t limit = c.exp > std::numeric_limits<std::int64_t>::max() - leeway.count()
                                 ? std::numeric_limits<std::int64_t>::max()
                                 : c.exp + leeway.count();
  if (now_s > limit) return fail(TokenError::expired);
  if (expected && *expected != c.token_type) return fail(TokenError::wrong_type);
  return DecodeResult{std::move(c), TokenError::malformed};
}

}  // namespace the5hc::auth
