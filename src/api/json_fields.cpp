#include "api/json_fields.hpp"

#include "common/time.hpp"
#include "domain/permissions.hpp"

namespace the5hc::api {

std::optional<std::string> timestamp_text(const std::optional<std::string>& stored, const std::string& zone) {
  if (!stored || stored->empty()) return std::nullopt;
  auto t = parse_timestamp(*stored);
  if (!t) return *stored;
  return iso8601(*t, zone_offset_minutes(zone, *t));
}

nlohmann::json timestamp_json(const std::optional<std::string>& stored, const std::string& zone) {
  auto text = timestamp_text(stored, zone);
  return text ? nlohmann::json(std::move(*text)) : nlohmann::json(nullptr);
}

std::string role_display(const std::string& role, Lang lang) {
  auto r = domain::parse_role(role);
  if (!r) return role;
  const auto& label = domain::role_label(*r);
  return lang == Lang::en ? label.en : label.ko;
}

}  // namespace the5hc::api
