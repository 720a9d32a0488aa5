#pragma once
// Value formatting shared by every JSON resource: timestamps with the organisation's offset (API.md §1.1),
// nullable values, labels of choice codes in the request language.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/i18n.hpp"

namespace the5hc::api {

// "2026-11-25 08:27:12" (stored UTC) → "2026-11-25T17:27:12+09:00"; null for empty/absent.
nlohmann::json timestamp_json(const std::optional<std::string>& stored, const std::string& zone);
// The same as text for a JsonWriter (nullopt: null).
std::optional<std::string> timestamp_text(const std::optional<std::string>& stored, const std::string& zone);
template <class T>
nlohmann::json nullable(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
// Label of a trainer role code in the language: "owner" → 소유자 / Owner.
std::string role_display(const std::string& role, Lang lang);

}  // namespace the5hc::api
