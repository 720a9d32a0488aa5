#pragma once
// `the5hc recalculate` (OPERATIONS.md §2, LEGACY.md §8): rescoring stored assessments with today's rules and the
// database's reference data, in batches of 500 per transaction.
#include <cstdint>
#include <optional>
#include <string>

#include "service/context.hpp"

namespace the5hc::service {

struct RecalculateOptions {
  std::optional<std::int64_t> id;
  std::optional<std::string> organization_slug;
  bool include_legacy = false;  // also rescore imported rows (clears is_legacy, DOMAIN.md §2.6)
  bool dry_run = false;
};

struct RecalculateResult {
  std::int64_t examined = 0, changed = 0, unchanged = 0;
};

// Unknown --id or --organization → Error(usage). Audit `assessments_recalculated` unless dry_run.
RecalculateResult recalculate(const Context& ctx, const RecalculateOptions& options);

}  // namespace the5hc::service
