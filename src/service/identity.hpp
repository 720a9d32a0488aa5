#pragma once
// Who is acting: the user with their membership, loaded once per request by the authentication layer.
#include <cstdint>
#include <optional>

#include "service/context.hpp"
#include "store/organizations.hpp"
#include "store/users.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

// nullopt when the user does not exist or is inactive. An inactive membership leaves the actor without an
// organisation (DOMAIN.md §6.2: "비활성화된 트레이너입니다.").
std::optional<Actor> load_actor(soci::session& sql, std::int64_t user_id);
// The same for a user and membership already read (store::find_member, one query on every authenticated request).
std::optional<Actor> actor_of(const store::Member& member);

// The zone the actor's dates are counted and shown in: their organisation's (loaded with the actor), else the
// configured one (Config::time_zone) — for a superuser or a user without a membership.
std::string actor_zone(const Context& ctx);

// A user with their membership and organisation, as the API's User object shows them (API.md §3.8).
struct UserProfile {
  store::User user;
  std::optional<store::Trainer> trainer;
  std::optional<store::Organization> organization;
  std::string zone;  // the organisation's, else Config::time_zone: for the timestamps
};
std::optional<UserProfile> load_profile(soci::session& sql, const Context& ctx, std::int64_t user_id);
UserProfile get_profile(Context& ctx, std::int64_t user_id);  // Error(not_found) when absent

}  // namespace the5hc::service
