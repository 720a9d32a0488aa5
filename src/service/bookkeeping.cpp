#include "service/bookkeeping.hpp"

#include "common/clock.hpp"
#include "common/error.hpp"
#include "service/authorization.hpp"

namespace the5hc::service {

store::Scope visibility_scope(const Context& ctx) {
  const auto& actor = require_actor(ctx);
  store::Scope scope;
  if (actor.is_superuser) {
    // without a membership, the organisation chosen in the web session's selector (none = all of them)
    if (actor.role.empty()) scope.organization_id = actor.organization_id;
    return scope;
  }
  if (!actor.organization_id) {
    scope.nothing = true;
    return scope;
  }
  scope.organization_id = actor.organization_id;
  if (!domain::sees_organization_clients(domain_actor(actor))) scope.trainer_id = actor.trainer_id;
  return scope;
}

store::Scope records_scope(const Context& ctx) {
  auto scope = visibility_scope(ctx);
  const auto& actor = *ctx.actor;
  // the actor's own client stands in for "a record they could see": answers 403 for assistants only
  if (!actor.is_superuser && actor.organization_id)
    authorize(ctx, domain::Action::manage_packages, {.organization_id = actor.organization_id,
                                                      .trainer_id = actor.trainer_id});
  return scope;
}

void authorize_record(const Context& ctx, std::int64_t organization_id, std::int64_t client_trainer_id) {
  // an assistant is refused (403) before visibility: API.md §1.4 answers them 403 on every such endpoint
  records_scope(ctx);
  authorize(ctx, domain::Action::manage_packages, {.organization_id = organization_id,
                                                    .trainer_id = client_trainer_id});
}

store::Client client_for_write(soci::session& sql, const Context& ctx, std::int64_t client_id) {
  records_scope(ctx);  // assistants → 403 before the lookup (bookkeeping.hpp)
  auto invalid = Error::field("client", i18n::args("Invalid pk \"{id}\" - object does not exist.",
                                                   {{"id", std::to_string(client_id)}}));
  auto client = store::find_client_record(sql, client_id);
  if (!client) throw invalid;
  try {
    authorize_record(ctx, client->organization_id, client->fields.trainer_id);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::not_found) throw invalid;
    throw;
  }
  return *client;
}

store::Organization organization_of(soci::session& sql, std::int64_t organization_id) {
  auto org = store::find_organization(sql, organization_id);
  if (!org) throw Error::not_found();
  return *org;
}

Date local_today(const Context& ctx, const store::Organization& org) {
  return local_date(ctx.clock.now(), org.timezone);
}

}  // namespace the5hc::service
