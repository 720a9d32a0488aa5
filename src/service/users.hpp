#pragma once
// Reading users (API.md §3.8): the caller's organisation, every user for the platform superuser.
#include <cstdint>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "service/identity.hpp"

namespace the5hc::service {

struct UserPage {
  std::int64_t count = 0;
  std::vector<UserProfile> results;
};

UserPage list_users(Context& ctx, const std::vector<std::string>& search, int limit, int offset);
// The caller themself, a member of their organisation, or anyone for the superuser; otherwise 404.
UserProfile get_user(Context& ctx, std::int64_t id);

}  // namespace the5hc::service
