#pragma once
// What the package, session and payment use cases share (DOMAIN.md §5, §6): who may list which records, access to
// one record through its client, and the organisation's zone and rates.
#include <cstdint>
#include <string>

#include "common/time.hpp"
#include "store/clients.hpp"
#include "store/organizations.hpp"
#include "store/scope.hpp"
#include "service/context.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

// Clients (and their records) the actor sees, whatever the role (DOMAIN.md §6.1): organisation (owner, senior),
// own clients (trainer, assistant), all (superuser), none (no membership).
store::Scope visibility_scope(const Context& ctx);

// Rows the actor may list: organisation (owner, senior), own clients' (trainer), all (superuser), none (no
// membership). Assistants → 403 on every package, session and payment endpoint (API.md §1.4).
store::Scope records_scope(const Context& ctx);

// 404 when the record's client is invisible, 403 when visible but forbidden (assistants). Whoever looks a record up
// by id calls records_scope() first: an assistant's 403 must not depend on whether the id exists, or 403 vs 404
// would tell them which ids exist in every studio.
void authorize_record(const Context& ctx, std::int64_t organization_id, std::int64_t client_trainer_id);

// The client a write names (package, payment): absent or invisible → 400 {"client": ["Invalid pk …"]}, visible
// but forbidden → 403 (API.md §1.4).
store::Client client_for_write(soci::session& sql, const Context& ctx, std::int64_t client_id);

// The record's organisation (zone, VAT and card rates); throws Error(not_found) when it is gone.
store::Organization organization_of(soci::session& sql, std::int64_t organization_id);

// Today in the organisation's zone.
Date local_today(const Context& ctx, const store::Organization& org);

}  // namespace the5hc::service
