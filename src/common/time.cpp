#include "common/time.hpp"

#include <cstdio>
#include <map>

namespace the5hc {
namespace {

using namespace std::chrono;

const std::map<std::string_view, int>& zones() {
  static const std::map<std::string_view, int> z = {
      {"Asia/Seoul", 540}, {"Asia/Tokyo", 540},     {"Asia/Shanghai", 480}, {"Asia/Singapore", 480},
      {"Asia/Hong_Kong", 480}, {"Asia/Taipei", 480}, {"Asia/Bangkok", 420}, {"Asia/Ho_Chi_Minh", 420},
      {"UTC", 0},           {"Etc/UTC", 0},          {"GMT", 0}};
  return z;
}

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string format_timestamp(TimePoint t) {
  auto secs = floor<seconds>(t);
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss hms{secs - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d:%02d", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()), int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()));
  return buf;
}

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) ||
      !digits(s.substr(8, 2)))
    return std::nullopt;
  Date d{std::stoi(std::string(s.substr(0, 4))), std::stoi(std::string(s.substr(5, 2))),
         std::stoi(std::string(s.substr(8, 2)))};
  year_month_day ymd{year{d.year}, month{unsigned(d.month)}, day{unsigned(d.day)}};
  if (!ymd.ok() || d.year < 1900) return std::nullopt;
  return d;
}

std::optional<TimePoint> parse_timestamp(std::string_view s) {
  if (s.size() < 19) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':' || !digits(s.substr(11, 2)) ||
      !digits(s.substr(14, 2)) || !digits(s.substr(17, 2)))
    return std::nullopt;
  int h = std::stoi(std::string(s.substr(11, 2))), m = std::stoi(std::string(s.substr(14, 2))),
      sec = std::stoi(std::string(s.substr(17, 2)));
  if (h > 23 || m > 59 || sec > 60) return std::nullopt;
  std::string_view rest = s.substr(19);
  if (!rest.empty() && rest[0] == '.') {  // fractional seconds are dropped
    size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    rest = rest.substr(i);
  }
  int offset = 0;
  if (rest == "Z" || rest == "z" || rest.empty()) {
    offset = 0;
  } else if ((rest[0] == '+' || rest[0] == '-') && (rest.size() == 6 || rest.size() == 3)) {
    if (!digits(rest.substr(1, 2)) || (rest.size() == 6 && (rest[3] != ':' || !digits(rest.substr(4, 2)))))
      return std::nullopt;
    offset = std::stoi(std::string(rest.substr(1, 2))) * 60 + (rest.size() == 6 ? std::stoi(std::string(rest.substr(4, 2))) : 0);
    if (rest[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  sys_days day = year_month_day{year{date->year}, month{unsigned(date->month)}, std::chrono::day{unsigned(date->day)}};
  return TimePoint{day} + hours{h} + minutes{m} + seconds{sec} - minutes{offset};
}

std::string iso8601(TimePoint t, int offset_minutes) {
  std::string local = format_timestamp(t + minutes{offset_minutes});
  local[10] = 'T';
  char buf[16];  // "+HH:MM"; room for any int so that -Wformat-truncation has nothing to say
  int a = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', a / 60, a % 60);
  return local + buf;
}

int zone_offset_minutes(std::string_view zone, TimePoint) {
  auto it = zones().find(zone);
  return it == zones().end() ? 540 : it->second;
}

bool known_zone(std::string_view zone) { return zones().count(zone) > 0; }

std::string Date::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

Date local_date(TimePoint t, std::string_view zone) {
  auto local = floor<days>(t + minutes{zone_offset_minutes(zone, t)});
  year_month_day ymd{local};
  return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

sys_days to_sys_days(Date d) {
  return year_month_day{year{d.year}, month{unsigned(d.month)}, std::chrono::day{unsigned(d.day)}};
}

Date add_days(Date d, int n) {
  year_month_day ymd{to_sys_days(d) + days{n}};
  return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

int days_between(Date from, Date to) {
  return int((to_sys_days(to) - to_sys_days(from)).count());
}

TimePoint start_of_day(Date d, std::string_view zone) {
  TimePoint midnight_utc{to_sys_days(d)};
  return midnight_utc - minutes{zone_offset_minutes(zone, midnight_utc)};
}

}  // namespace the5hc
