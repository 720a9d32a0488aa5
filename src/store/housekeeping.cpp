#include "store/housekeeping.hpp"

#include <soci/soci.h>

#include "store/invitations.hpp"
#include "store/query.hpp"

namespace the5hc::store {
namespace {

// Advisory lock key of the scheduled jobs: any constant that no other part of the system uses ("5HC" "JOBS").
constexpr long long kJobsLockKey = 0x354843'4a4f4253LL;

int affected(soci::session& sql, const std::string& query, SqlParams& p) {
  return static_cast<int>(execute(sql, query, p));
}

}  // namespace

HousekeepingCounts housekeep(Database& db, TimePoint now) {
  return db.write([&](soci::session& sql) {
    HousekeepingCounts c;
    std::string day_ago = format_timestamp(now - std::chrono::days(1));
    std::string half_year_ago = format_timestamp(now - std::chrono::days(180));
    {
      SqlParams p;
      c.web_sessions = affected(sql, "DELETE FROM web_sessions WHERE expires_at < " + p.add(day_ago), p);
    }
    {
      SqlParams p;
      c.refresh_tokens = affected(sql, "DELETE FROM refresh_tokens WHERE expires_at < " + p.add(day_ago), p);
    }
    {
      SqlParams p;
      c.notifications = affected(
          sql, "DELETE FROM notifications WHERE is_read = 1 AND created_at < " + p.add(half_year_ago), p);
    }
    SqlParams none;
    const std::string pending = "SELECT count(*) FROM invitations WHERE status = 'pending'";
    auto before = fetch_int(sql, pending, none);
    expire_invitations(sql, format_timestamp(now));
    c.invitations = static_cast<int>(before - fetch_int(sql, pending, none));
    return c;
  });
}

bool claim_job(Database& db, const std::string& job, const std::string& slot, TimePoint now) {
  bool postgres = db.dialect() == Dialect::postgres;
  return db.write([&](soci::session& sql) {
    if (postgres) {
      int locked = 0;
      sql << "SELECT CASE WHEN pg_try_advisory_xact_lock(:key) THEN 1 ELSE 0 END", soci::use(kJobsLockKey),
          soci::into(locked);
      if (!locked) return false;
    }
    SqlParams p;
    bool taken = false;
    for_each_row(sql, "SELECT 1 FROM job_runs WHERE job = " + p.add(job) + " AND slot >= " + p.add(slot), p,
                 [&](const Row&) { taken = true; });
    if (taken) return false;
    SqlParams w;
    execute(sql,
            "INSERT INTO job_runs (job, slot, claimed_at) VALUES (" + w.add(job) + ", " + w.add(slot) + ", " +
                w.add(format_timestamp(now)) + ") ON CONFLICT (job) DO UPDATE SET slot = excluded.slot, "
                "claimed_at = excluded.claimed_at",
            w);
    return true;
  });
}

}  // namespace the5hc::store
