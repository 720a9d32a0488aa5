#pragma once
// Trainer use cases (DOMAIN.md §1.3, §6.2, §6.3; API.md §3.10).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "store/organizations.hpp"

namespace the5hc::service {

struct TrainerPage {
  std::int64_t count = 0;
  std::vector<store::Trainer> results;
};

// Members of the caller's organisation (superuser: every organisation). order_by is store-ready SQL.
TrainerPage list_trainers(Context& ctx, store::TrainerFilter filter, const std::string& order_by, int limit,
                          int offset);
store::Trainer get_trainer(Context& ctx, std::int64_t id);

struct TrainerChanges {
  std::optional<std::optional<std::string>> bio;
  std::optional<std::vector<std::string>> certifications, specialties;
  std::optional<int> years_of_experience;
  std::optional<std::int64_t> session_price;
  std::optional<std::string> role;
};
// Profile fields: the trainer themself, or an owner/senior per the matrix; role: owners and superusers, never
// leaving the organisation without an active owner. Audits trainer_updated and role_changed.
store::Trainer update_trainer(Context& ctx, std::int64_t id, const TrainerChanges& in);

// Deactivation also ends the trainer's API sessions (refresh tokens revoked). Self → 400; last owner → 403.
store::Trainer deactivate_trainer(Context& ctx, std::int64_t id);
// Needs room under max_trainers.
store::Trainer activate_trainer(Context& ctx, std::int64_t id);

}  // namespace the5hc::service
