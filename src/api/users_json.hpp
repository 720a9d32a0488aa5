#pragma once
#include <nlohmann/json.hpp>

#include "common/i18n.hpp"
#include "service/identity.hpp"

namespace the5hc::api {

// The User object of API.md §3.8.
nlohmann::json user_json(const service::UserProfile& p, Lang lang);

}  // namespace the5hc::api
