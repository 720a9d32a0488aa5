// When the daily backup of BACKUP_SCHEDULE is due (OPERATIONS.md §6): "HH:MM" in TIME_ZONE, once per local day.
#include <gtest/gtest.h>

#include "app/scheduled_jobs.hpp"
#include "common/time.hpp"

using namespace the5hc;

namespace {
TimePoint at(const char* utc) { return *parse_timestamp(utc); }
}  // namespace

TEST(BackupSchedule, DueOnceWhenTheLocalTimePassesInsideTheWindow) {
  // 02:00 in Seoul is 17:00 UTC of the day before; the slot is the local date.
  EXPECT_EQ(app::backup_slot_due("02:00", "Asia/Seoul", at("2026-12-04 16:59:50"), at("2026-12-04 17:00:10")),
            "2026-12-05");
  EXPECT_EQ(app::backup_slot_due("02:00", "Asia/Seoul", at("2026-12-04 16:59:59"), at("2026-12-04 17:00:00")),
            "2026-12-05");
  EXPECT_FALSE(app::backup_slot_due("02:00", "Asia/Seoul", at("2026-12-04 17:00:00"), at("2026-12-04 17:00:20")));
  EXPECT_FALSE(app::backup_slot_due("02:00", "Asia/Seoul", at("2026-12-04 10:00:00"), at("2026-12-04 10:00:20")));
  EXPECT_EQ(app::backup_slot_due("23:30", "UTC", at("2026-12-04 23:29:45"), at("2026-12-04 23:30:05")), "2026-12-04");
  // Just after local midnight, yesterday's 23:59 still counts for yesterday.
  EXPECT_EQ(app::backup_slot_due("23:59", "Asia/Seoul", at("2026-12-04 14:58:55"), at("2026-12-04 15:00:05")),
            "2026-12-04");
}

TEST(BackupSchedule, OffWhenUnsetOrMalformed) {
  EXPECT_FALSE(app::backup_slot_due("", "Asia/Seoul", at("2026-12-04 00:00:00"), at("2026-12-05 00:00:00")));
  EXPECT_FALSE(app::backup_slot_due("2:00", "Asia/Seoul", at("2026-12-04 00:00:00"), at("2026-12-05 00:00:00")));
}
