#pragma once
// `the5hc seed-standards`: the reference data of DOMAIN.md §3 (domain/reference_data.hpp, the one source) upserted
// into test_standards, normative_data and the MCQ bank tables by their stable keys (migration 0002 names them).
// Idempotent: a second run changes nothing. Without `reset` a row the platform owner edited keeps its values
// (counted as unchanged and reported as differing); with `reset` it gets the built-in values back.
// Compared are the values DOMAIN.md §3 fixes (numbers, Korean texts, types, order, flags); the English texts and
// a standard's source are written on insert and on reset but are not DOMAIN.md data, so they never count as edits.
//
// A cache of reference data in a running server does not see these writes: it must be invalidated after
// seed_reference_data() (or the server restarted).
#include <string>
#include <vector>

#include "store/database.hpp"

namespace the5hc::store {

struct SeedOptions {
  bool standards = true, norms = true, mcq = true;  // --only picks one
  bool reset = false;
  bool dry_run = false;  // count what would change, write nothing
};

struct SeedCounts {
  std::string table;
  int inserted = 0, updated = 0, unchanged = 0;
  int differing = 0;  // edited rows kept as they are (without reset)
};

// One transaction; the counts per table in the order test_standards, normative_data, mcq_categories,
// mcq_questions, mcq_choices (only the selected ones).
std::vector<SeedCounts> seed_reference_data(Database& db, const SeedOptions& options);

}  // namespace the5hc::store
