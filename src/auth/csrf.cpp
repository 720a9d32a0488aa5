#include "auth/csrf.hpp"

#include <sodium.h>

#include "auth/tokens.hpp"
#include "common/error.hpp"

namespace the5hc::auth::csrf {

namespace {

constexpr std::size_t kBytes = 32;  // secret, mask and HMAC-SHA256 value alike

std::string value_of(std::string_view secret, std::string_view secret_key) {
  std::string message = "the5hc.csrf:";  // keeps this HMAC distinct from any other use of SECRET_KEY
  message += secret;
  return hmac_sha256(secret_key, message);
}

}  // namespace

std::string new_secret() { return base64url_encode(random_bytes(kBytes)); }

std::string mask(std::string_view secret, std::string_view secret_key) {
  if (secret.empty() || secret_key.empty()) throw Error(ErrorCode::internal, "CSRF secret or SECRET_KEY is empty");
  std::string value = value_of(secret, secret_key);
  std::string out = random_bytes(kBytes);
  out.resize(2 * kBytes);
  for (std::size_t i = 0; i < kBytes; ++i) out[kBytes + i] = static_cast<char>(value[i] ^ out[i]);
  sodium_memzero(value.data(), value.size());
  return base64url_encode(out);
}

bool check(std::string_view token, std::string_view secret, std::string_view secret_key) {
  if (secret.empty() || secret_key.empty()) return false;
  auto raw = base64url_decode(token);
  if (!raw || raw->size() != 2 * kBytes) return false;
  std::string unmasked(kBytes, '\0');
  for (std::size_t i = 0; i < kBytes; ++i) unmasked[i] = static_cast<char>((*raw)[kBytes + i] ^ (*raw)[i]);
  return constant_time_equals(unmasked, value_of(secret, secret_key));
}

}  // namespace the5hc::auth::csrf
