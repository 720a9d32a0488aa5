#include "service/trainers.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/client_rules.hpp"
#include "domain/organization_rules.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/profile.hpp"
#include "store/database.hpp"
#include "store/refresh_tokens.hpp"
#include "store/users.hpp"
#include "store/web_sessions.hpp"

namespace the5hc::service {
namespace {

store::Trainer find_visible(soci::session& sql, const Context& ctx, std::int64_t id) {
  auto t = store::find_trainer(sql, id);
  if (!t) throw Error::not_found();
  authorize(ctx, domain::Action::view_organization, {.organization_id = t->organization_id});
  return *t;
}

domain::Target target_of(soci::session& sql, const store::Trainer& t) {
  return {.organization_id = t.organization_id,
          .trainer_id = t.id,
          .role = domain::parse_role(t.role),
          .is_last_active_owner = t.is_active && domain::parse_role(t.role) == domain::Role::owner &&
                                  store::count_active_owners(sql, t.organization_id) == 1};
}

// The domain forbids leaving an organisation without an active owner for everyone; say so instead of the generic
// "no permission".
void authorize_trainer_action(soci::session& sql, const Context& ctx, domain::Action action, domain::Target target) {
  if (domain::removes_last_owner(action, target))
    throw Error(ErrorCode::permission_denied, "An organization needs at least one owner.");
  authorize(ctx, action, target);
}

nlohmann::json profile_fields(const store::Trainer& t) {
  return {{"bio", t.bio ? nlohmann::json(*t.bio) : nlohmann::json(nullptr)},
          {"certifications", nlohmann::json::parse(t.certifications, nullptr, false)},
          {"specialties", nlohmann::json::parse(t.specialties, nullptr, false)},
          {"years_of_experience", t.years_of_experience},
          {"session_price", t.session_price}};
}

TrainerView view_of(soci::session& sql, const Context& ctx, const store::Trainer& t) {
  auto zone = t.organization_timezone;
  auto now = ctx.clock.now();
  auto today = local_date(now, zone);
  Date month_start{today.year, today.month, 1};
  Date next_month = today.month == 12 ? Date{today.year + 1, 1, 1} : Date{today.year, today.month + 1, 1};
  TrainerView v{t, store::trainer_stats(sql, t.id, month_start.str(), next_month.str(), add_days(today, -30).str()),
                false};
  auto allowed = [&](domain::Action action, const domain::Target& target) {
    return domain::authorize(domain_actor(*ctx.actor), action, target) == domain::Access::allowed;
  };
  bool self = ctx.actor->trainer_id == t.id;
  v.revenue_visible = self || allowed(domain::Action::view_org_dashboard, {.organization_id = t.organization_id});
  auto target = target_of(sql, t);
  v.can_edit = allowed(self ? domain::Action::edit_own_profile : domain::Action::edit_trainer, target);
  v.can_deactivate = !self && !domain::removes_last_owner(domain::Action::deactivate_trainer, target) &&
                     allowed(domain::Action::deactivate_trainer, target);
  v.can_change_role = allowed(domain::Action::change_role, target);
  return v;
}

std::string repr(const store::Trainer& t) { return t.name + " (" + t.username + ")"; }

}  // namespace

TrainerPage list_trainers(Context& ctx, const TrainerQuery& q) {
  const auto& actor = require_actor(ctx);
  if (!actor.is_superuser && !actor.organization_id) return {};
  store::TrainerFilter filter;
  // a superuser without a membership: the organisation chosen in the web session (none = all)
  filter.organization_id = actor.is_superuser && !actor.role.empty() ? std::nullopt : actor.organization_id;
  filter.role = q.role;
  filter.is_active = q.is_active;
  filter.search = q.search;
  return ctx.db.read([&](soci::session& sql) {
    TrainerPage page{store::count_trainers(sql, filter), {}};
    for (const auto& t : store::list_trainers(sql, filter, q.sort, q.limit, q.offset))
      page.results.push_back(view_of(sql, ctx, t));
    return page;
  });
}

TrainerView get_trainer(Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) { return view_of(sql, ctx, find_visible(sql, ctx, id)); });
}

TrainerView update_trainer(Context& ctx, std::int64_t id, const TrainerChanges& in) {
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    auto t = find_visible(sql, ctx, id);
    if (!in.input_errors.empty()) throw Error::validation(in.input_errors);
    auto target = target_of(sql, t);
    bool account_change = in.name || in.email;
    bool profile_change = account_change || in.bio || in.certifications || in.specialties || in.years_of_experience ||
                          in.session_price;
    if (profile_change) {
      bool self = ctx.actor->trainer_id == t.id;
      authorize(ctx, self ? domain::Action::edit_own_profile : domain::Action::edit_trainer, target);
    }
    std::optional<domain::Role> new_role;
    if (in.role) {
      new_role = domain::parse_role(*in.role);
      if (!new_role) throw Error::field("role", i18n::args("\"{v}\" is not a valid choice.", {{"v", *in.role}}));
      target.new_role = new_role;
      authorize_trainer_action(sql, ctx, domain::Action::change_role, target);
    }

    auto before = t;
    if (in.bio) t.bio = (*in.bio && !(*in.bio)->empty()) ? *in.bio : std::nullopt;
    if (in.certifications) t.certifications = nlohmann::json(*in.certifications).dump();
    if (in.specialties) t.specialties = nlohmann::json(*in.specialties).dump();
    if (in.years_of_experience) t.years_of_experience = *in.years_of_experience;
    if (in.session_price) t.session_price = *in.session_price;
    auto errors = domain::validate_trainer_profile({t.years_of_experience, t.session_price});
    std::string name = in.name ? domain::trim(*in.name) : t.name, email = in.email ? domain::trim(*in.email) : t.email;
    if (account_change) account_field_errors(sql, t.user_id, name, email, errors);
    if (!errors.empty()) throw Error::validation(errors);
    if (account_change && (name != t.name || email != t.email)) {
      auto user = store::find_user(sql, t.user_id);
      store::update_user_profile(sql, t.user_id, name, email, user->language, now);
      audit(sql, ctx, "user_updated", "user", t.user_id, repr(t), t.organization_id,
            {nlohmann::json{{"name", t.name}, {"email", t.email}}.dump(),
             nlohmann::json{{"name", name}, {"email", email}}.dump()});
    }

    if (profile_change) {
      auto b = profile_fields(before), a = profile_fields(t);
      nlohmann::json changed_before = nlohmann::json::object(), changed_after = nlohmann::json::object();
      for (const auto& [key, value] : a.items())
        if (b[key] != value) {
          changed_before[key] = b[key];
          changed_after[key] = value;
        }
      if (!changed_after.empty()) {
        store::update_trainer_profile(sql, t, now);
        audit(sql, ctx, "trainer_updated", "trainer", t.id, repr(t), t.organization_id,
              {changed_before.dump(), changed_after.dump()});
      }
    }
    if (new_role && *in.role != t.role) {
      store::set_trainer_role(sql, t.id, *in.role, now);
      audit(sql, ctx, "role_changed", "trainer", t.id, repr(t), t.organization_id,
            {nlohmann::json{{"role", t.role}}.dump(), nlohmann::json{{"role", *in.role}}.dump()});
    }
    return view_of(sql, ctx, *store::find_trainer(sql, t.id));
  });
}

TrainerView deactivate_trainer(Context& ctx, std::int64_t id) {
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    auto t = find_visible(sql, ctx, id);
    if (ctx.actor->trainer_id == t.id) throw Error(ErrorCode::bad_request, "You cannot deactivate yourself.");
    authorize_trainer_action(sql, ctx, domain::Action::deactivate_trainer, target_of(sql, t));
    if (!t.is_active) return view_of(sql, ctx, t);
    store::set_trainer_active(sql, t.id, false, now);
    store::revoke_user_refresh_tokens(sql, t.user_id, now);
    store::delete_user_web_sessions(sql, t.user_id, "");
    audit(sql, ctx, "trainer_deactivated", "trainer", t.id, repr(t), t.organization_id,
          {nlohmann::json{{"is_active", true}}.dump(), nlohmann::json{{"is_active", false}}.dump()});
    return view_of(sql, ctx, *store::find_trainer(sql, t.id));
  });
}

TrainerView activate_trainer(Context& ctx, std::int64_t id) {
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    auto t = find_visible(sql, ctx, id);
    if (ctx.actor->trainer_id == t.id) throw Error(ErrorCode::bad_request, "You cannot deactivate yourself.");
    authorize(ctx, domain::Action::deactivate_trainer, target_of(sql, t));
    if (t.is_active) return view_of(sql, ctx, t);
    auto org = store::find_organization(sql, t.organization_id);
    if (!domain::can_add_trainer(store::count_active_trainers(sql, t.organization_id), org->max_trainers))
      throw Error::field("non_field_errors", domain::max_trainers_message(org->max_trainers));
    store::set_trainer_active(sql, t.id, true, now);
    audit(sql, ctx, "trainer_activated", "trainer", t.id, repr(t), t.organization_id,
          {nlohmann::json{{"is_active", false}}.dump(), nlohmann::json{{"is_active", true}}.dump()});
    return view_of(sql, ctx, *store::find_trainer(sql, t.id));
  });
}

}  // namespace the5hc::service
