#include "common/time.hpp"

#include <algorithm>
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

// The value of a run of digits already checked by digits(). Timestamps are parsed and printed for every row of a
// list (created_at, updated_at): without stoi's string copies and snprintf this costs a few dozen instructions.
int number(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

// Writes n as `width` digits (zero-padded) at out; returns the end.
char* put_digits(char* out, unsigned n, int width) {
  for (int i = width - 1; i >= 0; --i, n /= 10) out[i] = static_cast<char>('0' + n % 10);
  return out + width;
}

// "YYYY-MM-DD HH:MM:SS" (19 characters) at out.
void put_timestamp(char* out, TimePoint t) {
  auto secs = floor<seconds>(t);
  auto day = floor<days>(secs);
  year_month_day ymd{day};
  hh_mm_ss hms{secs - day};
  char* p = put_digits(out, static_cast<unsigned>(std::clamp(int(ymd.year()), 0, 9999)), 4);
  *p++ = '-';
  p = put_digits(p, unsigned(ymd.month()), 2);
  *p++ = '-';
  p = put_digits(p, unsigned(ymd.day()), 2);
  *p++ = ' ';
  p = put_digits(p, static_cast<unsigned>(hms.hours().count()), 2);
  *p++ = ':';
  p = put_digits(p, static_cast<unsigned>(hms.minutes().count()), 2);
  *p++ = ':';
  put_digits(p, static_cast<unsigned>(hms.seconds().count()), 2);
}

}  // namespace

std::string format_timestamp(TimePoint t) {
  std::string out(19, ' ');
  put_timestamp(out.data(), t);
  return out;
}

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s.substr(0, 4)) || !digits(s.substr(5, 2)) ||
      !digits(s.substr(8, 2)))
    return std::nullopt;
  Date d{number(s.substr(0, 4)), number(s.substr(5, 2)), number(s.substr(8, 2))};
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
  int h = number(s.substr(11, 2)), m = number(s.substr(14, 2)), sec = number(s.substr(17, 2));
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
    offset = number(rest.substr(1, 2)) * 60 + (rest.size() == 6 ? number(rest.substr(4, 2)) : 0);
    if (rest[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  sys_days day = year_month_day{year{date->year}, month{unsigned(date->month)}, std::chrono::day{unsigned(date->day)}};
  return TimePoint{day} + hours{h} + minutes{m} + seconds{sec} - minutes{offset};
}

std::string iso8601(TimePoint t, int offset_minutes) {
  std::string out(25, ' ');  // "2026-11-25T17:27:12+09:00"
  put_timestamp(out.data(), t + minutes{offset_minutes});
  out[10] = 'T';
  unsigned a = static_cast<unsigned>(offset_minutes < 0 ? -offset_minutes : offset_minutes) % (100 * 60);
  out[19] = offset_minutes < 0 ? '-' : '+';
  put_digits(out.data() + 20, a / 60, 2);
  out[22] = ':';
  put_digits(out.data() + 23, a % 60, 2);
  return out;
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
