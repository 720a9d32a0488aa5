// Client pages (WEB.md §4.3, §6): list with filters, sorting and pages; add/edit form with inline validation;
// detail; delete; CSV/XLSX export. Each handler parses the request, makes one service call and renders.
#include "web/clients.hpp"

#include <cstdio>

#include "common/clock.hpp"
#include "domain/client_rules.hpp"
#include "domain/grades.hpp"
#include "domain/packages.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "service/clients.hpp"
#include "service/spreadsheet.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"
#include "web/studio_view.hpp"
#include "web/score_chart.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;


// ?sort=name|-name|age|-age|created_at|-created_at; anything else is the list's default (newest first).
store::Sort<store::ClientSort> client_sort(const std::string& sort) {
  static const std::map<std::string, store::ClientSort> keys = {
      {"name", store::ClientSort::name}, {"age", store::ClientSort::age}, {"created_at", store::ClientSort::created_at}};
  const bool descending = sort.starts_with("-");
  auto it = keys.find(descending ? sort.substr(1) : sort);
  if (it == keys.end()) return {{store::ClientSort::created_at, true}};
  return {{it->second, descending}};
}

service::ClientQuery read_query(const http::QueryParams& q) {
  service::ClientQuery out;
  out.with_trainer_choices = true;  // the filter's 담당 트레이너 choices
  out.search = search_words(q);
  out.gender = choice(q, "gender", {"male", "female"});
  out.age_min = number(q, "age_min");
  out.age_max = number(q, "age_max");
  out.trainer_id = number(q, "trainer");
  out.bmi_category = choice(q, "bmi_category", {"underweight", "normal", "overweight", "obese", "severely_obese"});
  out.activity = choice(q, "activity", {"active", "inactive"});
  out.latest_score = choice(q, "latest_score", {"90-100", "80-89", "70-79", "60-69", "0-59", "none"});
  out.created_from = day(q, "created_from");
  out.created_to = day(q, "created_to");
  out.sort = client_sort(q.get("sort").value_or(""));
  return out;
}

json client_row(const service::ClientView& v, Lang lang) {
  const auto& c = v.client;
  auto optional = [](const std::optional<std::string>& s) { return s && !s->empty() ? json(*s) : json(nullptr); };
  json row = {{"id", c.id}, {"name", c.fields.name}, {"email", optional(c.fields.email)},
              {"phone", optional(c.fields.phone)}, {"trainer_name", c.trainer_name},
              {"active", v.active}};
  std::string gender = d::parse_gender(c.fields.gender) ? label(d::gender_label(*d::parse_gender(c.fields.gender)), lang) : "";
  row["age_gender"] = i18n::translate(lang, "{n} years", {{"n", std::to_string(c.fields.age)}}) + " / " + gender;
  row["gender"] = gender;
  row["age"] = i18n::translate(lang, "{n} years", {{"n", std::to_string(c.fields.age)}});
  if (auto bmi = d::bmi(c.fields.height, c.fields.weight)) {
    const auto& cat = d::bmi_category_label(d::bmi_category(*bmi));
    row["bmi"] = {{"value", one_decimal(*bmi)}, {"category", label(cat, lang)}, {"code", cat.code}};
  }
  row["height"] = one_decimal(c.fields.height);
  row["weight"] = one_decimal(c.fields.weight);
  row["assessments"] = plural(lang, "{n} assessment", "{n} assessments", c.assessment_count);
  row["packages"] = plural(lang, "{n} package", "{n} packages", c.active_package_count);
  if (c.latest_overall_score)
    row["score"] = {{"value", one_decimal(c.latest_overall_score)}, {"class", score_class(c.latest_overall_score)}};
  row["activity"] = i18n::tr(lang, v.active ? "Active" : "Inactive");
  std::string created = local_day(c.created_at, v.zone);
  row["created_short"] = created.size() == 10 ? std::to_string(std::stoi(created.substr(5, 2))) + "/" +
                                                    std::to_string(std::stoi(created.substr(8, 2)))
                                              : "";
  row["created_long"] = long_date(created, lang);
  row["delete_question"] = i18n::translate(lang, i18n::args("Do you want to delete {name}?", {{"name", c.fields.name}}));
  return row;
}

json trainer_options(const std::vector<service::TrainerChoice>& trainers, std::optional<std::int64_t> selected) {
  json out = json::array();
  for (const auto& t : trainers) out.push_back({{"id", t.id}, {"name", t.name}, {"selected", selected == t.id}});
  return out;
}

json filters_json(const http::QueryParams& q, const std::vector<service::TrainerChoice>& trainers) {
  json f = json::object();
  f["trainers"] = trainer_options(trainers, number(q, "trainer"));
  f["has_trainers"] = !trainers.empty();
  for (const char* name : {"search", "age_min", "age_max", "created_from", "created_to"}) f[name] = q.get(name).value_or("");
  auto selected = [&](const char* name, const char* value) { return q.get(name) == std::optional<std::string>(value); };
  for (const char* g : {"male", "female"}) f["gender_" + std::string(g)] = selected("gender", g);
  for (const char* b : {"underweight", "normal", "overweight", "obese", "severely_obese"}) f["bmi_" + std::string(b)] = selected("bmi_category", b);
  for (const char* a : {"active", "inactive"}) f["activity_" + std::string(a)] = selected("activity", a);
  json bands = json::array();
  for (const char* s : {"90-100", "80-89", "70-79", "60-69", "0-59"}) bands.push_back({{"value", s}, {"selected", selected("latest_score", s)}});
  f["score_bands"] = bands;
  f["score_none"] = selected("latest_score", "none");
  f["advanced"] = q.has("bmi_category") || q.has("activity") || q.has("latest_score") || q.has("created_from") ||
                  q.has("created_to") || q.has("trainer");
  return f;
}

http::Response list_page(const http::Request& req, const service::Dependencies& deps) {
  auto q = read_query(req.query);
  int page = page_number(req.query);
  q.limit = kPageSize;
  q.offset = (page - 1) * kPageSize;
  auto list = service::list_clients(front::context(req, deps), q);
  json rows = json::array();
  for (const auto& v : list.results) rows.push_back(client_row(v, req.lang));
  std::string sort = req.query.get("sort").value_or("-created_at");
  auto sort_link = [&](const std::string& key) {
    std::string next = sort == key ? "-" + key : key;
    return json{{"url", "/clients/?" + query_string(req.query, {{"sort", next}})},
                {"mark", sort == key ? "▲" : sort == "-" + key ? "▼" : ""}};
  };
  Page p;
  p.title = i18n::tr(req.lang, "Clients");
  p.content = "clients/list";
  p.fragments = {{"client-list", "clients/_table"}};
  p.data = {{"rows", rows},
            {"has_rows", !rows.empty()},
            {"total", plural(req.lang, "{n} client in total", "{n} clients in total", list.count)},
            {"pager", pager("/clients/", req.query, list.count, page, "#client-list")},
            {"sort", {{"name", sort_link("name")}, {"age", sort_link("age")}, {"created_at", sort_link("created_at")}}},
            {"filters", filters_json(req.query, list.trainers)},
            {"csv_url", "/clients/export/?" + query_string(req.query, {{"format", "csv"}})},
            {"xlsx_url", "/clients/export/?" + query_string(req.query, {{"format", "xlsx"}})}};
  return respond(req, deps, std::move(p));
}

// --- form ------------------------------------------------------------------------------------------------------

std::optional<double> decimal(const std::string& text) {
  if (text.empty()) return std::nullopt;
  try {
    size_t used = 0;
    double v = std::stod(text, &used);
    if (used != text.size()) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

service::ClientChanges read_form(const http::QueryParams& f, FieldErrors& input_errors) {
  service::ClientChanges ch;
  ch.name = f.get("name").value_or("");
  ch.gender = f.get("gender").value_or("");
  auto age = number(f, "age");
  if (age) ch.age = static_cast<int>(*age);
  else input_errors["age"].push_back("Age must be between 1 and 120.");
  ch.height = decimal(f.get("height").value_or(""));
  if (!ch.height) input_errors["height"].push_back("Height must be between 50 cm and 300 cm.");
  ch.weight = decimal(f.get("weight").value_or(""));
  if (!ch.weight) input_errors["weight"].push_back("Weight must be between 20 kg and 500 kg.");
  auto optional_text = [&](const char* name) -> std::optional<std::string> {
    auto v = f.get(name).value_or("");
    return v.empty() ? std::nullopt : std::optional(v);
  };
  ch.email = optional_text("email");
  ch.phone = optional_text("phone");
  ch.trainer_id = form_number(f, "trainer", input_errors);
  ch.input_errors = input_errors;
  return ch;
}

json form_values(const http::QueryParams& f) {
  json v = json::object();
  for (const char* name : {"name", "age", "height", "weight", "email", "phone"}) v[name] = f.get(name).value_or("");
  if (auto trainer = number(f, "trainer")) v["trainer"] = *trainer;
  v["male"] = f.get("gender") == std::optional<std::string>("male");
  v["female"] = f.get("gender") == std::optional<std::string>("female");
  return v;
}

json form_values(const service::ClientView& view) {
  const auto& c = view.client.fields;
  return {{"name", c.name}, {"age", std::to_string(c.age)}, {"height", one_decimal(c.height)},
          {"weight", one_decimal(c.weight)}, {"email", c.email.value_or("")}, {"phone", c.phone.value_or("")},
          {"male", c.gender == "male"}, {"female", c.gender == "female"}, {"trainer", c.trainer_id}};
}

json bmi_labels(Lang lang) {
  json labels = json::object();
  for (auto c : {d::BmiCategory::underweight, d::BmiCategory::normal, d::BmiCategory::overweight, d::BmiCategory::obese,
                 d::BmiCategory::severely_obese})
    labels[d::bmi_category_label(c).code] = label(d::bmi_category_label(c), lang);
  return labels;
}

http::Response form_page(const http::Request& req, const service::Dependencies& deps, std::optional<std::int64_t> id,
                         const std::vector<service::TrainerChoice>& trainers, json values, json errors, int status) {
  std::optional<std::int64_t> trainer;
  if (values.contains("trainer")) trainer = values["trainer"].get<std::int64_t>();
  else if (const auto* actor = front::actor(req)) trainer = actor->trainer_id;  // a new client is one's own
  Page p;
  p.title = i18n::tr(req.lang, id ? "Edit client" : "Register a new client");
  p.content = "clients/form";
  p.fragments = {{"client-form", "clients/_form"}};
  p.data = {{"values", std::move(values)},
            {"errors", std::move(errors)},
            {"heading", p.title},
            {"editing", id.has_value()},
            {"action", id ? "/clients/" + std::to_string(*id) + "/edit/" : "/clients/add/"},
            {"cancel", id ? "/clients/" + std::to_string(*id) + "/" : "/clients/"},
            {"client_id", id ? std::to_string(*id) : ""},
            {"bmi_labels", bmi_labels(req.lang).dump()},
            {"trainers", trainer_options(trainers, trainer)},
            {"has_trainers", !trainers.empty()}};
  p.status = status;
  return respond(req, deps, std::move(p));
}

http::Response save_form(const http::Request& req, const service::Dependencies& deps, std::optional<std::int64_t> id) {
  auto f = form(req);
  FieldErrors input_errors;
  auto changes = read_form(f, input_errors);
  auto result = service::save_client(front::context(req, deps), id, changes);
  if (result.rejected) {
    json errors = field_errors(*result.rejected, req.lang);
    errors["summary"] = i18n::tr(req.lang, "Please check the form.");
    return form_page(req, deps, id, result.trainers, form_values(f), errors, 422);
  }
  const auto& saved = *result.saved;
  std::string message = id ? i18n::tr(req.lang, "The client's details have been updated.")
                           : i18n::translate(req.lang, i18n::args("{name} has been registered.",
                                                                  {{"name", saved.client.fields.name}}));
  return see_other(req, deps, "/clients/" + std::to_string(saved.client.id) + "/", "success", message);
}

// --- detail ----------------------------------------------------------------------------------------------------

json detail_view(const service::ClientOverview& o, Lang lang) {
  json v = client_row(o.view, lang);
  const auto& s = o.statistics;
  v["number"] = i18n::translate(lang, "Client no. #{id}", {{"id", std::to_string(o.view.client.id)}});
  v["stats"] = {{"assessments", plural(lang, "{n} assessment", "{n} assessments", s.total_assessments)}};
  v["money_visible"] = o.money_visible;
  if (s.money) {
    v["stats"]["sessions"] = plural(lang, "{n} session", "{n} sessions", s.money->total_sessions);
    v["stats"]["completed"] = plural(lang, "{n} session", "{n} sessions", s.money->completed_sessions);
    v["stats"]["active_packages"] = plural(lang, "{n} package", "{n} packages", s.money->active_packages);
  }
  v["score_chart"] = score_history_chart(s.score_trend, lang);
  v["has_trend"] = s.score_trend.size() >= 2;
  json packages = json::array();
  for (const auto& p : o.active_packages)
    packages.push_back({{"name", p.package_name},
                        {"remaining", i18n::translate(lang, "Remaining: {n} / {m}",
                                                      {{"n", std::to_string(p.counters.remaining_sessions)},
                                                       {"m", std::to_string(p.counters.total_sessions)}})},
                        {"credits", money(p.counters.remaining_credits)},
                        {"utilisation", package_json(p, o.view.zone, lang)["utilisation"]},
                        {"id", p.id}});
  v["active_packages"] = packages;
  v["has_packages"] = !packages.empty();
  json assessments = json::array();
  for (const auto& a : o.recent_assessments) {
    auto score = a.results.scores.overall_score;
    assessments.push_back({{"id", a.id}, {"date", a.meta.date},
                           {"score", score ? i18n::translate(lang, "Overall {x} points", {{"x", one_decimal(score)}})
                                           : i18n::tr(lang, "Incomplete")}});
  }
  v["recent_assessments"] = assessments;
  v["has_assessments"] = !assessments.empty();
  json sessions = json::array();
  for (const auto& s2 : o.recent_sessions) {
    std::string when = lang == Lang::ko ? s2.session_date.substr(5, 2) + "월 " + s2.session_date.substr(8, 2) + "일"
                                        : long_date(s2.session_date, lang);
    if (s2.session_time) when += " " + s2.session_time->substr(0, 5);
    auto status = d::parse_session_status(s2.status);
    sessions.push_back({{"when", when}, {"package", s2.package_name}, {"status_code", s2.status},
                        {"status", status ? label(d::session_status_label(*status), lang) : s2.status}});
  }
  v["recent_sessions"] = sessions;
  v["has_sessions"] = !sessions.empty();
  return v;
}

// --- export ----------------------------------------------------------------------------------------------------

service::Table export_table(const service::ClientList& list, Lang lang) {
  service::Table t;
  t.sheet_name = i18n::tr(lang, "Clients list");
  for (const char* h : {"Name", "Age", "Gender", "Height (cm)", "Weight (kg)", "BMI", "BMI category", "Activity status",
                        "Latest assessment date", "Latest assessment score", "Number of assessments", "Active packages",
                        "E-mail", "Phone", "Registered", "Trainer"})
    t.headers.push_back(i18n::tr(lang, h));
  auto text = [](const std::optional<std::string>& s) { return s ? service::Cell{*s} : service::Cell{}; };
  for (const auto& v : list.results) {
    const auto& c = v.client;
    auto gender = d::parse_gender(c.fields.gender);
    auto bmi = d::bmi(c.fields.height, c.fields.weight);
    std::vector<service::Cell> row;
    row.push_back({c.fields.name});
    row.push_back({std::int64_t{c.fields.age}});
    row.push_back({gender ? label(d::gender_label(*gender), lang) : c.fields.gender});
    row.push_back({service::Cell::Decimal1{c.fields.height}});
    row.push_back({service::Cell::Decimal1{c.fields.weight}});
    row.push_back(bmi ? service::Cell{service::Cell::Decimal1{*bmi}} : service::Cell{});
    row.push_back(bmi ? service::Cell{label(d::bmi_category_label(d::bmi_category(*bmi)), lang)} : service::Cell{});
    row.push_back({i18n::tr(lang, v.active ? "Active" : "Inactive")});
    row.push_back(c.latest_assessment_date ? service::Cell{service::Cell::Day{*c.latest_assessment_date}} : service::Cell{});
    row.push_back(c.latest_overall_score ? service::Cell{service::Cell::Decimal1{*c.latest_overall_score}}
                                         : service::Cell{i18n::tr(lang, "No assessment")});
    row.push_back({c.assessment_count});
    row.push_back({c.active_package_count});
    row.push_back(text(c.fields.email));
    row.push_back(text(c.fields.phone));
    row.push_back({service::Cell::Day{local_day(c.created_at, v.zone)}});
    row.push_back({c.trainer_name});
    t.rows.push_back(std::move(row));
  }
  return t;
}

http::Response export_response(const http::Request& req, const service::Dependencies& deps) {
  std::string format = req.query.get("format").value_or("csv");
  if (format != "csv" && format != "xlsx") throw Error::not_found();
  auto ctx = front::context(req, deps);
  auto list = service::export_clients(ctx, read_query(req.query), query_string(req.query, {}));
  return table_download(export_table(list, req.lang), format, "clients", deps.clock.now());
}

std::optional<std::int64_t> edited_client(const http::QueryParams& f) { return number(f, "client_id"); }

}  // namespace

void register_client_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/clients/", [&deps](http::Request& req) { return list_page(req, deps); }, "web-clients");

  page_route(router, "GET", "/clients/add/", [&deps](http::Request& req) {
    auto choices = service::client_form(front::context(req, deps), std::nullopt);
    return form_page(req, deps, std::nullopt, choices.trainers, json::object(), json::object(), 200);
  }, "web-client-add");
  page_route(router, "POST", "/clients/add/", [&deps](http::Request& req) {
    return save_form(req, deps, std::nullopt);
  }, "web-client-add-submit");

  page_route(router, "GET", "/clients/{id:int}/", [&deps](http::Request& req) {
    auto overview = service::client_overview(front::context(req, deps), front::path_id(req));
    Page p;
    p.title = overview.view.client.fields.name;
    p.content = "clients/detail";
    p.data = {{"client", detail_view(overview, req.lang)}};
    return respond(req, deps, std::move(p));
  }, "web-client-detail");

  page_route(router, "GET", "/clients/{id:int}/edit/", [&deps](http::Request& req) {
    auto id = front::path_id(req);
    auto edit = service::client_form(front::context(req, deps), id);
    return form_page(req, deps, id, edit.trainers, form_values(*edit.client), json::object(), 200);
  }, "web-client-edit");
  page_route(router, "POST", "/clients/{id:int}/edit/", [&deps](http::Request& req) {
    return save_form(req, deps, front::path_id(req));
  }, "web-client-edit-submit");

  for (const char* method : {"POST", "DELETE"})
    page_route(router, method, "/clients/{id:int}/delete/", [&deps](http::Request& req) {
      auto ctx = front::context(req, deps);
      auto id = front::path_id(req);
      auto name = service::delete_client(ctx, id);
      return see_other(req, deps, "/clients/", "success",
                       i18n::translate(req.lang, i18n::args("{name} has been deleted.", {{"name", name}})));
    }, "web-client-delete");

  page_route(router, "POST", "/clients/validate/{field}/", [&deps](http::Request& req) {
    const std::string& field = req.param("field");
    auto f = form(req);
    auto check = service::check_client_field(front::context(req, deps), field, f.get(field).value_or(""),
                                             edited_client(f));
    json data = json::object();
    if (check) data = {{"message", i18n::tr(req.lang, check->message)}, {"warning", check->warning}};
    return fragment(req, "clients/_field_check", data);
  }, "web-client-validate");

  page_route(router, "GET", "/clients/export/", [&deps](http::Request& req) { return export_response(req, deps); },
             "web-client-export");
}

}  // namespace the5hc::web
