#pragma once
// Timestamps are stored as 'YYYY-MM-DD HH:MM:SS' UTC text and dates as 'YYYY-MM-DD' on both engines
// (DOMAIN.md §0; see migrations/0001). "Today" and "this month" are evaluated in the organisation's zone.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace the5hc {

using TimePoint = std::chrono::system_clock::time_point;

std::string format_timestamp(TimePoint t);                     // "2026-11-25 08:27:12" (UTC)
std::optional<TimePoint> parse_timestamp(std::string_view s);  // the stored form, or ISO 8601 with T/Z/offset
std::string iso8601(TimePoint t, int offset_minutes);          // "2026-11-25T17:27:12+09:00" for API output

// UTC offset of an IANA zone at time t, in minutes. Korea and the other zones a studio can pick keep no daylight
// saving today, so a fixed table suffices; unknown names fall back to Asia/Seoul (+09:00).
int zone_offset_minutes(std::string_view zone, TimePoint t);
bool known_zone(std::string_view zone);

struct Date {
  int year = 1970, month = 1, day = 1;
  std::string str() const;  // "2026-11-25"
  auto operator<=>(const Date&) const = default;
};
std::optional<Date> parse_date(std::string_view s);  // strict YYYY-MM-DD with a real calendar day
Date local_date(TimePoint t, std::string_view zone);
std::chrono::sys_days to_sys_days(Date d);
Date add_days(Date d, int days);
int days_between(Date from, Date to);  // to - from
TimePoint start_of_day(Date d, std::string_view zone);  // the UTC instant of local midnight

}  // namespace the5hc
