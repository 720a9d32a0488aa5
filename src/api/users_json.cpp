#include "api/users_json.hpp"

#include "api/json_fields.hpp"

namespace the5hc::api {

nlohmann::json user_json(const service::UserProfile& p, Lang lang) {
  const std::string& zone = p.zone;
  nlohmann::json j = {{"id", p.user.id},
                      {"username", p.user.username},
                      {"email", p.user.email},
                      {"name", p.user.name},
                      {"language", p.user.language},
                      {"is_active", p.user.is_active},
                      {"is_superuser", p.user.is_superuser},
                      {"date_joined", timestamp_json(p.user.date_joined, zone)},
                      {"last_login", timestamp_json(p.user.last_login, zone)},
                      {"must_change_password", p.user.must_change_password},
                      {"trainer", nullptr}};
  if (p.trainer && p.organization)
    j["trainer"] = {{"id", p.trainer->id},
                    {"role", p.trainer->role},
                    {"role_display", role_display(p.trainer->role, lang)},
                    {"organization",
                     {{"id", p.organization->id}, {"name", p.organization->name}, {"slug", p.organization->slug}}}};
  return j;
}

}  // namespace the5hc::api
