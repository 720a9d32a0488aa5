// Assessment pages (WEB.md §4.4): list with filters and compare selection, the five-step form with its live
// preview, detail, delete and compare. The form, its preview and the API read one body the same way
// (service::assessment_form_body → read_assessment_input) and the preview is service::preview_assessment, the
// function behind POST /api/v1/assessments/preview/, so the panel shows what the API computes.
#include "web/assessments.hpp"

#include <sstream>

#include "domain/client_rules.hpp"
#include "domain/grades.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "service/assessment_json.hpp"
#include "service/assessments.hpp"
#include "web/assessment_views.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

const std::initializer_list<const char*> kBands = {"90-100", "80-89", "70-79", "60-69", "0-59"};

// --- list ------------------------------------------------------------------------------------------------------

service::AssessmentQuery read_query(const http::QueryParams& q) {
  service::AssessmentQuery out;
  std::stringstream words(q.get("search").value_or(""));
  for (std::string w; words >> w;) out.search.push_back(w);
  out.client_id = number(q, "client");
  out.date_from = day(q, "date_from");
  out.date_to = day(q, "date_to");
  out.score_range = choice(q, "score_range", kBands);
  out.strength_range = choice(q, "strength_range", kBands);
  out.mobility_range = choice(q, "mobility_range", kBands);
  out.risk_level = choice(q, "risk_level", {"low", "low_moderate", "moderate", "high"});
  if (auto c = choice(q, "is_complete", {"true", "false"})) out.is_complete = *c == "true";
  out.push_up_type = choice(q, "push_up_type", {"standard", "modified", "wall"});
  out.test_environment = choice(q, "test_environment", {"indoor", "outdoor"});
  return out;
}

json options(const http::QueryParams& q, const char* name,
             std::initializer_list<std::pair<const char*, std::string>> values) {
  json out = json::array();
  for (const auto& [value, text] : values)
    out.push_back({{"value", value}, {"text", text}, {"selected", q.get(name) == std::optional<std::string>(value)}});
  return out;
}

json band_options(const http::QueryParams& q, const char* name, Lang lang) {
  json out = json::array();
  for (const char* b : kBands) {
    auto band = d::parse_score_band(b);
    out.push_back({{"value", b},
                   {"text", std::string(b) + " " + label(d::score_band(band->min), lang)},
                   {"selected", q.get(name) == std::optional<std::string>(b)}});
  }
  return out;
}

json filters_json(const http::QueryParams& q, const std::vector<store::Client>& clients, Lang lang) {
  auto tr = [&](const char* m) { return i18n::tr(lang, m); };
  json f = {{"search", q.get("search").value_or("")},
            {"date_from", q.get("date_from").value_or("")},
            {"date_to", q.get("date_to").value_or("")},
            {"score_bands", band_options(q, "score_range", lang)},
            {"strength_bands", band_options(q, "strength_range", lang)},
            {"mobility_bands", band_options(q, "mobility_range", lang)},
            {"risk_levels", options(q, "risk_level", {{"low", tr("Low")}, {"low_moderate", tr("Low-moderate")},
                                                      {"moderate", tr("Moderate")}, {"high", tr("High")}})},
            {"complete", options(q, "is_complete", {{"true", tr("Complete")}, {"false", tr("Incomplete")}})},
            {"push_up_types", options(q, "push_up_type", {{"standard", tr("Standard")},
                                                          {"modified", tr("Modified (knee)")}, {"wall", tr("Wall")}})},
            {"environments", options(q, "test_environment", {{"indoor", tr("Indoor")}, {"outdoor", tr("Outdoor")}})}};
  json cs = json::array();
  auto chosen = number(q, "client");
  for (const auto& c : clients) cs.push_back({{"id", c.id}, {"name", c.fields.name}, {"selected", chosen == c.id}});
  f["clients"] = cs;
  f["advanced"] = q.has("strength_range") || q.has("mobility_range") || q.has("is_complete") ||
                  q.has("push_up_type") || q.has("test_environment") || q.has("risk_level");
  return f;
}

json list_row(const store::Assessment& a, Lang lang) {
  const auto& s = a.results.scores;
  auto cell = [](std::optional<double> v) { return json{{"text", v ? one_decimal(v) : "-"}, {"class", score_class(v)}}; };
  json row = {{"id", a.id}, {"date", a.meta.date}, {"client_name", a.client_name}, {"client_id", a.meta.client_id},
              {"overall", cell(s.overall_score)}, {"strength", cell(s.strength_score)},
              {"mobility", cell(s.mobility_score)}, {"balance", cell(s.balance_score)},
              {"cardio", cell(s.cardio_score)}, {"legacy", a.is_legacy}, {"incomplete", !s.is_complete}};
  if (a.results.injury_risk_score) {
    auto level = d::risk_level(*a.results.injury_risk_score);
    row["risk"] = {{"text", one_decimal(a.results.injury_risk_score)}, {"level", label(d::risk_level_label(level), lang)},
                   {"code", d::risk_level_label(level).code}};
  }
  return row;
}

http::Response list_page(const http::Request& req, const service::Dependencies& deps) {
  auto q = read_query(req.query);
  int page = static_cast<int>(std::max<std::int64_t>(1, number(req.query, "page").value_or(1)));
  q.limit = kPageSize;
  q.offset = (page - 1) * kPageSize;
  q.with_overview = true;
  auto list = service::list_assessments(front::context(req, deps), q);
  json rows = json::array();
  for (const auto& a : list.results) rows.push_back(list_row(a, req.lang));
  Page p;
  p.title = i18n::tr(req.lang, "Assessments");
  p.content = "assessments/list";
  p.fragments = {{"assessment-list", "assessments/_table"}};
  p.data = {{"rows", rows},
            {"has_rows", !rows.empty()},
            {"total", plural(req.lang, "{n} assessment in total", "{n} assessments in total", list.count)},
            {"stats",
             {{"count", std::to_string(list.count)},
              {"average", list.average_overall ? i18n::translate(req.lang, "{x} points",
                                                                 {{"x", one_decimal(list.average_overall)}})
                                               : "-"}}},
            {"pager", pager("/assessments/", req.query, list.count, page, "#assessment-list")},
            {"filters", filters_json(req.query, list.clients, req.lang)},
            {"compare_limit", i18n::tr(req.lang, "You can compare up to 5 assessments.")}};
  return respond(req, deps, std::move(p));
}

// --- form ------------------------------------------------------------------------------------------------------

// The form's values as text by field name ("" for empty), from a stored input or from the posted form.
json values_of(const d::AssessmentInput& in) {
  json api = json::object();
  service::write_assessment_input(api, in);
  auto put_score = [&](const char* name, auto v) { api[name] = v ? json(*v) : json(nullptr); };
  put_score("overhead_squat_score", in.overhead_squat_score);
  put_score("push_up_score", in.push_up_score);
  put_score("single_leg_balance_score", in.single_leg_balance_score);
  put_score("toe_touch_score", in.toe_touch_score);
  put_score("shoulder_mobility_score", in.shoulder_mobility_score);
  put_score("farmer_carry_score", in.farmer_carry_score);
  put_score("harvard_step_test_score", in.harvard_step_test_score);
  json v = json::object();
  for (const auto& [k, x] : api.items()) {
    if (x.is_null()) v[k] = "";
    else if (x.is_boolean()) v[k] = x.get<bool>() ? "true" : "";
    else if (x.is_number_float()) v[k] = one_decimal(x.get<double>());
    else if (x.is_number()) v[k] = std::to_string(x.get<std::int64_t>());
    else v[k] = x.get<std::string>();
  }
  return v;
}

json values_of(const http::QueryParams& f) {
  json v = json::object();
  json body = service::assessment_form_body(f.entries());
  for (const auto& [k, x] : body.items()) v[k] = x.is_boolean() ? (x.get<bool>() ? "true" : "") : f.get(k).value_or("");
  v["date"] = f.get("date").value_or("");
  return v;
}

// Mustache has no comparisons: selects and checkboxes get {"field": {"value": true}} to mark the chosen option.
json selected_of(const json& values) {
  json sel = json::object();
  for (const auto& [k, x] : values.items()) {
    const std::string text = x.get<std::string>();
    sel[k] = json::object();
    if (!text.empty()) sel[k][text] = true;
  }
  return sel;
}

json client_option(const store::Client& c, Lang lang, std::optional<std::int64_t> chosen) {
  auto gender = d::parse_gender(c.fields.gender);
  std::string text = c.fields.name + " (" +
                     i18n::translate(lang, "{n} years", {{"n", std::to_string(c.fields.age)}}) +
                     (gender ? ", " + label(d::gender_label(*gender), lang) : "") + ")";
  return {{"id", c.id}, {"text", text}, {"selected", chosen == c.id}};
}

// The score selects: "자동 계산" (empty) or a manual value on the test's scale (DOMAIN.md §2.3); shoulder mobility
// is always entered, so its empty choice means "not performed" and it has no override marking.
json score_selects(const json& values, const json& errors, Lang lang) {
  auto text = [&](const char* m) { return i18n::tr(lang, m); };
  auto make = [&](const char* name, const char* label_msgid, json options, bool plain) {
    const std::string chosen = values.value(name, "");
    for (auto& o : options) o["selected"] = o["value"] == chosen;
    json s = {{"name", name}, {"label", text(label_msgid)}, {"options", options}, {"plain", plain},
              {"manual", !plain && !chosen.empty()}, {"required", plain},
              {"auto", text(plain ? "Not performed" : "Automatic")}, {"manual_text", text("Entered manually")},
              {"reset_text", text("Back to automatic")}};
    if (errors.contains(name)) s["error"] = errors[name];
    return s;
  };
  auto grades = [&] {
    json o = json::array();
    for (int i = 4; i >= 1; --i) o.push_back({{"value", std::to_string(i)}, {"text", std::to_string(i) + " - " + label(d::test_grade(i), lang)}});
    return o;
  };
  auto fms = [&](bool shoulder) {
    json o = json::array();
    for (int i = 3; i >= 0; --i) o.push_back({{"value", std::to_string(i)}, {"text", std::to_string(i) + " - " + label(d::fms_label(i, shoulder), lang)}});
    return o;
  };
  auto decimals = [] {
    json o = json::array();
    for (int i = 40; i >= 10; --i) {
      std::string v = std::to_string(i / 10) + "." + std::to_string(i % 10);
      o.push_back({{"value", v}, {"text", v}});
    }
    return o;
  };
  return {{"overhead_squat_score", make("overhead_squat_score", "Score", fms(false), false)},
          {"push_up_score", make("push_up_score", "Score", grades(), false)},
          {"single_leg_balance_score", make("single_leg_balance_score", "Score", decimals(), false)},
          {"toe_touch_score", make("toe_touch_score", "Score", grades(), false)},
          {"shoulder_mobility_score", make("shoulder_mobility_score", "Score", fms(true), true)},
          {"farmer_carry_score", make("farmer_carry_score", "Score", decimals(), false)},
          {"harvard_step_test_score", make("harvard_step_test_score", "Score", grades(), false)}};
}

// Inputs drawn from one list in the template (the four balance timers, the three heart rates).
json input_list(const json& values, const json& errors, Lang lang,
                std::initializer_list<std::pair<const char*, const char*>> fields) {
  json out = json::array();
  for (const auto& [name, label_msgid] : fields) {
    json f = {{"name", name}, {"label", i18n::tr(lang, label_msgid)}, {"value", values.value(name, "")}};
    if (errors.contains(name)) f["error"] = errors[name];
    out.push_back(f);
  }
  return out;
}

http::Response form_page(const http::Request& req, const service::Dependencies& deps,
                         const service::AssessmentFormData& data, std::optional<std::int64_t> id, json values,
                         json errors, int status) {
  const auto* actor = front::actor(req);
  if (!values.contains("date") || values["date"].get<std::string>().empty()) values["date"] = data.today;
  json clients = json::array();
  std::optional<std::int64_t> chosen = data.client ? std::optional(data.client->id) : std::nullopt;
  for (const auto& c : data.clients) clients.push_back(client_option(c, req.lang, chosen));
  Page p;
  p.title = i18n::tr(req.lang, id ? "Edit assessment" : "Register a fitness assessment");
  p.content = "assessments/form";
  p.fragments = {{"assessment-form", "assessments/_form"}};
  p.data = {{"heading", p.title},
            {"values", values},
            {"sel", selected_of(values)},
            {"scores", score_selects(values, errors, req.lang)},
            {"balance", input_list(values, errors, req.lang,
                                   {{"single_leg_balance_right_eyes_open", "Right foot, eyes open"},
                                    {"single_leg_balance_left_eyes_open", "Left foot, eyes open"},
                                    {"single_leg_balance_right_eyes_closed", "Right foot, eyes closed"},
                                    {"single_leg_balance_left_eyes_closed", "Left foot, eyes closed"}})},
            {"heart_rates", input_list(values, errors, req.lang,
                                       {{"harvard_step_test_hr1", "Heart rate 1 (1:00–1:30)"},
                                        {"harvard_step_test_hr2", "Heart rate 2 (2:00–2:30)"},
                                        {"harvard_step_test_hr3", "Heart rate 3 (3:00–3:30)"}})},
            {"errors", errors},
            {"editing", id.has_value()},
            {"assessment_id", id ? std::to_string(*id) : ""},
            {"action", id ? "/assessments/" + std::to_string(*id) + "/edit/" : "/assessments/add/"},
            {"cancel", id ? "/assessments/" + std::to_string(*id) + "/" : "/assessments/"},
            {"today", data.today},
            {"clients", clients},
            {"draft_key", "draft:" + (actor ? std::to_string(actor->user_id) : std::string("0")) + ":" +
                              (id ? "edit-" + std::to_string(*id)
                                  : data.client ? std::to_string(data.client->id) : std::string("new"))}};
  if (data.client) p.data["client"] = client_option(*data.client, req.lang, chosen);
  p.status = status;
  return respond(req, deps, std::move(p));
}

service::AssessmentDraft read_draft(const http::QueryParams& f) {
  service::AssessmentDraft draft;
  draft.input_errors = service::read_assessment_input(service::assessment_form_body(f.entries()), draft.input);
  draft.client_id = form_number(f, "client", draft.input_errors);
  auto date = f.get("date").value_or("");
  if (!date.empty()) {
    if (parse_date(date)) draft.date = date;
    else draft.input_errors["date"].push_back("Date has wrong format. Use YYYY-MM-DD.");
  }
  return draft;
}

http::Response save_form(const http::Request& req, const service::Dependencies& deps, std::optional<std::int64_t> id) {
  auto f = form(req);
  auto draft = read_draft(f);
  auto ctx = front::context(req, deps);
  service::AssessmentView saved;
  try {
    if (id) {
      saved = service::update_assessment(ctx, *id, [&](const d::AssessmentInput& stored) {
        auto edit = draft;
        // a legacy row stays as recorded when only the date, trainer or notes changed (DOMAIN.md §2.6)
        auto same = edit.input;
        same.notes = stored.notes;
        edit.touches_tests = !(same == stored);
        return edit;
      });
    } else {
      saved = service::create_assessment(ctx, draft);
    }
  } catch (const Error& e) {
    if (e.code() != ErrorCode::validation) throw;
    json errors = field_errors(e, req.lang);
    errors["summary"] = i18n::tr(req.lang, "Please check the form.");
    auto data = service::assessment_form(ctx, draft.client_id, std::nullopt);
    return form_page(req, deps, data, id, values_of(f), errors, 422);
  }
  return see_other(req, deps, "/assessments/" + std::to_string(saved.row.id) + "/", "success",
                   i18n::tr(req.lang, "The assessment has been saved."));
}

http::Response preview(const http::Request& req, const service::Dependencies& deps) {
  auto f = form(req);
  json data;
  try {
    auto ctx = front::context(req, deps);
    auto editing = number(f, "assessment");  // the edit form scores with the stored snapshot, as its save will
    auto view = editing ? service::preview_assessment_update(ctx, *editing, read_draft(f))
                        : service::preview_assessment(ctx, read_draft(f));
    data = preview_view(view, req.lang);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::validation) throw;
    json errors = json::array();
    for (const auto& [field, messages] : e.fields())
      if (field != "client")
        for (const auto& m : messages) errors.push_back({{"field", field}, {"text", i18n::translate(req.lang, m)}});
    data = {{"errors", errors}, {"has_errors", !errors.empty()}, {"no_client", e.fields().count("client") > 0}};
  }
  return fragment(req, "assessments/_preview", data);
}

// --- compare ---------------------------------------------------------------------------------------------------

std::vector<std::int64_t> ids_of(const http::QueryParams& q) {
  std::vector<std::int64_t> ids;
  for (const auto& v : q.get_all("ids")) {
    std::stringstream parts(v);
    for (std::string part; std::getline(parts, part, ',');) {
      if (part.empty() || part.size() > 12 || part.find_first_not_of("0123456789") != std::string::npos) continue;
      ids.push_back(std::stoll(part));
    }
  }
  return ids;
}

}  // namespace

void register_assessment_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/assessments/", [&deps](http::Request& req) { return list_page(req, deps); },
             "web-assessments");

  page_route(router, "GET", "/assessments/add/", [&deps](http::Request& req) {
    auto data = service::assessment_form(front::context(req, deps), number(req.query, "client"), std::nullopt);
    return form_page(req, deps, data, std::nullopt, json::object(), json::object(), 200);
  }, "web-assessment-add");
  page_route(router, "POST", "/assessments/add/", [&deps](http::Request& req) {
    return save_form(req, deps, std::nullopt);
  }, "web-assessment-add-submit");

  page_route(router, "POST", "/assessments/preview/", [&deps](http::Request& req) { return preview(req, deps); },
             "web-assessment-preview");

  page_route(router, "GET", "/assessments/compare/", [&deps](http::Request& req) {
    auto ids = ids_of(req.query);
    std::vector<service::AssessmentView> views;
    try {
      views = service::compare_assessments(front::context(req, deps), ids);
    } catch (const Error& e) {
      if (e.code() != ErrorCode::validation) throw;
      return see_other(req, deps, "/assessments/", "warning",
                       i18n::tr(req.lang, "Select 2 to 5 assessments to compare."));
    }
    Page p;
    p.title = i18n::tr(req.lang, "Compare assessments");
    p.content = "assessments/compare";
    p.data = compare_view(views, req.lang);
    return respond(req, deps, std::move(p));
  }, "web-assessment-compare");

  page_route(router, "GET", "/assessments/{id:int}/", [&deps](http::Request& req) {
    auto overview = service::assessment_overview(front::context(req, deps), front::path_id(req));
    Page p;
    p.title = i18n::tr(req.lang, "Assessment result");
    p.content = "assessments/detail";
    p.data = {{"a", detail_view(overview, req.lang)}};
    return respond(req, deps, std::move(p));
  }, "web-assessment-detail");

  page_route(router, "GET", "/assessments/{id:int}/edit/", [&deps](http::Request& req) {
    auto id = front::path_id(req);
    auto data = service::assessment_form(front::context(req, deps), std::nullopt, id);
    json values = values_of(data.assessment->row.input);
    values["date"] = data.assessment->row.meta.date;
    return form_page(req, deps, data, id, values, json::object(), 200);
  }, "web-assessment-edit");
  page_route(router, "POST", "/assessments/{id:int}/edit/", [&deps](http::Request& req) {
    return save_form(req, deps, front::path_id(req));
  }, "web-assessment-edit-submit");

  page_route(router, "POST", "/assessments/{id:int}/delete/", [&deps](http::Request& req) {
    service::delete_assessment(front::context(req, deps), front::path_id(req));
    return see_other(req, deps, "/assessments/", "success", i18n::tr(req.lang, "The assessment has been deleted."));
  }, "web-assessment-delete");

  register_mcq_pages(router, deps);
}

}  // namespace the5hc::web
