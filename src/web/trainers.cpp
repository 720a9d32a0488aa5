// Trainer pages (WEB.md §4.7): the list with search, role filter and inactive ones; the detail with statistics and
// the membership actions (deactivate / activate, role change with the last-owner rule); the profile form for one's
// own profile and, for owners and seniors, another trainer's. Each handler makes one service call.
#include "web/trainers.hpp"

#include <sstream>

#include "domain/permissions.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "service/trainers.hpp"
#include "web/format.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

constexpr d::Role kRoles[] = {d::Role::owner, d::Role::senior, d::Role::trainer, d::Role::assistant};

std::string role_name(const std::string& code, Lang lang) {
  auto role = d::parse_role(code);
  if (!role) return code;
  return lang == Lang::en ? d::role_label(*role).en : d::role_label(*role).ko;
}

std::vector<std::string> json_list(const std::string& text) {
  auto v = json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& item : v)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

// "김" for 김민수, "JS" for John Smith: the avatar's letters.
std::string initials(const std::string& name) {
  std::string out;
  std::stringstream words(name);
  for (std::string w; words >> w && out.size() < 8;) {
    size_t len = 1;
    unsigned char c = static_cast<unsigned char>(w[0]);
    if (c >= 0xF0) len = 4;
    else if (c >= 0xE0) len = 3;
    else if (c >= 0xC0) len = 2;
    out += w.substr(0, len);
    if (len > 1) break;  // one Hangul syllable is enough
  }
  return out;
}

json trainer_json(const service::TrainerView& v, Lang lang) {
  const auto& t = v.trainer;
  auto specialties = json_list(t.specialties);
  json shown = json::array();
  for (size_t i = 0; i < specialties.size() && i < 2; ++i) shown.push_back(specialties[i]);
  json out = {{"id", t.id},
              {"name", t.name},
              {"email", t.email},
              {"username", t.username},
              {"initials", initials(t.name)},
              {"role", role_name(t.role, lang)},
              {"role_code", t.role},
              {"specialties_short", shown},
              {"specialties_more", specialties.size() > 2 ? "+" + std::to_string(specialties.size() - 2) : ""},
              {"specialties", specialties},
              {"certifications", json_list(t.certifications)},
              {"clients", plural(lang, "{n} client", "{n} clients", t.client_count)},
              {"experience", plural(lang, "{n} year", "{n} years", t.years_of_experience)},
              {"session_price", money(t.session_price)},
              {"bio", t.bio.value_or("")},
              {"active", t.is_active},
              {"status", i18n::tr(lang, t.is_active ? "Active" : "Inactive")},
              {"joined", long_date(t.created_at, lang)},
              {"can_edit", v.can_edit},
              {"can_deactivate", v.can_deactivate && t.is_active},
              {"can_activate", v.can_deactivate && !t.is_active},
              {"can_change_role", v.can_change_role},
              {"stats",
               {{"clients", t.client_count},
                {"active_packages", v.stats.active_packages},
                {"sessions_this_month", v.stats.sessions_this_month},
                {"assessments", v.stats.assessments_total}}}};
  if (v.revenue_visible) out["stats"]["revenue_30d"] = money(v.stats.revenue_30d);
  out["deactivate_question"] =
      i18n::translate(lang, i18n::args("Do you want to deactivate trainer {name}?", {{"name", t.name}}));
  json roles = json::array();
  for (auto r : kRoles)
    roles.push_back({{"code", d::role_label(r).code}, {"label", role_name(d::role_label(r).code, lang)},
                     {"selected", t.role == d::role_label(r).code}});
  out["roles"] = roles;
  return out;
}

http::Response list_page(const http::Request& req, const service::Dependencies& deps) {
  service::TrainerQuery q;
  std::stringstream words(req.query.get("search").value_or(""));
  for (std::string w; words >> w;) q.search.push_back(w);
  auto role = req.query.get("role");
  if (role && d::parse_role(*role)) q.role = role;
  bool include_inactive = req.query.get("inactive") == std::optional<std::string>("1");
  if (!include_inactive) q.is_active = true;
  q.limit = 200;  // a studio has at most max_trainers active members: one page
  auto ctx = front::context(req, deps);
  auto list = service::list_trainers(ctx, q);
  json rows = json::array();
  for (const auto& v : list.results) rows.push_back(trainer_json(v, req.lang));
  const auto* actor = front::actor(req);
  auto actor_role = actor ? d::parse_role(actor->role) : std::nullopt;
  std::string org = actor && actor->organization ? actor->organization->name : "";
  json roles = json::array();
  for (auto r : kRoles)
    roles.push_back({{"code", d::role_label(r).code}, {"label", role_name(d::role_label(r).code, req.lang)},
                     {"selected", role == std::optional<std::string>(d::role_label(r).code)}});
  Page p;
  p.title = i18n::tr(req.lang, "Trainers");
  p.content = "trainers/list";
  p.fragments = {{"trainer-list", "trainers/_table"}};
  p.data = {{"rows", rows},
            {"has_rows", !rows.empty()},
            {"subtitle", org + " - " + plural(req.lang, "{n} trainer", "{n} trainers", list.count)},
            {"can_invite", actor_role == d::Role::owner || actor_role == d::Role::senior},
            {"search", req.query.get("search").value_or("")},
            {"roles", roles},
            {"include_inactive", include_inactive}};
  return respond(req, deps, std::move(p));
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    size_t start = line.find_first_not_of(' ');
    if (start != std::string::npos) out.push_back(line.substr(start));
  }
  return out;
}

std::optional<std::int64_t> whole_number(const std::string& text) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

service::TrainerChanges read_form(const http::QueryParams& f) {
  service::TrainerChanges ch;
  ch.name = f.get("name").value_or("");
  ch.email = f.get("email").value_or("");
  ch.bio = std::optional<std::string>(f.get("bio").value_or(""));
  ch.certifications = lines(f.get("certifications").value_or(""));
  ch.specialties = lines(f.get("specialties").value_or(""));
  if (auto years = whole_number(f.get("years_of_experience").value_or("0")))
    ch.years_of_experience = static_cast<int>(std::min<std::int64_t>(*years, 1000));
  else
    ch.input_errors["years_of_experience"].push_back("Enter a whole number.");
  std::string price = f.get("session_price").value_or("");
  std::erase(price, ',');
  if (auto won = whole_number(price)) ch.session_price = *won;
  else ch.input_errors["session_price"].push_back("Enter a whole number.");
  return ch;
}

json form_values(const service::TrainerView& v) {
  const auto& t = v.trainer;
  auto joined = [](const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : "\n") + s;
    return out;
  };
  return {{"name", t.name},
          {"email", t.email},
          {"bio", t.bio.value_or("")},
          {"years_of_experience", std::to_string(t.years_of_experience)},
          {"session_price", std::to_string(t.session_price)},
          {"certifications", joined(json_list(t.certifications))},
          {"specialties", joined(json_list(t.specialties))}};
}

json form_values(const http::QueryParams& f) {
  json v = json::object();
  for (const char* name : {"name", "email", "bio", "years_of_experience", "session_price", "certifications", "specialties"})
    v[name] = f.get(name).value_or("");
  return v;
}

http::Response form_page(const http::Request& req, const service::Dependencies& deps, std::int64_t id, bool own,
                         json values, json errors, int status) {
  Page p;
  p.title = i18n::tr(req.lang, own ? "Edit my trainer profile" : "Edit trainer profile");
  p.content = "trainers/form";
  p.status = status;
  p.data = {{"heading", p.title},
            {"values", std::move(values)},
            {"errors", std::move(errors)},
            {"action", own ? std::string("/trainers/profile/edit/") : "/trainers/" + std::to_string(id) + "/edit/"},
            {"cancel", "/trainers/" + std::to_string(id) + "/"}};
  return respond(req, deps, std::move(p));
}

std::int64_t own_trainer_id(const http::Request& req) {
  const auto* actor = front::actor(req);
  if (!actor || !actor->trainer_id) throw Error::not_found();  // no membership: no trainer profile
  return *actor->trainer_id;
}

http::Response save_form(const http::Request& req, const service::Dependencies& deps, std::int64_t id, bool own) {
  auto f = form(req);
  auto changes = read_form(f);
  auto ctx = front::context(req, deps);
  try {
    service::update_trainer(ctx, id, changes);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::validation) throw;
    json errors = field_errors(e, req.lang);
    errors["summary"] = i18n::tr(req.lang, "Please check the form.");
    return form_page(req, deps, id, own, form_values(f), errors, 422);
  }
  return see_other(req, deps, "/trainers/" + std::to_string(id) + "/", "success",
                   i18n::tr(req.lang, "The profile has been saved."));
}

// Membership actions answer with the detail page: its flash says what happened, refusals are the error toast/page.
http::Response membership_action(const http::Request& req, const service::Dependencies& deps,
                                 const service::TrainerView& v, const char* message) {
  return see_other(req, deps, "/trainers/" + std::to_string(v.trainer.id) + "/", "success",
                   i18n::translate(req.lang, i18n::args(message, {{"name", v.trainer.name}})));
}

}  // namespace

void register_trainer_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/trainers/", [&deps](http::Request& req) { return list_page(req, deps); },
             "web-trainers");

  page_route(router, "GET", "/trainers/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto v = service::get_trainer(ctx, front::path_id(req));
    Page p;
    p.title = v.trainer.name;
    p.content = "trainers/detail";
    p.data = {{"trainer", trainer_json(v, req.lang)}};
    return respond(req, deps, std::move(p));
  }, "web-trainer-detail");

  page_route(router, "GET", "/trainers/profile/edit/", [&deps](http::Request& req) {
    auto id = own_trainer_id(req);
    auto ctx = front::context(req, deps);
    auto v = service::get_trainer(ctx, id);
    return form_page(req, deps, id, true, form_values(v), json::object(), 200);
  }, "web-trainer-own-edit");
  page_route(router, "POST", "/trainers/profile/edit/", [&deps](http::Request& req) {
    return save_form(req, deps, own_trainer_id(req), true);
  }, "web-trainer-own-edit-submit");

  page_route(router, "GET", "/trainers/{id:int}/edit/", [&deps](http::Request& req) {
    auto id = front::path_id(req);
    auto ctx = front::context(req, deps);
    auto v = service::get_trainer(ctx, id);
    if (!v.can_edit) throw Error(ErrorCode::permission_denied, "You do not have permission to perform this action.");
    return form_page(req, deps, id, false, form_values(v), json::object(), 200);
  }, "web-trainer-edit");
  page_route(router, "POST", "/trainers/{id:int}/edit/", [&deps](http::Request& req) {
    return save_form(req, deps, front::path_id(req), false);
  }, "web-trainer-edit-submit");

  page_route(router, "POST", "/trainers/{id:int}/deactivate/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto v = service::deactivate_trainer(ctx, front::path_id(req));
    return membership_action(req, deps, v, "Trainer {name} has been deactivated.");
  }, "web-trainer-deactivate");
  page_route(router, "POST", "/trainers/{id:int}/activate/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto v = service::activate_trainer(ctx, front::path_id(req));
    return membership_action(req, deps, v, "Trainer {name} has been activated.");
  }, "web-trainer-activate");
  page_route(router, "POST", "/trainers/{id:int}/role/", [&deps](http::Request& req) {
    service::TrainerChanges ch;
    ch.role = form(req).get("role").value_or("");
    auto ctx = front::context(req, deps);
    auto v = service::update_trainer(ctx, front::path_id(req), ch);
    return membership_action(req, deps, v, "The role of {name} has been changed.");
  }, "web-trainer-role");
}

}  // namespace the5hc::web
