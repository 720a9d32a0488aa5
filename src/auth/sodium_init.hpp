#pragma once
// libsodium must be initialised before its CSPRNG and pwhash functions are used; every entry point of src/auth
// that needs it calls this (cheap after the first call).
#include <sodium.h>

#include "common/error.hpp"

namespace the5hc::auth {

inline void ensure_sodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw Error(ErrorCode::internal, "libsodium initialisation failed");
}

}  // namespace the5hc::auth
