#pragma once
// How the pages write money, dates, scores and times (WEB.md §8). Pure functions of their input and the language.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/i18n.hpp"
#include "common/time.hpp"

namespace the5hc::web {

// ₩1,234,567 (integer won, in English too); negative amounts "-₩1,000".
std::string money(std::int64_t won);
// 82.5 (one decimal); "" for nullopt.
std::string one_decimal(std::optional<double> value);
// Detail pages: "2025년 06월 09일" / "Jun 9, 2025"; `date` is YYYY-MM-DD (or starts with it).
std::string long_date(std::string_view date, Lang lang);
// Lists: "2025-06-09"; date-times "2025-06-09 14:05" in the zone; "" when the text is not a timestamp.
std::string local_date_time(std::string_view utc_timestamp, std::string_view zone);
std::string local_day(std::string_view utc_timestamp, std::string_view zone);
// "방금 전", "5분 전", "3시간 전", "2일 전" / "just now", "1 hour ago", "3 hours ago"; dates older than 30 days as a
// list date.
std::string relative_time(TimePoint then, TimePoint now, Lang lang);
// gettext's ngettext for our catalogs: Korean has one plural form (msgstr[0]), English is the msgid language
// (n == 1 → singular, else plural). `{n}` is replaced by n.
std::string plural(Lang lang, std::string_view singular, std::string_view plural, std::int64_t n);

}  // namespace the5hc::web
