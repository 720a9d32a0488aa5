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

// The value of the n digits at s[at], or -1 when one of them is not a digit (the caller has checked the length).
// Timestamps are parsed for every row of a list (created_at, updated_at): read in place, without substrings,
// stoi's copies or snprintf.
int digits_at(std::string_view s, std::size_t at, std::size_t n) {
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    const unsigned d = static_cast<unsigned char>(s[i]) - unsigned('0');
    if (d > 9) return -1;
    v = v * 10 + static_cast<int>(d);
  }
  return v;
}

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  Date d{digits_at(s, 0, 4), digits_at(s, 5, 2), digits_at(s, 8, 2)};
  if (d.year < 0 || d.month < 0 || d.day < 0) return std::nullopt;
  year_month_day ymd{year{d.year}, month{unsigned(d.month)}, day{unsigned(d.day)}};
  if (!ymd.ok() || d.year < 1900) return std::nullopt;
  return d;
}

std::optional<TimePoint> parse_timestamp(std::string_view s) {
  if (s.size() < 19) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') return std::nullopt;
  const int h = digits_at(s, 11, 2), m = digits_at(s, 14, 2), sec = digits_at(s, 17, 2);
  if (h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 60) return std::nullopt;
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
    const int oh = digits_at(rest, 1, 2), om = rest.size() == 6 ? digits_at(rest, 4, 2) : 0;
    if (oh < 0 || om < 0 || (rest.size() == 6 && rest[3] != ':')) return std::nullopt;
    offset = oh * 60 + om;
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
  // Asked for every timestamp of a page, nearly always for the same zone: each thread keeps its last answer.
  thread_local std::string last_zone;
  thread_local int last_offset = -1;
  if (last_offset >= 0 && zone == last_zone) return last_offset;
  auto it = zones().find(zone);
  const int offset = it == zones().end() ? 540 : it->second;
  if (offset >= 0) {  // (every zone of the table is east of UTC or on it; a western one is simply not kept)
    last_zone.assign(zone);
    last_offset = offset;
  }
  return offset;
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
