#include "app/scheduled_jobs.hpp"

#include <cstdio>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "common/log.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "store/backup.hpp"
#include "store/database.hpp"
#include "store/housekeeping.hpp"

namespace the5hc::app {
namespace {

constexpr auto kTick = std::chrono::seconds(20);

std::string hour_slot(TimePoint t) {  // "2026-12-05T02" (UTC)
  auto s = format_timestamp(t);
  return s.substr(0, 10) + "T" + s.substr(11, 2);
}

std::string describe(const std::exception& e) { return i18n::translate(Lang::en, e.what()); }

}  // namespace

std::optional<std::string> backup_slot_due(const std::string& schedule, const std::string& zone, TimePoint from,
                                           TimePoint to) {
  int hh = 0, mm = 0;
  if (schedule.size() != 5 || std::sscanf(schedule.c_str(), "%2d:%2d", &hh, &mm) != 2) return std::nullopt;
  // Today's and yesterday's scheduled moment in the zone: a window never spans more than one of them in practice.
  for (int back : {0, 1}) {
    Date day = add_days(local_date(to, zone), -back);
    TimePoint at = start_of_day(day, zone) + std::chrono::hours(hh) + std::chrono::minutes(mm);
    if (at > from && at <= to) return day.str();
  }
  return std::nullopt;
}

ScheduledJobs::ScheduledJobs(const Config& config, store::Database& db, const Clock& clock)
    : config_(config), db_(db), clock_(clock) {}

ScheduledJobs::~ScheduledJobs() { stop(); }

void ScheduledJobs::start() {
  store::register_backup_metrics();
  last_tick_ = clock_.now();
  thread_ = std::thread([this] { run(); });
}

void ScheduledJobs::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ScheduledJobs::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    tick(clock_.now());
    lock.lock();
    wake_.wait_for(lock, kTick, [this] { return stopping_; });
  }
}

void ScheduledJobs::tick(TimePoint now) {
  if (auto slot = hour_slot(now); slot != housekeeping_slot_) {
    housekeeping_slot_ = slot;
    housekeeping(now);
  }
  if (auto day = backup_slot_due(config_.backup_schedule, config_.time_zone, last_tick_, now)) backup(*day, now);
  last_tick_ = now;
}

void ScheduledJobs::housekeeping(TimePoint now) {
  try {
    if (!store::claim_job(db_, "housekeeping", housekeeping_slot_, now)) return;
    auto c = store::housekeep(db_, now);
    log::info("app", "housekeeping done",
              {{"web_sessions_deleted", c.web_sessions},
               {"refresh_tokens_deleted", c.refresh_tokens},
               {"invitations_expired", c.invitations},
               {"notifications_deleted", c.notifications}});
  } catch (const std::exception& e) {
    // The database may be down for a moment; the next hour tries again.
    log::error("app", "housekeeping failed", {{"error", describe(e)}});
  }
}

void ScheduledJobs::backup(const std::string& slot, TimePoint now) {
  try {
    if (!store::claim_job(db_, "backup", slot, now)) {
      log::info("app", "scheduled backup skipped: another node runs it", {{"slot", slot}});
      return;
    }
    store::create_backup(db_, config_.database, {.dir = config_.backup_dir}, now);
    store::prune_backups(config_.backup_dir, config_.backup_retention_days, now);
  } catch (const std::exception& e) {
    // create_backup logged and counted its own failure; a failed claim or prune is logged here.
    log::error("app", "scheduled backup failed", {{"slot", slot}, {"error", describe(e)}});
  }
}

}  // namespace the5hc::app
