// Organisation pages (WEB.md §4.7): settings (owner; VAT and card-fee rates entered as percent with up to two
// decimals and stored as basis points) and the organisation dashboard (owner, senior) with the trainer table and
// the latest audit entries.
#include "web/organization.hpp"

#include <sstream>

#include "common/clock.hpp"
#include "domain/audit_actions.hpp"
#include "domain/permissions.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "service/dashboard.hpp"
#include "service/organizations.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

// "10" → 1000, "3.5" → 350, "3.45" → 345; more than two decimals, signs or other text → nullopt.
std::optional<int> percent_to_bp(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  if (!text.empty() && text.back() == '%') text.pop_back();
  auto dot = text.find('.');
  std::string whole = text.substr(0, dot), fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
  auto digits = [](const std::string& s) { return s.find_first_not_of("0123456789") == std::string::npos; };
  if (whole.empty() || whole.size() > 4 || !digits(whole) || fraction.size() > 2 || !digits(fraction))
    return std::nullopt;
  while (fraction.size() < 2) fraction += '0';
  return std::stoi(whole) * 100 + std::stoi(fraction);
}

// 1000 → "10", 350 → "3.5", 345 → "3.45".
std::string bp_to_percent(int bp) {
  std::string out = std::to_string(bp / 100);
  int rest = bp % 100;
  if (rest == 0) return out;
  std::string cents = (rest < 10 ? "0" : "") + std::to_string(rest);
  if (cents.back() == '0') cents.pop_back();
  return out + "." + cents;
}

// business_hours is a free-form JSON object; the form edits it as "key: value" lines ("평일: 06:00-23:00").
std::string hours_text(const std::string& stored) {
  auto hours = json::parse(stored, nullptr, false);
  std::string out;
  if (!hours.is_object()) return out;
  for (const auto& [key, value] : hours.items())
    out += (out.empty() ? "" : "\n") + key + ": " + (value.is_string() ? value.get<std::string>() : value.dump());
  return out;
}

std::string hours_json(const std::string& text) {
  json hours = json::object();
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.find_first_not_of(' ') == std::string::npos) continue;
    auto colon = line.find(':');
    std::string key = line.substr(0, colon), value = colon == std::string::npos ? "" : line.substr(colon + 1);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    while (!key.empty() && key.front() == ' ') key.erase(0, 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    hours[key] = value;
  }
  return hours.dump();
}

json settings_values(const service::OrganizationView& v) {
  const auto& o = v.organization;
  return {{"name", o.name},
          {"description", o.description.value_or("")},
          {"phone", o.phone.value_or("")},
          {"email", o.email.value_or("")},
          {"address", o.address.value_or("")},
          {"timezone", o.timezone},
          {"vat_rate", bp_to_percent(o.vat_rate_bp)},
          {"card_fee_rate", bp_to_percent(o.card_fee_rate_bp)},
          {"business_hours", hours_text(o.business_hours)}};
}

json side_panel(const service::OrganizationView& v, Lang lang) {
  const auto& o = v.organization;
  return {{"trainers", i18n::translate(lang, i18n::args("{n} / max {m}", {{"n", std::to_string(v.trainer_count)},
                                                                          {"m", std::to_string(o.max_trainers)}}))},
          {"created", long_date(local_day(o.created_at, o.timezone), lang)},
          {"updated", local_date_time(o.updated_at, o.timezone)}};
}

http::Response settings_page(const http::Request& req, const service::Dependencies& deps,
                             const service::OrganizationView& v, json values, json errors, int status) {
  Page p;
  p.title = i18n::tr(req.lang, "Organisation settings");
  p.content = "organization/edit";
  p.status = status;
  p.data = {{"values", std::move(values)}, {"errors", std::move(errors)}, {"panel", side_panel(v, req.lang)}};
  return respond(req, deps, std::move(p));
}

service::OrganizationChanges read_settings(const http::QueryParams& f) {
  service::OrganizationChanges c;
  c.name = f.get("name").value_or("");
  c.description = text(f, "description");
  c.phone = text(f, "phone");
  c.email = text(f, "email");
  c.address = text(f, "address");
  c.timezone = f.get("timezone").value_or("");
  c.business_hours = hours_json(f.get("business_hours").value_or(""));
  for (auto [field, target] : {std::pair{"vat_rate", &c.vat_rate_bp}, std::pair{"card_fee_rate", &c.card_fee_rate_bp}}) {
    if (auto bp = percent_to_bp(f.get(field).value_or(""))) *target = *bp;
    else c.input_errors[field].push_back("Enter a percentage with at most two decimals.");
  }
  return c;
}

json settings_form_values(const http::QueryParams& f) {
  json v = json::object();
  for (const char* name : {"name", "description", "phone", "email", "address", "timezone", "vat_rate", "card_fee_rate",
                           "business_hours"})
    v[name] = f.get(name).value_or("");
  return v;
}

// The service reports rates under their stored names; the form shows them under the percent fields.
json settings_errors(const Error& e, Lang lang) {
  json errors = field_errors(e, lang);
  for (auto [stored, shown] : {std::pair{"vat_rate_bp", "vat_rate"}, std::pair{"card_fee_rate_bp", "card_fee_rate"}})
    if (errors.contains(stored)) errors[shown] = errors[stored];
  errors["summary"] = i18n::tr(lang, "Please check the form.");
  return errors;
}

// --- organisation dashboard ---------------------------------------------------------------------------------

std::string action_name(const std::string& code, Lang lang) {
  const d::Label* l = d::audit_action_label(code);
  return l ? (lang == Lang::en ? l->en : l->ko) : code;
}

json dashboard_view(const service::OrganizationDashboard& dash, Lang lang, TimePoint now) {
  json trainers = json::array();
  for (const auto& t : dash.trainers) {
    auto role = d::parse_role(t.role);
    trainers.push_back({{"id", t.trainer_id},
                        {"name", t.name},
                        {"role", role ? (lang == Lang::en ? d::role_label(*role).en : d::role_label(*role).ko) : t.role},
                        {"role_code", t.role},
                        {"active_clients", t.active_clients},
                        {"assessments", t.assessments_30d},
                        {"sessions", t.sessions_30d},
                        {"revenue", money(t.revenue_30d)}});
  }
  json activity = json::array();
  for (const auto& r : dash.recent_activity) {
    auto at = parse_timestamp(r.created_at);
    activity.push_back({{"action", action_name(r.entry.action, lang)},
                        {"user", r.user_name.empty() ? "-" : r.user_name},
                        {"object", r.entry.object_repr},
                        {"when", at ? relative_time(*at, now, lang) : r.created_at}});
  }
  return {{"organization", dash.organization_name},
          {"trainers_total", dash.active_trainers},
          {"trainers_note", i18n::translate(lang, i18n::args("{n} active / max {m}",
                                                             {{"n", std::to_string(dash.active_trainers)},
                                                              {"m", std::to_string(dash.max_trainers)}}))},
          {"active_clients", plural(lang, "{n} client", "{n} clients", dash.active_clients)},
          {"revenue_30d", money(dash.revenue_30d)},
          {"sessions_this_month", plural(lang, "{n} session", "{n} sessions", dash.sessions_this_month)},
          {"renewal_due", dash.renewal_due},
          {"trainers", trainers},
          {"has_trainers", !trainers.empty()},
          {"activity", activity},
          {"has_activity", !activity.empty()}};
}

std::int64_t own_organization(const http::Request& req) {
  const auto* actor = front::actor(req);
  if (!actor || !actor->organization_id) throw Error::not_found();  // the superuser picks one through the API
  return *actor->organization_id;
}

}  // namespace

void register_organization_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/trainers/organization/edit/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto v = service::organization_settings(ctx);
    return settings_page(req, deps, v, settings_values(v), json::object(), 200);
  }, "web-organization-edit");

  page_route(router, "POST", "/trainers/organization/edit/", [&deps](http::Request& req) {
    auto f = form(req);
    auto changes = read_settings(f);
    auto ctx = front::context(req, deps);
    try {
      service::update_organization(ctx, own_organization(req), changes);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::validation) throw;
      // The side panel needs the stored organisation; nothing was written, so reading it is the only other call.
      return settings_page(req, deps, service::organization_settings(ctx), settings_form_values(f),
                           settings_errors(e, req.lang), 422);
    }
    return see_other(req, deps, "/trainers/organization/edit/", "success",
                     i18n::tr(req.lang, "The organisation settings have been saved."));
  }, "web-organization-edit-submit");

  page_route(router, "GET", "/trainers/organization/dashboard/", [&deps](http::Request& req) {
    auto dash = service::organization_dashboard(front::context(req, deps), own_organization(req));
    Page p;
    p.title = i18n::tr(req.lang, "Organisation dashboard");
    p.content = "organization/dashboard";
    p.data = dashboard_view(dash, req.lang, deps.clock.now());
    return respond(req, deps, std::move(p));
  }, "web-organization-dashboard");
}

}  // namespace the5hc::web
