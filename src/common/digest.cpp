#include "common/digest.hpp"

#include <sodium.h>

namespace the5hc::digest {

std::string hex_encode(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0x0f]);
  }
  return out;
}

std::string sha256(std::string_view data) {
  std::string out(crypto_hash_sha256_BYTES, '\0');
  // crypto_hash_sha256 needs no sodium_init(): it uses neither the CSPRNG nor CPU-feature dispatch.
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return out;
}

std::string sha256_hex(std::string_view data) { return hex_encode(sha256(data)); }

}  // namespace the5hc::digest
