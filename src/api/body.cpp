#include "api/body.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "common/i18n.hpp"
#include "common/time.hpp"
#include "domain/client_rules.hpp"
#include "http/json_response.hpp"

namespace the5hc::api {
Body::Body(const http::Request& req, std::set<std::string> writable, std::set<std::string> read_only)
    : json_(http::json_body(req)),
      from_form_(req.media_type() == "application/x-www-form-urlencoded" ||
                 req.media_type() == "multipart/form-data") {
  check_keys(writable, read_only);
}

Body::Body(nlohmann::json object, std::set<std::string> writable, std::set<std::string> read_only)
    : json_(std::move(object)) {
  if (!json_.is_object()) throw Error(ErrorCode::validation, "A JSON object is required.", {{"non_field_errors", {"A JSON object is required."}}});
  check_keys(writable, read_only);
}

void Body::check_keys(const std::set<std::string>& writable, const std::set<std::string>& read_only) {
  for (auto it = json_.begin(); it != json_.end();) {
    if (writable.count(it.key())) {
      ++it;
    } else if (read_only.count(it.key())) {
      it = json_.erase(it);
    } else {
      errors_[it.key()].push_back("This field is not allowed.");  // 허용되지 않는 필드입니다.
      ++it;
    }
  }
}

const nlohmann::json* Body::value(const std::string& key, bool required, bool nullable, bool empty_is_null) {
  if (!json_.contains(key)) {
    if (required) error(key, "This field is required.");
    return nullptr;
  }
  const auto& v = json_.at(key);
  // A form cannot send null: an empty value stands for it in a nullable field that is not text.
  if (v.is_null() || (empty_is_null && from_form_ && nullable && v == "")) {
    if (!nullable) error(key, "This field may not be null.");
    return nullptr;
  }
  return &v;
}

std::optional<std::string> Body::text(const std::string& key, bool required, bool nullable, std::size_t max_chars,
                                      bool allow_blank) {
  const auto* v = value(key, required, nullable);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    error(key, "Not a valid string.");
    return std::nullopt;
  }
  std::string s = domain::trim(v->get<std::string>());
  if (s.empty() && !allow_blank) {
    if (nullable) return std::nullopt;
    error(key, "This field may not be blank.");
    return std::nullopt;
  }
  if (max_chars && domain::char_count(s) > max_chars) {
    error(key, i18n::args("Ensure this field has no more than {n} characters.", {{"n", std::to_string(max_chars)}}));
    return std::nullopt;
  }
  return s;
}

std::optional<std::int64_t> Body::integer(const std::string& key, bool required, bool nullable,
                                          std::optional<std::int64_t> min, std::optional<std::int64_t> max) {
  const auto* v = value(key, required, nullable, true);
  if (!v) return std::nullopt;
  // Every integer of ours fits the 32-bit integer columns of the schema; a larger one would be cut short by a cast
  // ("age": 4294967326 → 30), so it is out of range unless the field says otherwise.
  if (!min) min = std::numeric_limits<std::int32_t>::min();
  if (!max) max = std::numeric_limits<std::int32_t>::max();
  std::optional<std::int64_t> n;
  // Beyond 64 bits is no integer of ours either ("A valid integer is required.").
  if (v->is_number_unsigned()) {
    if (v->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      n = v->get<std::int64_t>();
  } else if (v->is_number_integer()) {
    n = v->get<std::int64_t>();
  } else if (v->is_number_float()) {
    double d = v->get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 9.0e18) n = static_cast<std::int64_t>(d);
  } else if (v->is_string()) {
    // the whole text an optionally signed decimal number ("--1", "1-2" and "0x10" are not)
    const auto& s = v->get_ref<const std::string&>();
    std::int64_t parsed = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), parsed);
    if (!s.empty() && end == s.data() + s.size() && ec == std::errc()) n = parsed;
  }
  if (!n) {
    error(key, "A valid integer is required.");
    return std::nullopt;
  }
  if (min && *n < *min) {
    error(key, i18n::args("Ensure this value is greater than or equal to {n}.", {{"n", std::to_string(*min)}}));
    return std::nullopt;
  }
  if (max && *n > *max) {
    error(key, i18n::args("Ensure this value is less than or equal to {n}.", {{"n", std::to_string(*max)}}));
    return std::nullopt;
  }
  return n;
}

std::optional<double> Body::number(const std::string& key, bool required, bool nullable) {
  const auto* v = value(key, required, nullable, true);
  if (!v) return std::nullopt;
  // NaN and infinities are no measurement ("nan", "inf" and "1e309" parse as such).
  if (v->is_number() && std::isfinite(v->get<double>())) return v->get<double>();
  if (v->is_string()) {  // decimal only: strtod would also read "0x50" as 80
    const auto& s = v->get_ref<const std::string&>();
    double d = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d, std::chars_format::general);
    if (!s.empty() && end == s.data() + s.size() && ec == std::errc() && std::isfinite(d)) return d;
  }
  error(key, "A valid number is required.");
  return std::nullopt;
}

std::optional<bool> Body::boolean(const std::string& key, bool required) {
  const auto* v = value(key, required, false);
  if (!v) return std::nullopt;
  if (v->is_boolean()) return v->get<bool>();
  if (v->is_string()) {
    const auto& s = v->get_ref<const std::string&>();
    if (s == "true" || s == "on" || s == "1") return true;
    if (s == "false" || s == "off" || s == "0") return false;
  }
  if (v->is_number_integer() && (*v == 0 || *v == 1)) return *v == 1;
  error(key, "Must be a valid boolean.");
  return std::nullopt;
}

std::optional<std::string> Body::choice(const std::string& key, const std::set<std::string>& choices, bool required,
                                        bool nullable) {
  const auto* v = value(key, required, nullable, true);
  if (!v) return std::nullopt;
  // A repeated form field is a list of strings that may hold invalid UTF-8: dump_json replaces it, dump() throws.
  std::string s = v->is_string() ? v->get<std::string>() : http::dump_json(*v);
  if (!v->is_string() || !choices.count(s)) {
    error(key, i18n::args("\"{v}\" is not a valid choice.", {{"v", s}}));
    return std::nullopt;
  }
  return s;
}

std::optional<std::string> Body::date(const std::string& key, bool required, bool nullable) {
  const auto* v = value(key, required, nullable, true);
  if (!v) return std::nullopt;
  if (!v->is_string() || !parse_date(v->get<std::string>())) {
    error(key, "Date has wrong format. Use YYYY-MM-DD.");
    return std::nullopt;
  }
  return v->get<std::string>();
}

void Body::finish() const {
  if (!errors_.empty()) throw Error::validation(errors_);
}

}  // namespace the5hc::api
