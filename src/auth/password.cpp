#include "auth/password.hpp"

#include <crypt.h>
#include <sodium.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <thread>

#include "auth/sodium_init.hpp"
#include "auth/tokens.hpp"
#include "common/error.hpp"

namespace the5hc::auth {

namespace {

constexpr std::string_view kArgon2idPrefix = "$argon2id$";
constexpr std::string_view kHmacPrefix = "legacy-hmac-sha256$";
constexpr std::string_view kSha256Prefix = "legacy-sha256$";

// Stored hashes come from our own database, but a corrupted or hand-edited row must not turn one login into
// minutes of CPU or gigabytes of memory: parameters beyond these bounds are treated as garbage. The bounds are
// far above what this system writes (argon2id m=65536 KiB, t=3; legacy bcrypt cost 12).
constexpr unsigned long kMaxArgonMemoryKiB = 1u << 20;  // 1 GiB
constexpr unsigned long kMaxArgonIterations = 16;
constexpr int kMinBcryptCost = 4;
constexpr int kMaxBcryptCost = 16;  // ~3 s per check; 31 would take days

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool parse_number(std::string_view& s, std::string_view label, unsigned long& value) {
  if (!starts_with(s, label)) return false;
  s.remove_prefix(label.size());
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end == s.data()) return false;
  s.remove_prefix(static_cast<std::size_t>(end - s.data()));
  return true;
}

// Checks "$argon2id$v=19$m=<m>,t=<t>,p=1$..." before libsodium sees it, for the bounds above.
bool argon2id_params_sane(std::string_view stored) {
  std::string_view s = stored.substr(kArgon2idPrefix.size());
  unsigned long v = 0, m = 0, t = 0, p = 0;
  if (!parse_number(s, "v=", v) || !parse_number(s, "$m=", m) || !parse_number(s, ",t=", t) ||
      !parse_number(s, ",p=", p) || !starts_with(s, "$"))
    return false;
  return v == 19 && m >= 8 && m <= kMaxArgonMemoryKiB && t >= 1 && t <= kMaxArgonIterations && p == 1;
}

bool verify_argon2id(std::string_view password, std::string_view stored) {
  if (stored.size() >= crypto_pwhash_STRBYTES || !argon2id_params_sane(stored)) return false;
  ensure_sodium();
  const std::string terminated(stored);  // libsodium reads a C string
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

// "$2b$12$" + 22 characters of salt + 31 of hash, in bcrypt's own base64 alphabet.
bool bcrypt_format_ok(std::string_view stored) {
  if (stored.size() != 60) return false;
  if (!(starts_with(stored, "$2a$") || starts_with(stored, "$2b$") || starts_with(stored, "$2y$"))) return false;
  if (stored[6] != '$' || !std::isdigit(static_cast<unsigned char>(stored[4])) ||
      !std::isdigit(static_cast<unsigned char>(stored[5])))
    return false;
  int cost = (stored[4] - '0') * 10 + (stored[5] - '0');
  if (cost < kMinBcryptCost || cost > kMaxBcryptCost) return false;
  return std::all_of(stored.begin() + 7, stored.end(), [](char c) {
    return c == '.' || c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

bool verify_bcrypt(std::string_view password, std::string_view stored) {
  if (!bcrypt_format_ok(stored)) return false;
  // crypt(3) reads the passphrase as a C string: "abc\0xyz" would be checked as "abc". No legacy password can
  // contain NUL, so such input simply fails.
  if (password.find('\0') != std::string_view::npos) return false;
  const std::string phrase(password), setting(stored);
  // crypt_rn keeps all state in `data` (thread-safe); 32 KiB is too much for a worker thread's stack.
  auto data = std::make_unique<crypt_data>();
  const char* out = crypt_rn(phrase.c_str(), setting.c_str(), data.get(), sizeof(crypt_data));
  bool ok = out != nullptr && constant_time_equals(out, stored);
  sodium_memzero(data.get(), sizeof(crypt_data));
  return ok;
}

bool verify_legacy_hmac(std::string_view password, std::string_view stored) {
  std::string_view rest = stored.substr(kHmacPrefix.size());
  auto dollar = rest.find('$');
  if (dollar == std::string_view::npos) return false;
  auto salt = hex_decode(rest.substr(0, dollar));
  auto expected = hex_decode(rest.substr(dollar + 1));
  if (!salt || salt->empty() || !expected || expected->size() != crypto_auth_hmacsha256_BYTES) return false;
  return constant_time_equals(hmac_sha256(*salt, password), *expected);
}

bool verify_legacy_sha256(std::string_view password, std::string_view stored) {
  auto expected = hex_decode(stored.substr(kSha256Prefix.size()));
  if (!expected || expected->size() != crypto_hash_sha256_BYTES) return false;
  return constant_time_equals(sha256(password), *expected);
}

// An argon2id hash with the current parameters of a random password nobody knows (generated once with
// crypto_pwhash_str); `dummy_verify` checks against it. A test keeps it in step with the parameters.
constexpr const char* kDummyHash =
    "$argon2id$v=19$m=65536,t=3,p=1$YPccS4ibHcxo0amL9lz1rg$I197rWXC/33RUirICCKZ57UyZGx+bCDpeeegK3LYIX4";

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_MODERATE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw Error(ErrorCode::internal, "password hashing failed (out of memory)");
  return out;
}

bool verify_password(std::string_view password, std::string_view stored) {
  if (starts_with(stored, kArgon2idPrefix)) return verify_argon2id(password, stored);
  if (starts_with(stored, "$2")) return verify_bcrypt(password, stored);
  if (starts_with(stored, kHmacPrefix)) return verify_legacy_hmac(password, stored);
  if (starts_with(stored, kSha256Prefix)) return verify_legacy_sha256(password, stored);
  return false;
}

bool needs_upgrade(std::string_view stored) {
  // crypto_pwhash_str_needs_rehash alone would also accept "$argon2i$" with matching parameters.
  if (!starts_with(stored, kArgon2idPrefix) || stored.size() >= crypto_pwhash_STRBYTES ||
      !argon2id_params_sane(stored))
    return true;
  ensure_sodium();
  const std::string terminated(stored);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), crypto_pwhash_OPSLIMIT_MODERATE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

void dummy_verify(std::string_view password) { (void)verify_argon2id(password, kDummyHash); }

std::string_view detail::dummy_hash() { return kDummyHash; }

HashingGate::HashingGate(std::ptrdiff_t permits)
    : capacity_(std::clamp<std::ptrdiff_t>(permits, 1, max_permits)), sem_(capacity_) {}

std::optional<HashingGate::Permit> HashingGate::try_acquire(std::chrono::milliseconds max_wait) {
  if (!sem_.try_acquire_for(max_wait)) return std::nullopt;
  return Permit(this);
}

HashingGate::Permit HashingGate::acquire(std::chrono::milliseconds max_wait) {
  if (auto permit = try_acquire(max_wait)) return std::move(*permit);
  Error e(ErrorCode::throttled, "Too many password checks in progress.");
  e.headers.emplace("Retry-After", "1");
  throw e;
}

HashingGate& HashingGate::shared() {
  // hardware_concurrency() may report 0 when unknown; the constructor clamps to at least one permit.
  static HashingGate gate(static_cast<std::ptrdiff_t>(std::thread::hardware_concurrency()));
  return gate;
}

}  // namespace the5hc::auth
