#include "api/json_fields.hpp"

#include "common/time.hpp"

namespace the5hc::api {

nlohmann::json timestamp_json(const std::optional<std::string>& stored, const std::string& zone) {
  if (!stored || stored->empty()) return nullptr;
  auto t = parse_timestamp(*stored);
  if (!t) return *stored;
  return iso8601(*t, zone_offset_minutes(zone, *t));
}

std::string role_display(const std::string& role, Lang lang) {
  if (role == "owner") return i18n::tr(lang, "Owner");
  if (role == "senior") return i18n::tr(lang, "Senior trainer");
  if (role == "assistant") return i18n::tr(lang, "Assistant");
  return i18n::tr(lang, "Trainer");
}

}  // namespace the5hc::api
