#pragma once
// SHA-256 and hex, needed below the authentication layer too: the store checksums migrations and the HTTP layer
// names static files by content. Keyed hashes, randomness and token formats stay in auth/.
#include <string>
#include <string_view>

namespace the5hc::digest {

std::string hex_encode(std::string_view bytes);   // lower-case hex
std::string sha256(std::string_view data);        // 32 raw bytes
std::string sha256_hex(std::string_view data);    // 64 hex characters

}  // namespace the5hc::digest
