#pragma once
// Random identifiers and the byte/text helpers shared by the authentication code. All randomness comes from
// libsodium's CSPRNG (getrandom(2) underneath).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "common/digest.hpp"

namespace the5hc::auth {

// `n` bytes from the CSPRNG (as raw bytes in a std::string).
std::string random_bytes(std::size_t n);

// Lower-case hex (common/digest); decode accepts either case and rejects odd lengths and non-hex characters.
using digest::hex_encode;
std::optional<std::string> hex_decode(std::string_view hex);

// URL-safe base64 without padding (RFC 4648 §5), as used in JWTs, cookies and URLs. Decoding is strict: padding,
// whitespace, characters of the standard alphabet and non-canonical trailing bits are all rejected, so every
// byte string has exactly one accepted text form.
std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

// Equality whose running time depends only on the lengths, not on where the inputs differ (lengths of secrets
// and tokens are public, their contents are not).
bool constant_time_equals(std::string_view a, std::string_view b);

using digest::sha256;      // common/digest: also needed by store and http, which must not depend on auth
using digest::sha256_hex;
std::string hmac_sha256(std::string_view key, std::string_view message);  // 32 raw bytes, any key length

// Web session id for the `sessionid` cookie: 256 random bits, URL-safe base64 (43 characters).
std::string new_session_id();
// What the database stores instead of the session id (SHA-256 hex of the id), so a leaked table or backup does
// not hand out live sessions. Look sessions up by this value.
std::string session_id_hash(std::string_view session_id);

// Invitation code (DOMAIN.md §1.4): 32 random bytes, URL-safe base64 (43 characters, fits TEXT(64)).
std::string new_invitation_code();

}  // namespace the5hc::auth
