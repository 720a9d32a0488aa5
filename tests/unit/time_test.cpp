#include <gtest/gtest.h>

#include "common/time.hpp"

using namespace the5hc;

TEST(Time, TimestampsRoundTripInTheStoredForm) {
  auto t = parse_timestamp("2026-11-25 08:27:12");
  ASSERT_TRUE(t);
  EXPECT_EQ(format_timestamp(*t), "2026-11-25 08:27:12");
  EXPECT_EQ(iso8601(*t, 540), "2026-11-25T17:27:12+09:00");
  EXPECT_EQ(format_timestamp(*parse_timestamp("2026-11-25T17:27:12.345+09:00")), "2026-11-25 08:27:12");
  EXPECT_EQ(format_timestamp(*parse_timestamp("2026-11-25T08:27:12Z")), "2026-11-25 08:27:12");
  EXPECT_FALSE(parse_timestamp("2026-11-25 25:00:00"));
  EXPECT_FALSE(parse_timestamp("yesterday"));
}

TEST(Time, DatesAreStrictCalendarDays) {
  EXPECT_TRUE(parse_date("2024-02-29"));
  EXPECT_FALSE(parse_date("2025-02-29"));
  EXPECT_FALSE(parse_date("2025-2-01"));
  EXPECT_FALSE(parse_date("2025-13-01"));
  EXPECT_EQ(add_days(*parse_date("2025-12-31"), 1).str(), "2026-01-01");
  EXPECT_EQ(days_between(*parse_date("2025-06-03"), *parse_date("2025-07-18")), 45);
}

TEST(Time, LocalDateFollowsTheOrganisationZone) {
  auto t = *parse_timestamp("2026-11-25 16:00:00");  // 01:00 next day in Seoul
  EXPECT_EQ(local_date(t, "Asia/Seoul").str(), "2026-11-26");
  EXPECT_EQ(local_date(t, "UTC").str(), "2026-11-25");
  EXPECT_EQ(format_timestamp(start_of_day(*parse_date("2026-11-26"), "Asia/Seoul")), "2026-11-25 15:00:00");
}

TEST(Time, TimestampsPrintPaddedFieldsAndSignedOffsets) {
  auto t = *parse_timestamp("1999-01-02 03:04:05-05:30");
  EXPECT_EQ(format_timestamp(t), "1999-01-02 08:34:05");
  EXPECT_EQ(iso8601(t, -330), "1999-01-02T03:04:05-05:30");
  EXPECT_EQ(iso8601(t, 0), "1999-01-02T08:34:05+00:00");
  EXPECT_EQ(iso8601(*parse_timestamp("2026-12-31 23:59:59"), 540), "2027-01-01T08:59:59+09:00");
}
