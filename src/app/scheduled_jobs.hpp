#pragma once
// The jobs `serve` runs beside the HTTP server (OPERATIONS.md §6, §7): housekeeping at start and then hourly, and
// with BACKUP_SCHEDULE a daily backup + prune at that local time of TIME_ZONE. Each run first claims its slot in
// the database (store::claim_job), so with several nodes on one PostgreSQL only one node runs it.
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "common/clock.hpp"

namespace the5hc {
struct Config;
namespace store {
class Database;
}

namespace app {

// The local date ("2026-12-05") of the daily `schedule` ("HH:MM" in `zone`) when that moment lies in (from, to];
// nullopt otherwise (also for an empty or malformed schedule).
std::optional<std::string> backup_slot_due(const std::string& schedule, const std::string& zone, TimePoint from,
                                           TimePoint to);

class ScheduledJobs {
 public:
  ScheduledJobs(const Config& config, store::Database& db, const Clock& clock);
  ~ScheduledJobs();
  ScheduledJobs(const ScheduledJobs&) = delete;
  ScheduledJobs& operator=(const ScheduledJobs&) = delete;

  void start();
  // Returns after the running job (if any) finished: jobs stop at a safe point, never halfway.
  void stop();

 private:
  void run();
  void tick(TimePoint now);
  void housekeeping(TimePoint now);
  void backup(const std::string& slot, TimePoint now);

  const Config& config_;
  store::Database& db_;
  const Clock& clock_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  TimePoint last_tick_{};
  std::string housekeeping_slot_;
};

}  // namespace app
}  // namespace the5hc
