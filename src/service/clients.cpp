#include "service/clients.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "config/config.hpp"
#include "domain/client_rules.hpp"
#include "domain/grades.hpp"
#include "domain/organization_rules.hpp"
#include "domain/rounding.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/notifications.hpp"
#include "store/assessments.hpp"
#include "store/database.hpp"
#include "store/organizations.hpp"

namespace the5hc::service {
namespace {

namespace d = the5hc::domain;
using nlohmann::json;

struct Today {
  std::string date, cutoff;
  std::chrono::sys_days days;
};

Today today_in(const Context& ctx, const std::string& zone) {
  Date t = local_date(ctx.clock.now(), zone);
  Date cutoff = add_days(t, -30);
  return {t.str(), cutoff.str(), std::chrono::sys_days{std::chrono::year{t.year} / t.month / t.day}};
}

std::optional<std::chrono::sys_days> to_days(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  auto dt = parse_date(*text);
  if (!dt) return std::nullopt;
  return std::chrono::sys_days{std::chrono::year{dt->year} / dt->month / dt->day};
}

// The client as shown, in v (a page fills its views in place: a Client is ten strings to move).
void fill_view(ClientView& v, store::Client&& c, const std::string& zone, const Today& today) {
  v.client = std::move(c);
  v.zone = zone;
  v.active = d::is_active_client(to_days(v.client.latest_activity_date), v.client.has_future_scheduled_session,
                                 today.days);
}

ClientView view(store::Client&& c, const std::string& zone, const Today& today) {
  ClientView v;
  fill_view(v, std::move(c), zone, today);
  return v;
}

d::Target target_of(const store::Client& c) {
  d::Target t;
  t.organization_id = c.organization_id;
  t.trainer_id = c.fields.trainer_id;
  return t;
}

json audit_json(const store::ClientFields& f) {
  return {{"trainer", f.trainer_id}, {"name", f.name},    {"age", f.age},     {"gender", f.gender},
          {"height", f.height},      {"weight", f.weight}, {"email", f.email ? json(*f.email) : json(nullptr)},
          {"phone", f.phone ? json(*f.phone) : json(nullptr)}};
}

// Validates the merged fields, normalises e-mail and phone, and checks uniqueness (field errors, 400).
void check_fields(soci::session& sql, std::int64_t organization_id, store::ClientFields& f,
                  std::optional<std::int64_t> except, const FieldErrors& input_errors) {
  d::ClientInput in{f.name, f.age, f.gender, f.height, f.weight, f.phone, f.email};
  FieldErrors errors = d::validate_client(in);
  for (const auto& [field, msgs] : input_errors) errors[field] = msgs;
  f.name = d::trim(f.name);
  if (f.email) {
    auto e = d::trim(*f.email);
    f.email = e.empty() ? std::nullopt : std::optional(e);
  }
  if (f.phone) {
    if (d::trim(*f.phone).empty()) f.phone.reset();
    else if (auto formatted = d::format_phone(*f.phone)) f.phone = formatted;
  }
  if (f.email && !errors.count("email") && store::client_email_taken(sql, organization_id, *f.email, except))
    errors["email"].push_back("This email is already registered.");  // 이미 등록된 이메일입니다.
  if (!errors.empty()) throw Error::validation(errors);
}

// The trainer a new or edited client belongs to: owners, seniors and superusers choose one of the organisation's
// trainers; trainers and assistants always get themselves.
std::int64_t responsible_trainer(soci::session& sql, const Context& ctx, std::optional<std::int64_t> requested,
                                 std::optional<std::int64_t> organization_id, std::int64_t fallback) {
  const auto& actor = require_actor(ctx);
  bool chooses = !own_clients_only(actor);  // owners, seniors and superusers
  if (!chooses) return actor.trainer_id.value_or(fallback);
  if (!requested) return fallback;
  auto t = store::find_trainer(sql, *requested);
  if (!t || (organization_id && t->organization_id != *organization_id))
    throw Error::field("trainer", i18n::args("Invalid pk \"{id}\" - object does not exist.",
                                             {{"id", std::to_string(*requested)}}));
  return t->id;
}

// Owners and seniors assign clients to trainers and filter by them; the others only see their own clients.
std::vector<TrainerChoice> trainer_choices(soci::session& sql, const Actor& actor) {
  if (own_clients_only(actor) || !actor.organization_id) return {};
  return store::list_active_trainer_names(sql, *actor.organization_id);
}

}  // namespace

std::string organization_zone(soci::session& sql, const Context& ctx, std::optional<std::int64_t> organization_id) {
  if (!organization_id) return ctx.config.time_zone;
  if (ctx.actor && ctx.actor->organization && ctx.actor->organization->id == *organization_id)
    return ctx.actor->organization->timezone;  // read with the actor
  if (auto org = store::find_organization(sql, *organization_id)) return org->timezone;
  return ctx.config.time_zone;
}

std::optional<std::int64_t> own_clients_only(const Actor& actor) {
  if (d::sees_organization_clients(domain_actor(actor))) return std::nullopt;
  return actor.trainer_id.value_or(-1);  // -1: no trainer profile, no clients
}

store::Client visible_client(soci::session& sql, const Context& ctx, std::int64_t id, d::Action action) {
  // only the fields and the trainer matter here: the row without its derived counts
  auto c = store::find_client_record(sql, id);
  if (!c) throw Error::not_found();
  authorize(ctx, action, target_of(*c));
  return *c;
}

ClientList list_clients(const Context& ctx, const ClientQuery& q) {
  const auto& actor = require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    ClientList out;
    if (!actor.is_superuser && !actor.organization_id) return out;  // no membership: nothing visible
    const std::string zone = organization_zone(sql, ctx, actor.organization_id);
    const Today today = today_in(ctx, zone);
    store::ClientFilter f;
    f.organization_id = actor.organization_id;
    f.only_trainer_id = own_clients_only(actor);
    f.search = q.search;
    f.gender = q.gender;
    f.age_min = q.age_min;
    f.age_max = q.age_max;
    f.trainer_id = q.trainer_id;
    if (q.bmi_category)
      if (auto c = d::parse_bmi_category(*q.bmi_category)) f.bmi_range = d::bmi_category_range(*c);
    if (q.activity) f.active = *q.activity == "active";
    if (q.latest_score == std::optional<std::string>("none")) f.latest_score_none = true;
    else if (q.latest_score)
      if (auto band = d::parse_score_band(*q.latest_score))
        f.latest_score_range = {band->min, band->max >= 100 ? 1e9 : band->max + 1};
    // created_at is a UTC timestamp; the filter dates are the organisation's calendar days
    if (q.created_from)
      if (auto dt = parse_date(*q.created_from)) f.created_from = format_timestamp(start_of_day(*dt, zone));
    if (q.created_to)
      if (auto dt = parse_date(*q.created_to)) f.created_to = format_timestamp(start_of_day(add_days(*dt, 1), zone));
    f.today = today.date;
    f.activity_cutoff = today.cutoff;
    auto page = store::client_page(sql, f, q.sort, q.limit, q.offset);
    out.count = page.count;
    out.results.resize(page.rows.size());
    for (std::size_t i = 0; i < page.rows.size(); ++i)
      fill_view(out.results[i], std::move(page.rows[i]), zone, today);
    if (q.with_trainer_choices) out.trainers = trainer_choices(sql, actor);
    return out;
  });
}

ClientView get_client(const Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) {
    if (ctx.actor && ctx.actor->organization && !ctx.actor->is_superuser) {
      // A member sees only clients of their organisation, whose zone gives "today" before the client is read: one
      // query, its permission judged on the row it returns exactly as visible_client judges it (issue 11). (A
      // superuser's client may belong to any organisation, with its own zone.)
      const std::string zone = ctx.actor->organization->timezone;
      const Today today = today_in(ctx, zone);
      auto c = store::find_client(sql, id, today.date);
      if (!c) throw Error::not_found();
      authorize(ctx, d::Action::view_client, target_of(*c));
      return view(std::move(*c), zone, today);
    }
    auto c = visible_client(sql, ctx, id, d::Action::view_client);
    const std::string zone = organization_zone(sql, ctx, c.organization_id);
    const Today today = today_in(ctx, zone);
    return view(*store::find_client(sql, id, today.date), zone, today);
  });
}

ClientSave save_client(const Context& ctx, std::optional<std::int64_t> id, const ClientChanges& changes) {
  ClientSave out;
  try {
    out.saved = id ? update_client(ctx, *id, changes) : create_client(ctx, changes);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::validation) throw;
    out.rejected = e;
    out.trainers = client_form(ctx, std::nullopt).trainers;
  }
  return out;
}

ClientForm client_form(const Context& ctx, std::optional<std::int64_t> id) {
  const auto& actor = require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) {
    ClientForm out;
    if (id) {
      auto c = visible_client(sql, ctx, *id, d::Action::edit_client);
      const std::string zone = organization_zone(sql, ctx, c.organization_id);
      const Today today = today_in(ctx, zone);
      out.client = view(*store::find_client(sql, *id, today.date), zone, today);
    }
    out.trainers = trainer_choices(sql, actor);
    return out;
  });
}

ClientView create_client(const Context& ctx, const ClientChanges& in) {
  const auto& actor = require_actor(ctx);
  return ctx.db.write([&](soci::session& sql) {
    std::optional<std::int64_t> org = actor.organization_id;
    if (!org && actor.is_superuser && in.trainer_id)
      if (auto t = store::find_trainer(sql, *in.trainer_id)) org = t->organization_id;
    if (!org) {
      if (actor.is_superuser) throw Error::field("trainer", "This field is required.");
      require_organization(ctx);
    }
    store::ClientFields f;
    f.trainer_id = responsible_trainer(sql, ctx, in.trainer_id, org, actor.trainer_id.value_or(0));
    d::Target target;
    target.organization_id = org;
    target.trainer_id = f.trainer_id;
    authorize(ctx, d::Action::create_client, target);
    f.name = in.name.value_or("");
    f.age = in.age.value_or(0);
    f.gender = in.gender.value_or("");
    f.height = in.height.value_or(0);
    f.weight = in.weight.value_or(0);
    f.email = in.email.value_or(std::nullopt);
    f.phone = in.phone.value_or(std::nullopt);
    check_fields(sql, *org, f, std::nullopt, in.input_errors);
    const std::string now = format_timestamp(ctx.clock.now());
    store::Client c;
    c.organization_id = *org;
    c.fields = f;
    c.created_at = c.updated_at = now;
    auto id = store::insert_client(sql, c);
    audit(sql, ctx, "client_created", "client", id, f.name, org, {std::nullopt, audit_json(f).dump()});
    notify(sql, ctx, "client_added", {{"actor", actor.name}, {"client", f.name}},
           {*org, "client", id, "/clients/" + std::to_string(id) + "/"});
    const std::string zone = organization_zone(sql, ctx, org);
    const Today today = today_in(ctx, zone);
    return view(*store::find_client(sql, id, today.date), zone, today);
  });
}

ClientView update_client(const Context& ctx, std::int64_t id, const ClientChanges& ch) {
  return ctx.db.write([&](soci::session& sql) {
    auto current = visible_client(sql, ctx, id, d::Action::edit_client);
    store::ClientFields f = current.fields;
    f.trainer_id = responsible_trainer(sql, ctx, ch.trainer_id, current.organization_id, f.trainer_id);
    if (own_clients_only(require_actor(ctx)))
      f.trainer_id = current.fields.trainer_id;  // trainers and assistants cannot hand a client over
    if (ch.name) f.name = *ch.name;
    if (ch.age) f.age = *ch.age;
    if (ch.gender) f.gender = *ch.gender;
    if (ch.height) f.height = *ch.height;
    if (ch.weight) f.weight = *ch.weight;
    if (ch.email) f.email = *ch.email;
    if (ch.phone) f.phone = *ch.phone;
    check_fields(sql, current.organization_id, f, id, ch.input_errors);
    const std::string now = format_timestamp(ctx.clock.now());
    store::update_client(sql, id, f, now);
    json before = audit_json(current.fields), after = audit_json(f), b = json::object(), a = json::object();
    for (auto& [k, v] : after.items())
      if (before[k] != v) {
        b[k] = before[k];
        a[k] = v;
      }
    audit(sql, ctx, "client_updated", "client", id, f.name, current.organization_id, {b.dump(), a.dump()});
    if (f.trainer_id != current.fields.trainer_id)
      audit(sql, ctx, "client_reassigned", "client", id, f.name, current.organization_id,
            {json{{"trainer", current.fields.trainer_id}}.dump(), json{{"trainer", f.trainer_id}}.dump()});
    const std::string zone = organization_zone(sql, ctx, current.organization_id);
    const Today today = today_in(ctx, zone);
    return view(*store::find_client(sql, id, today.date), zone, today);
  });
}

std::string delete_client(const Context& ctx, std::int64_t id) {
  return ctx.db.write([&](soci::session& sql) {
    auto c = visible_client(sql, ctx, id, d::Action::delete_client);
    if (store::client_has_money_records(sql, id))
      // 결제 기록이 있는 회원은 삭제할 수 없습니다.
      throw Error(ErrorCode::conflict, "A client with payment records cannot be deleted.");
    store::delete_client(sql, id);
    audit(sql, ctx, "client_deleted", "client", id, c.fields.name, c.organization_id,
          {audit_json(c.fields).dump(), std::nullopt});
    return c.fields.name;
  });
}

namespace {

ClientStatisticsView statistics_of(soci::session& sql, const Context& ctx, const store::Client& client) {
  const auto id = client.id;
  ClientStatisticsView s;
  store::AssessmentFilter f;
  f.client_id = id;
  auto rows = store::list_assessments(
      sql, f, {{store::AssessmentSort::date, false}, {store::AssessmentSort::id, false}}, 100000, 0);
  s.total_assessments = static_cast<std::int64_t>(rows.size());
  double sum = 0;
  int n = 0;
  for (const auto& a : rows) {
    const auto& sc = a.results.scores;
    s.score_trend.push_back({a.meta.date, sc.overall_score, sc.strength_score, sc.mobility_score,
                             sc.balance_score, sc.cardio_score});
    if (sc.overall_score) {
      sum += *sc.overall_score;
      ++n;
    }
  }
  if (!rows.empty()) {
    s.latest_id = rows.back().id;
    s.latest_date = rows.back().meta.date;
    s.latest_overall = rows.back().results.scores.overall_score;
  }
  if (n) s.average_score = d::round1(sum / n);
  // the money figures are the package records' (assistants: none)
  if (d::authorize(domain_actor(require_actor(ctx)), d::Action::manage_packages, target_of(client)) ==
      d::Access::allowed)
    s.money = store::client_statistics(sql, id);
  return s;
}

constexpr int kAllRows = 1'000'000'000;  // an export lists every row (PostgreSQL has no LIMIT -1)

}  // namespace

ClientStatisticsView client_statistics(const Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) {
    return statistics_of(sql, ctx, visible_client(sql, ctx, id, d::Action::view_client));
  });
}

ClientOverview client_overview(const Context& ctx, std::int64_t id) {
  return ctx.db.read([&](soci::session& sql) {
    auto c = visible_client(sql, ctx, id, d::Action::view_client);
    const std::string zone = organization_zone(sql, ctx, c.organization_id);
    const Today today = today_in(ctx, zone);
    ClientOverview out;
    out.view = view(*store::find_client(sql, id, today.date), zone, today);
    out.statistics = statistics_of(sql, ctx, c);
    store::AssessmentFilter assessments;
    assessments.client_id = id;
    out.recent_assessments = store::list_assessments(
        sql, assessments, {{store::AssessmentSort::date, true}, {store::AssessmentSort::id, true}}, 5, 0);
    out.money_visible = out.statistics.money.has_value();
    if (!out.money_visible) return out;
    store::PackageFilter packages;
    packages.scope.organization_id = c.organization_id;
    packages.client_id = id;
    packages.status = d::PackageStatus::active;
    out.active_packages = store::list_packages(sql, packages);
    store::SessionFilter sessions;
    sessions.scope.organization_id = c.organization_id;
    sessions.client_id = id;
    sessions.limit = 10;
    out.recent_sessions = store::list_sessions(sql, sessions);
    return out;
  });
}

ClientList export_clients(const Context& ctx, ClientQuery q, const std::string& description) {
  q.sort = {{store::ClientSort::name, false}};
  q.limit = kAllRows;
  q.offset = 0;
  auto list = list_clients(ctx, q);
  const auto& actor = require_actor(ctx);
  ctx.db.write([&](soci::session& sql) {
    audit(sql, ctx, "client_exported", "client", std::nullopt, "", actor.organization_id,
          {std::nullopt, std::nullopt, json{{"filters", description}, {"rows", list.results.size()}}.dump()});
  });
  return list;
}

std::optional<FieldCheck> check_client_field(const Context& ctx, const std::string& field, const std::string& value,
                                             std::optional<std::int64_t> client_id) {
  const auto& actor = require_actor(ctx);
  d::ClientInput in;
  if (field == "name") in.name = value;
  else if (field == "email") in.email = value;
  else if (field == "phone") in.phone = value;
  else throw Error::not_found();
  if (field != "name" && d::trim(value).empty()) return std::nullopt;  // optional fields
  auto errors = d::validate_client(in);
  if (auto it = errors.find(field); it != errors.end() && !it->second.empty()) return FieldCheck{false, it->second.front()};
  if (!actor.organization_id || field == "phone") return std::nullopt;
  return ctx.db.read([&](soci::session& sql) -> std::optional<FieldCheck> {
    if (field == "email" && store::client_email_taken(sql, *actor.organization_id, d::trim(value), client_id))
      return FieldCheck{false, "This email is already registered."};
    if (field == "name" && store::client_name_exists(sql, *actor.organization_id, d::trim(value), client_id))
      return FieldCheck{true, "A client with the same name already exists."};  // 동일한 이름의 회원이 이미 있습니다.
    return std::nullopt;
  });
}

}  // namespace the5hc::service
