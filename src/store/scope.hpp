#pragma once
// Which rows of an organisation a caller may list (DOMAIN.md §6.1): a whole organisation (owner, senior), one
// trainer's clients' records (trainer), everything (superuser), or nothing (no membership).
#include <cstdint>
#include <optional>
#include <string>

#include "store/query.hpp"

namespace the5hc::store {

struct Scope {
  std::optional<std::int64_t> organization_id;  // empty: every organisation (superuser)
  std::optional<std::int64_t> trainer_id;       // set: only records of this trainer's clients
  bool nothing = false;                         // a user without a membership lists nothing
};

// "<org_column> = :p1 AND c.trainer_id = :p2" (or "1 = 1" / "1 = 0"), parameters added to p. The trainer is the
// client's current one (alias c): a record is visible when its client is.
std::string scope_sql(const Scope& scope, SqlParams& p, const std::string& org_column);

}  // namespace the5hc::store
