#include "service/organizations.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "domain/organization_rules.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "store/database.hpp"

namespace the5hc::service {
namespace {

OrganizationView view_of(soci::session& sql, const store::Organization& o) {
  int active = store::count_active_trainers(sql, o.id);
  return {o, active, domain::can_add_trainer(active, o.max_trainers)};
}

// The organisation's fields as the audit log records them (changed ones only for updates).
nlohmann::json audit_fields(const store::Organization& o) {
  auto opt = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"name", o.name},
          {"slug", o.slug},
          {"description", opt(o.description)},
          {"address", opt(o.address)},
          {"phone", opt(o.phone)},
          {"email", opt(o.email)},
          {"timezone", o.timezone},
          {"business_hours", nlohmann::json::parse(o.business_hours, nullptr, false)},
          {"max_trainers", o.max_trainers},
          {"vat_rate_bp", o.vat_rate_bp},
          {"card_fee_rate_bp", o.card_fee_rate_bp}};
}

std::optional<std::string> blank_to_null(const std::optional<std::string>& v) {
  if (!v || v->empty()) return std::nullopt;
  return v;
}

// Applies the changes and checks the result with the domain's rules plus what only the store can tell (slug
// uniqueness, a known time zone, business_hours being a JSON object).
void apply(soci::session& sql, store::Organization& o, const OrganizationChanges& in) {
  if (in.name) o.name = *in.name;
  if (in.slug) o.slug = *in.slug;
  if (in.timezone) o.timezone = *in.timezone;
  if (in.business_hours) o.business_hours = *in.business_hours;
  if (in.description) o.description = blank_to_null(*in.description);
  if (in.address) o.address = blank_to_null(*in.address);
  if (in.phone) o.phone = blank_to_null(*in.phone);
  if (in.email) o.email = blank_to_null(*in.email);
  if (in.max_trainers) o.max_trainers = *in.max_trainers;
  if (in.vat_rate_bp) o.vat_rate_bp = *in.vat_rate_bp;
  if (in.card_fee_rate_bp) o.card_fee_rate_bp = *in.card_fee_rate_bp;

  domain::OrganizationInput check{o.name, o.slug, o.phone, o.email, o.timezone, o.max_trainers, o.vat_rate_bp,
                                  o.card_fee_rate_bp};
  auto errors = domain::validate_organization(check);
  if (errors.count("timezone") == 0 && !known_zone(o.timezone))
    errors["timezone"].push_back("Unknown time zone.");
  auto hours = nlohmann::json::parse(o.business_hours, nullptr, false);
  if (!hours.is_object()) errors["business_hours"].push_back("Enter a JSON object.");
  if (errors.count("slug") == 0) {
    auto other = store::find_organization_by_slug(sql, o.slug);
    if (other && other->id != o.id) errors["slug"].push_back("An organization with this slug already exists.");
  }
  if (!errors.empty()) throw Error::validation(errors);
}

}  // namespace

std::string unique_organization_slug(soci::session& sql, const std::string& name) {
  std::string base = domain::slugify(name), slug = base;
  for (int n = 2; store::find_organization_by_slug(sql, slug); ++n) slug = base + "-" + std::to_string(n);
  return slug;
}

OrganizationPage list_organizations(Context& ctx, int limit, int offset) {
  const auto& actor = require_actor(ctx);
  if (!actor.is_superuser && !actor.organization_id) return {};
  std::optional<std::int64_t> only = actor.is_superuser ? std::nullopt : actor.organization_id;
  return ctx.db.read([&](soci::session& sql) {
    OrganizationPage page;
    page.count = store::count_organizations(sql, only);
    for (const auto& o : store::list_organizations(sql, only, limit, offset)) page.results.push_back(view_of(sql, o));
    return page;
  });
}

OrganizationView get_organization(Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) {
    auto o = store::find_organization(sql, id);
    if (!o) throw Error::not_found();
    authorize(ctx, domain::Action::view_organization, {.organization_id = id});
    return view_of(sql, *o);
  });
}

OrganizationView organization_settings(Context& ctx) {
  auto id = require_organization(ctx);
  authorize(ctx, domain::Action::edit_organization, {.organization_id = id});
  return get_organization(ctx, id);
}

OrganizationView create_organization(Context& ctx, const OrganizationChanges& in) {
  const auto& actor = require_actor(ctx);
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    // Any membership counts, an inactive one too: a user belongs to at most one organisation (§1.3).
    bool member = store::find_trainer_by_user(sql, actor.user_id).has_value();
    if (!in.input_errors.empty()) throw Error::validation(in.input_errors);
    if (!actor.is_superuser && member)
      throw Error::field("non_field_errors", "You already belong to another organization.");
    if (in.max_trainers) authorize(ctx, domain::Action::edit_max_trainers, {});
    store::Organization o;
    o.timezone = ctx.config.time_zone;
    o.name = in.name.value_or("");
    o.slug = in.slug ? *in.slug : unique_organization_slug(sql, o.name);
    apply(sql, o, in);
    o.id = store::insert_organization(sql, o, now);
    auto created = *store::find_organization(sql, o.id);
    if (!actor.is_superuser)
      store::insert_trainer(sql, actor.user_id, o.id, domain::role_label(domain::Role::owner).code, now);
    audit(sql, ctx, "organization_created", "organization", o.id, o.name, o.id,
          {std::nullopt, audit_fields(created).dump()});
    return view_of(sql, created);
  });
}

OrganizationView update_organization(Context& ctx, std::int64_t id, const OrganizationChanges& in) {
  std::string now = format_timestamp(ctx.clock.now());
  return ctx.db.write([&](soci::session& sql) {
    auto o = store::find_organization(sql, id);
    if (!o) throw Error::not_found();
    authorize(ctx, domain::Action::view_organization, {.organization_id = id});  // invisible → 404
    if (!in.input_errors.empty()) throw Error::validation(in.input_errors);
    authorize(ctx, domain::Action::edit_organization, {.organization_id = id});
    if (in.max_trainers && *in.max_trainers != o->max_trainers)
      authorize(ctx, domain::Action::edit_max_trainers, {.organization_id = id});
    auto before_row = *o;
    apply(sql, *o, in);
    store::update_organization(sql, *o, now);
    auto before = audit_fields(before_row), after = audit_fields(*o);
    nlohmann::json changed_before = nlohmann::json::object(), changed_after = nlohmann::json::object();
    for (const auto& [key, value] : after.items())
      if (before[key] != value) {
        changed_before[key] = before[key];
        changed_after[key] = value;
      }
    if (!changed_after.empty())
      audit(sql, ctx, "organization_updated", "organization", id, o->name, id,
            {changed_before.dump(), changed_after.dump()});
    return view_of(sql, *store::find_organization(sql, id));
  });
}

}  // namespace the5hc::service
