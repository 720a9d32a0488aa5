// Session pages (WEB.md §4.5): the list with stat cards, period presets and status filter; complete / cancel
// (late-cancel option and reason) / no-show as HTMX row swaps with a toast; booking with the client's bookable
// packages; the calendar page and its events JSON. Each handler parses the request, makes one service call and
// renders.
#include "web/sessions.hpp"

#include "common/clock.hpp"
#include "common/time.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "http/static_files.hpp"
#include "service/sessions.hpp"
#include "service/studio.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"
#include "web/studio_view.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

http::Response list_page(const http::Request& req, const service::Dependencies& deps) {
  service::SessionQuery q;
  q.search = search_words(req.query);
  q.status = choice(req.query, "status", {"scheduled", "completed", "cancelled", "no_show"});
  q.package_id = number(req.query, "package");
  q.client_id = number(req.query, "client");
  auto period = choice(req.query, "period", {"today", "week", "month", "custom"}).value_or("");
  if (period == "custom") {
    q.start_date = day(req.query, "from");
    q.end_date = day(req.query, "to");
  }
  int page = page_number(req.query);
  q.limit = kPageSize;
  q.offset = (page - 1) * kPageSize;
  auto board = service::session_board(front::context(req, deps), q, period);
  json rows = json::array();
  for (const auto& s : board.list.results) rows.push_back(session_json(s, req.lang));
  auto status = q.status.value_or("");
  json filters = {{"search", req.query.get("search").value_or("")},
                  {"from", req.query.get("from").value_or("")},
                  {"to", req.query.get("to").value_or("")},
                  {"custom", period == "custom"},
                  {"package", q.package_id ? json(std::to_string(*q.package_id)) : json(false)},
                  {"client", q.client_id ? json(std::to_string(*q.client_id)) : json(false)}};
  for (const char* p : {"today", "week", "month", "custom"}) filters["period_" + std::string(p)] = period == p;
  for (const char* s : {"scheduled", "completed", "cancelled", "no_show"}) filters["status_" + std::string(s)] = status == s;
  auto sessions = [&](std::int64_t n) { return plural(req.lang, "{n} session", "{n} sessions", n); };
  Page p;
  p.title = i18n::tr(req.lang, "Session management");
  p.content = "sessions/list";
  p.fragments = {{"session-list", "sessions/_table"}};
  p.data = {{"rows", rows},
            {"has_rows", !rows.empty()},
            {"total", plural(req.lang, "{n} session in total", "{n} sessions in total", board.list.count)},
            {"pager", pager("/sessions/", req.query, board.list.count, page, "#session-list")},
            {"stats", {{"total", sessions(board.total)}, {"completed", sessions(board.completed)},
                       {"this_week", sessions(board.this_week)}, {"scheduled", sessions(board.scheduled)}}},
            {"filters", filters}};
  return respond(req, deps, std::move(p));
}

// --- row actions ---------------------------------------------------------------------------------------------

std::string outcome_message(const service::SessionView& v, d::SessionOutcome outcome, Lang lang) {
  std::string left = v.summary ? i18n::translate(lang, "{n} sessions left.",
                                                 {{"n", std::to_string(v.summary->remaining_sessions)}})
                               : "";
  switch (outcome) {
    case d::SessionOutcome::complete: return i18n::tr(lang, "The session has been completed.") + " " + left;
    case d::SessionOutcome::no_show: return i18n::tr(lang, "Marked as a no-show; 1 session was consumed.") + " " + left;
    case d::SessionOutcome::late_cancel:
      return i18n::tr(lang, "Cancelled on the day; 1 session was consumed.") + " " + left;
    default: return i18n::tr(lang, "The session has been cancelled.");
  }
}

http::Response record(const http::Request& req, const service::Dependencies& deps, d::SessionOutcome outcome) {
  auto f = form(req);
  service::OutcomeInput in;
  in.outcome = outcome;
  if (outcome == d::SessionOutcome::cancel && f.get("late") == std::optional<std::string>("on"))
    in.outcome = d::SessionOutcome::late_cancel;
  if (outcome == d::SessionOutcome::cancel) in.cancel_reason = text(f, "reason");
  auto v = service::record_outcome(front::context(req, deps), front::path_id(req), in);
  std::string message = outcome_message(v, in.outcome, req.lang);
  if (!req.headers.has("HX-Request")) return see_other(req, deps, "/sessions/", "success", message);
  auto res = fragment(req, "sessions/_row", session_json(v.session, req.lang));
  res.headers.set("HX-Trigger", hx_trigger({{"showMessage", {{"level", "success"}, {"text", message}}},
                                            {"sessionChanged", {{"id", v.session.id}}}}));
  return res;
}

// --- booking ---------------------------------------------------------------------------------------------------

json booking_values(const http::QueryParams& f) {
  json v = json::object();
  for (const char* name : {"session_date", "session_time", "notes"}) v[name] = f.get(name).value_or("");
  if (v["session_date"] == "") v["session_date"] = f.get("date").value_or("");  // the calendar's empty day
  v["session_duration"] = f.get("session_duration").value_or("60");
  return v;
}

http::Response booking_page(const http::Request& req, const service::Dependencies& deps, const service::StudioForm& form,
                            const http::QueryParams& f, json errors, int status) {
  Page p;
  p.title = i18n::tr(req.lang, "Book a session");
  p.content = "sessions/form";
  p.fragments = {{"booking-form", "sessions/_form"}};
  p.data = {{"values", booking_values(f)},
            {"errors", std::move(errors)},
            {"clients", client_options(form.clients, form.client_id)},
            {"client_packages_url", "/sessions/client-packages/"},
            {"choices", {{"packages", package_options(form.packages, number(f, "package"), req.lang)},
                         {"has_client", form.client_id.has_value()},
                         {"has_packages", !form.packages.empty()},
                         {"booking", true}}},
            {"today", form.today}};
  p.status = status;
  return respond(req, deps, std::move(p));
}

http::Response book(const http::Request& req, const service::Dependencies& deps) {
  auto f = form(req);
  auto ctx = front::context(req, deps);
  FieldErrors errors;
  auto client = number(f, "client");
  auto package = number(f, "package");
  if (!client) errors["client"].push_back("This field is required.");
  if (!package) errors["package"].push_back("This field is required.");
  auto date = day(f, "session_date");
  if (!date) errors["session_date"].push_back("This field is required.");
  auto duration = whole(f, "session_duration", false, errors);
  try {
    if (!errors.empty()) throw Error::validation(errors);
    service::NewSession in;
    in.package_id = *package;
    in.client_id = client;
    in.session_date = *date;
    in.session_time = text(f, "session_time");
    in.session_duration = duration.value_or(60);
    in.notes = text(f, "notes");
    service::book_session(ctx, in);
    return see_other(req, deps, "/sessions/", "success", i18n::tr(req.lang, "The session has been booked."));
  } catch (const Error& e) {
    json shown = rejected_form(e, req.lang);
    return booking_page(req, deps, service::studio_form(ctx, client, true), f, shown, 422);
  }
}

// GET /sessions/client-packages/?client=[&for=payment]: the package <select> of the booking (bookable ones) or
// payment form (all of the client's, optional).
http::Response client_packages(const http::Request& req, const service::Dependencies& deps) {
  bool booking = req.query.get("for") != std::optional<std::string>("payment");
  auto form = service::studio_form(front::context(req, deps), number(req.query, "client"), booking);
  json data = {{"choices", {{"packages", package_options(form.packages, std::nullopt, req.lang)},
                            {"has_client", form.client_id.has_value()},
                            {"has_packages", !form.packages.empty()},
                            {"booking", booking}}}};
  return fragment(req, "sessions/_package_choices", data);
}

// --- calendar --------------------------------------------------------------------------------------------------

http::Response calendar(const http::Request& req, const service::Dependencies& deps) {
  auto cal = service::calendar_page(front::context(req, deps));
  std::string now = local_date_time(format_timestamp(deps.clock.now()), cal.zone);  // "YYYY-MM-DD HH:MM"
  if (now.size() == 16) now = now.substr(0, 10) + "T" + now.substr(11) + ":00";
  json trainers = json::array();
  auto chosen = number(req.query, "trainer");
  for (const auto& t : cal.trainers) trainers.push_back({{"id", t.id}, {"name", t.name}, {"selected", chosen == t.id}});
  std::string view = choice(req.query, "view", {"month", "week", "list"}).value_or("month");
  json labels = {{"session_info", i18n::tr(req.lang, "Session information")}};
  Page p;
  p.title = i18n::tr(req.lang, "Session calendar");
  p.content = "sessions/calendar";
  p.data = {{"calendar", {{"zone", cal.zone}, {"now", now}, {"view", view},
                          {"date", day(req.query, "date").value_or(cal.today)},
                          {"locale", req.lang == Lang::en ? "en" : "ko"}}},
            {"trainers", trainers},
            {"has_trainers", !cal.trainers.empty()},
            {"assets_calendar",
             {{"core", http::static_url("vendor/fullcalendar-core.min.js")},
              {"ko", http::static_url("vendor/fullcalendar-ko.min.js")},
              {"daygrid", http::static_url("vendor/fullcalendar-daygrid.min.js")},
              {"timegrid", http::static_url("vendor/fullcalendar-timegrid.min.js")},
              {"list", http::static_url("vendor/fullcalendar-list.min.js")},
              {"interaction", http::static_url("vendor/fullcalendar-interaction.min.js")},
              {"calendar", http::static_url("calendar.js")}}}};
  return respond(req, deps, std::move(p));
}

// "HH:MM" + minutes → "HH:MM:SS" of the end (sessions end the same day; a later end is clamped to 23:59).
std::string end_time(const std::string& start, int minutes) {
  int total = std::stoi(start.substr(0, 2)) * 60 + std::stoi(start.substr(3, 2)) + minutes;
  total = std::min(total, 23 * 60 + 59);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:00", total / 60, total % 60);
  return buf;
}

http::Response calendar_events(const http::Request& req, const service::Dependencies& deps) {
  service::SessionQuery q;
  auto first10 = [&](const char* name) -> std::optional<std::string> {
    auto v = req.query.get(name);
    if (!v || v->size() < 10 || !parse_date(v->substr(0, 10))) return std::nullopt;
    return v->substr(0, 10);
  };
  q.start_date = first10("start");
  q.end_date = first10("end");  // FullCalendar's end is exclusive; one extra day costs nothing
  q.trainer_id = number(req.query, "trainer");
  q.sort = {{store::SessionSort::session_date, false}, {store::SessionSort::session_time, false}};
  auto list = service::list_sessions(front::context(req, deps), q);
  json events = json::array();
  for (const auto& s : list.results) {
    json e = {{"id", std::to_string(s.id)},
              {"title", s.client_name + " (" + s.package_name + ")"},
              {"status", s.status},
              {"url", "/sessions/packages/" + std::to_string(s.package_id) + "/"}};
    if (s.session_time && s.session_time->size() >= 5) {
      e["start"] = s.session_date + "T" + s.session_time->substr(0, 5) + ":00";
      e["end"] = s.session_date + "T" + end_time(*s.session_time, s.session_duration);
    } else {
      e["start"] = s.session_date;
      e["allDay"] = true;
    }
    json shown = session_json(s, req.lang);
    e["extendedProps"] = {{"status", s.status}, {"statusLabel", shown["status"]}, {"client", s.client_name},
                          {"package", s.package_name}, {"date", s.session_date}, {"time", shown["time"]},
                          {"duration", shown["duration"]}, {"notes", shown["notes"]},
                          {"scheduled", s.status == "scheduled"}};
    events.push_back(std::move(e));
  }
  auto res = http::json_response(200, events);
  res.headers.set("Cache-Control", "no-store");
  return res;
}

}  // namespace

void register_session_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/sessions/", [&deps](http::Request& req) { return list_page(req, deps); }, "web-sessions");
  page_route(router, "GET", "/sessions/add/", [&deps](http::Request& req) {
    auto f = service::studio_form(front::context(req, deps), number(req.query, "client"), true);
    return booking_page(req, deps, f, req.query, json::object(), 200);
  }, "web-session-add");
  page_route(router, "POST", "/sessions/add/", [&deps](http::Request& req) { return book(req, deps); },
             "web-session-add-submit");
  page_route(router, "GET", "/sessions/client-packages/", [&deps](http::Request& req) {
    return client_packages(req, deps);
  }, "web-session-client-packages");
  page_route(router, "POST", "/sessions/{id:int}/complete/", [&deps](http::Request& req) {
    return record(req, deps, d::SessionOutcome::complete);
  }, "web-session-complete");
  page_route(router, "POST", "/sessions/{id:int}/cancel/", [&deps](http::Request& req) {
    return record(req, deps, d::SessionOutcome::cancel);
  }, "web-session-cancel");
  page_route(router, "POST", "/sessions/{id:int}/no-show/", [&deps](http::Request& req) {
    return record(req, deps, d::SessionOutcome::no_show);
  }, "web-session-no-show");
  page_route(router, "GET", "/sessions/calendar/", [&deps](http::Request& req) { return calendar(req, deps); },
             "web-calendar");
  page_route(router, "GET", "/sessions/calendar/events/", [&deps](http::Request& req) {
    return calendar_events(req, deps);
  }, "web-calendar-events");
}

}  // namespace the5hc::web
