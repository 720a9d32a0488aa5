#pragma once
// JSON objects of packages, sessions and payments (API.md §3.4–§3.6).
#include <nlohmann/json.hpp>
#include <string>

#include "common/i18n.hpp"
#include "store/packages.hpp"
#include "store/payments.hpp"
#include "store/sessions.hpp"

namespace the5hc::api {

nlohmann::json package_json(const store::Package& p, const std::string& zone, Lang lang);
nlohmann::json payment_json(const store::Payment& p, const std::string& zone, Lang lang);
// `summary` is the package_summary object (API.md §3.5), null when not loaded.
nlohmann::json session_json(const store::Session& s, const std::string& zone, Lang lang,
                            const nlohmann::json& summary = nullptr);

}  // namespace the5hc::api
