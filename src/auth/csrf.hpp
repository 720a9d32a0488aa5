#pragma once
// CSRF tokens (OPERATIONS.md §4): "the token is an HMAC of the session's CSRF secret, masked per response,
// compared in constant time".
//
//   secret  32 random bytes (base64url text) kept server-side with the web session, or in the HttpOnly
//           `csrftoken` cookie for anonymous forms (login, invitation accept).
//   value   HMAC-SHA256(key = SECRET_KEY, "the5hc.csrf:" + secret). Binding the value to SECRET_KEY means a
//           secret planted in a victim's cookie (e.g. from a sibling subdomain) does not let an attacker compute
//           a valid token.
//   token   base64url(mask || value XOR mask) with a fresh random 32-byte mask for every response (86 characters),
//           so the bytes in a page never repeat and compression side channels (BREACH) learn nothing.
//
// Only masked tokens are accepted. Django also accepts the bare secret because its JavaScript reads the cookie;
// ours is HttpOnly and pages carry the masked token, so a second, never-issued form would only widen the surface.
#include <string>
#include <string_view>

namespace the5hc::auth::csrf {

std::string new_secret();  // 43 characters, URL-safe

// A fresh token for `secret`. Throws Error(internal) if `secret` or `secret_key` is empty.
std::string mask(std::string_view secret, std::string_view secret_key);

// True if `token` was produced by `mask` for this secret and key. Garbage, tokens of other secrets or keys, an
// empty secret and unmasked values are all false.
bool check(std::string_view token, std::string_view secret, std::string_view secret_key);

}  // namespace the5hc::auth::csrf
