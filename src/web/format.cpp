#include "web/format.hpp"

#include <array>
#include <cmath>
#include <cstdio>

#include "domain/money.hpp"

namespace the5hc::web {

std::string money(std::int64_t won) {
  std::string digits = domain::format_thousands(won);  // "-1,000" for a negative amount (-won could overflow)
  return won < 0 ? "-₩" + digits.substr(1) : "₩" + digits;
}

std::string one_decimal(std::optional<double> value) {
  if (!value) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", std::round(*value * 10) / 10);
  return buf;
}

std::string long_date(std::string_view date, Lang lang) {
  auto d = parse_date(date.substr(0, 10));
  if (!d) return std::string(date);
  char buf[48];
  if (lang == Lang::en) {
    static const std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::snprintf(buf, sizeof buf, "%s %d, %d", months[static_cast<size_t>(d->month - 1)], d->day, d->year);
  } else {
    std::snprintf(buf, sizeof buf, "%04d년 %02d월 %02d일", d->year, d->month, d->day);
  }
  return buf;
}

std::string local_date_time(std::string_view utc_timestamp, std::string_view zone) {
  auto t = parse_timestamp(utc_timestamp);
  if (!t) return "";
  // "2026-11-25T17:27:12+09:00" → "2026-11-25 17:27"
  std::string iso = iso8601(*t, zone_offset_minutes(zone, *t));
  return iso.substr(0, 10) + " " + iso.substr(11, 5);
}

std::string local_day(std::string_view utc_timestamp, std::string_view zone) {
  return local_date_time(utc_timestamp, zone).substr(0, 10);
}

std::string plural(Lang lang, std::string_view singular, std::string_view plural_form, std::int64_t n) {
  std::string_view msgid = (lang == Lang::en && n != 1) ? plural_form : singular;
  return i18n::translate(lang, msgid, {{"n", std::to_string(n)}});
}

std::string relative_time(TimePoint then, TimePoint now, Lang lang) {
  using namespace std::chrono;
  auto secs = duration_cast<seconds>(now - then).count();
  if (secs < 60) return i18n::tr(lang, "just now");
  if (secs < 3600) return plural(lang, "{n} minute ago", "{n} minutes ago", secs / 60);
  if (secs < 86400) return plural(lang, "{n} hour ago", "{n} hours ago", secs / 3600);
  if (secs < 30 * 86400) return plural(lang, "{n} day ago", "{n} days ago", secs / 86400);
  return format_timestamp(then).substr(0, 10);
}

}  // namespace the5hc::web
