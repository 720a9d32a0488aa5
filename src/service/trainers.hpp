#pragma once
// Trainer use cases (DOMAIN.md §1.3, §6.2, §6.3; API.md §3.10).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "service/context.hpp"
#include "store/organizations.hpp"

namespace the5hc::service {

// A trainer with the figures of API.md §3.10; revenue is shown only to the trainer and to those who see the
// organisation dashboard (owners, seniors, the superuser), who see every trainer's revenue there anyway.
struct TrainerView {
  store::Trainer trainer;
  store::TrainerStats stats;
  bool revenue_visible = false;
  // What the caller may do to this trainer (DOMAIN.md §6.2), for the buttons of the pages.
  bool can_edit = false, can_deactivate = false, can_change_role = false;
};

struct TrainerPage {
  std::int64_t count = 0;
  std::vector<TrainerView> results;
};

// GET /trainers/: what the caller filters by.
struct TrainerQuery {
  std::optional<std::string> role;  // code
  std::optional<bool> is_active;
  std::vector<std::string> search;
  store::Sort<store::TrainerSort> sort;  // empty: by name
  int limit = 20, offset = 0;
};
// Members of the caller's organisation (superuser: every organisation).
TrainerPage list_trainers(Context& ctx, const TrainerQuery& query);
TrainerView get_trainer(Context& ctx, std::int64_t id);

struct TrainerChanges {
  std::optional<std::string> name, email;  // the trainer's account (users): whoever may edit the profile
  std::optional<std::optional<std::string>> bio;
  std::optional<std::vector<std::string>> certifications, specialties;
  std::optional<int> years_of_experience;
  std::optional<std::int64_t> session_price;
  std::optional<std::string> role;
  FieldErrors input_errors;  // errors found reading the body: reported after the trainer is found (404 first)
};
// Profile fields: the trainer themself, or an owner/senior per the matrix; role: owners and superusers, never
// leaving the organisation without an active owner. Audits trainer_updated and role_changed.
TrainerView update_trainer(Context& ctx, std::int64_t id, const TrainerChanges& in);

// Deactivation also ends the trainer's sessions: refresh tokens revoked, web sessions deleted.
// Self → 400; last owner → 403.
TrainerView deactivate_trainer(Context& ctx, std::int64_t id);
// Needs room under max_trainers.
TrainerView activate_trainer(Context& ctx, std::int64_t id);

}  // namespace the5hc::service
