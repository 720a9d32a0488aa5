#pragma once
// Housekeeping of `serve` (OPERATIONS.md §7) and the claim that makes a scheduled job run on one node only.
#include <string>

#include "common/time.hpp"
#include "store/database.hpp"

namespace the5hc::store {

struct HousekeepingCounts {
  int web_sessions = 0;    // deleted: expired more than a day ago
  int refresh_tokens = 0;  // deleted: expired more than a day ago
  int invitations = 0;     // pending past expires_at, now `expired`
  int notifications = 0;   // deleted: read and older than 180 days
};

// One transaction. The audit log and the fee audit are never touched.
HousekeepingCounts housekeep(Database& db, TimePoint now);

// Claims `slot` (e.g. "2026-12-05" for the daily backup, "2026-12-05T02" for an hour) of `job` for this process:
// true when no process claimed this or a later slot before. On PostgreSQL the claim runs under a transaction-level
// advisory lock (pg_try_advisory_xact_lock): a node that cannot take it skips, the node holding it records the slot,
// so with several nodes exactly one runs each slot. SQLite's write lock serialises the claim by itself.
bool claim_job(Database& db, const std::string& job, const std::string& slot, TimePoint now);

}  // namespace the5hc::store
