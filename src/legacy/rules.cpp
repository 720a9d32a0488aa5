#include "legacy/rules.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cmath>

#include "common/time.hpp"
#include "domain/client_rules.hpp"
#include "domain/rounding.hpp"

namespace the5hc::legacy {
namespace {

std::optional<std::string> nonblank(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  auto t = domain::trim(*s);
  if (t.empty()) return std::nullopt;
  return t;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

int rate_bp(double fraction) { return static_cast<int>(domain::round0(fraction * 10000.0)); }

std::optional<std::string> gender(std::string_view raw) {
  std::string g = lower_ascii(domain::trim(raw));
  if (g == "남성" || g == "남" || g == "male" || g == "m" || g == "남자") return "male";
  if (g == "여성" || g == "여" || g == "female" || g == "f" || g == "여자") return "female";
  return std::nullopt;
}

std::string payment_method(const std::optional<std::string>& raw) {
  auto m = nonblank(raw);
  if (!m) return "other";
  std::string v = lower_ascii(*m);
  if (v == "card" || v == "카드" || v == "신용카드") return "card";
  if (v == "cash" || v == "현금") return "cash";
  if (v == "transfer" || v == "계좌이체" || v == "이체") return "transfer";
  return "other";
}

std::optional<std::string> payment_description(const std::optional<std::string>& description,
                                               const std::optional<std::string>& raw_method) {
  auto d = nonblank(description);
  auto m = nonblank(raw_method);
  if (payment_method(raw_method) != "other" || !m) return d;
  std::string suffix = "(결제수단: " + *m + ")";
  return d ? *d + " " + suffix : suffix;
}

std::string payment_kind(const std::optional<std::string>& description, const std::optional<std::string>& raw_method) {
  std::string d = nonblank(description).value_or("");
  if (starts_with(d, "크래딧 충전") || starts_with(d, "크레딧 충전")) return "top_up";
  if (starts_with(d, "패키지 구매") || nonblank(raw_method).value_or("") == "Package Purchase") return "package_purchase";
  return "other";
}

std::string package_name(const std::optional<std::string>& name, long long total_sessions) {
  if (auto n = nonblank(name)) return *n;
  return std::to_string(total_sessions) + "회 패키지";
}

std::optional<std::string> hhmm(const std::optional<std::string>& raw) {
  auto t = nonblank(raw);
  if (!t) return std::nullopt;
  auto colon = t->find(':');
  if (colon == std::string::npos || colon == 0 || colon > 2) return std::nullopt;
  std::string_view h(t->data(), colon);
  std::string_view rest(t->data() + colon + 1, t->size() - colon - 1);
  std::string_view m = rest.substr(0, 2);
  if (!digits(h) || m.size() != 2 || !digits(m)) return std::nullopt;
  if (rest.size() > 2 && rest[2] != ':' && rest[2] != '.') return std::nullopt;
  int hour = number(h), minute = number(m);
  if (hour > 23 || minute > 59) return std::nullopt;
  std::string out = std::to_string(hour).insert(0, hour < 10 ? "0" : "");
  return out + ":" + (minute < 10 ? "0" : "") + std::to_string(minute);
}

std::optional<std::string> session_status(const std::optional<std::string>& raw) {
  auto s = nonblank(raw);
  if (!s) return std::nullopt;
  std::string v = lower_ascii(*s);
  if (v == "scheduled" || v == "completed" || v == "cancelled" || v == "no_show") return v;
  return std::nullopt;
}

std::string fee_calculation_type(const std::optional<std::string>& raw) {
  auto t = nonblank(raw).value_or("");
  if (t == "package_creation") return "package_purchase";
  if (t == "credit_addition") return "top_up";
  return "legacy";
}

std::optional<std::string> notes_with_compensations(const std::optional<std::string>& notes,
                                                    const std::optional<std::string>& compensations) {
  auto n = nonblank(notes);
  auto c = nonblank(compensations);
  if (!c) return n;
  std::string line = "보상 패턴: " + *c;
  return n ? *n + "\n" + line : line;
}

std::string renamed_username(const std::string& username, long long legacy_id, int attempt) {
  std::string r = username + "-legacy" + std::to_string(legacy_id);
  return attempt > 1 ? r + "-" + std::to_string(attempt) : r;
}

std::string renamed_email(const std::string& email, long long legacy_id, int attempt) {
  auto at = email.rfind('@');
  std::string local = at == std::string::npos ? email : email.substr(0, at);
  std::string domain = at == std::string::npos ? "legacy.invalid" : email.substr(at + 1);
  std::string tag = "+legacy" + std::to_string(legacy_id) + (attempt > 1 ? "-" + std::to_string(attempt) : "");
  return local + tag + "@" + domain;
}

std::string lower_ascii(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::optional<std::string> date(const std::optional<std::string>& raw) {
  auto t = nonblank(raw);
  if (!t || t->size() < 10) return std::nullopt;
  auto d = parse_date(std::string_view(*t).substr(0, 10));
  if (!d || (t->size() > 10 && (*t)[10] != ' ' && (*t)[10] != 'T')) return std::nullopt;
  return d->str();
}

std::optional<std::string> timestamp(const std::optional<std::string>& raw) {
  auto d = date(raw);
  if (!d) return std::nullopt;
  std::string t = domain::trim(*raw);
  if (t.size() == 10) return *d + " 00:00:00";
  std::string_view clock = std::string_view(t).substr(11);
  if (clock.size() < 8 || clock[2] != ':' || clock[5] != ':' || !digits(clock.substr(0, 2)) ||
      !digits(clock.substr(3, 2)) || !digits(clock.substr(6, 2)))
    return std::nullopt;
  if (number(clock.substr(0, 2)) > 23 || number(clock.substr(3, 2)) > 59 || number(clock.substr(6, 2)) > 60)
    return std::nullopt;
  return *d + " " + std::string(clock.substr(0, 8));
}

std::optional<std::string> seoul_midnight_utc(const std::optional<std::string>& raw_date) {
  auto d = date(raw_date);
  if (!d) return std::nullopt;
  return format_timestamp(start_of_day(*parse_date(*d), "Asia/Seoul"));
}

std::optional<std::string> password_hash(const std::optional<std::string>& bcrypt_hash,
                                         const std::optional<std::string>& password,
                                         const std::optional<std::string>& salt) {
  if (auto h = nonblank(bcrypt_hash)) return *h;
  auto p = nonblank(password);
  if (!p) return std::nullopt;
  if (auto s = nonblank(salt)) return "legacy-hmac-sha256$" + lower_ascii(*s) + "$" + lower_ascii(*p);
  return "legacy-sha256$" + lower_ascii(*p);
}

}  // namespace the5hc::legacy
