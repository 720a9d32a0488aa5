#include "api/body.hpp"
#include "api/bookkeeping_json.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "api/packages_api.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "service/sessions.hpp"

namespace the5hc::api {
namespace {

const std::set<std::string> kSessionReadOnly = {
    "id", "client_name", "package_name", "trainer", "trainer_name", "session_cost", "status", "status_display",
    "late_cancellation", "sessions_used", "credits_used", "cancel_reason", "package_summary", "created_at",
    "completed_at", "cancelled_at"};

nlohmann::json summary_json(const service::PackageSummary& p) {
  return {{"id", p.id},
          {"remaining_sessions", p.remaining_sessions},
          {"available_sessions", p.available_sessions},
          {"remaining_credits", p.remaining_credits}};
}

http::Response one_session(const http::Request& req, const service::SessionView& v, int status = 200) {
  nlohmann::json summary = v.summary ? summary_json(*v.summary) : nullptr;
  return http::json_response(status, session_json(v.session, v.zone, req.lang, summary));
}

std::optional<std::string> optional_text(Body& body, const std::string& key) {
  auto v = body.text(key, false, true, 0, true);
  if (v && v->empty()) v.reset();
  return v;
}

// Action endpoints accept an empty body (curl -X POST …/complete/) as {}.
Body action_body(const http::Request& req, std::set<std::string> writable) {
  if (req.body.empty()) return Body(nlohmann::json::object(), std::move(writable));
  return Body(req, std::move(writable));
}

// Body errors are judged by the use case once the session is found (404 first).
service::ScheduleChanges schedule_changes(const http::Request& req, bool put) {
  auto read_only = kSessionReadOnly;
  read_only.insert({"package", "client"});
  Body body(req, {"session_date", "session_time", "session_duration", "notes"}, read_only);
  service::ScheduleChanges ch;
  ch.session_date = body.date("session_date", put);
  if (body.has("session_time") || put) ch.session_time = optional_text(body, "session_time");
  if (auto d = body.integer("session_duration")) ch.session_duration = static_cast<int>(*d);
  else if (put) ch.session_duration = 60;
  if (body.has("notes") || put) ch.notes = optional_text(body, "notes");
  ch.input_errors = body.errors();
  return ch;
}

}  // namespace

void register_session_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/sessions/", [&deps](http::Request& req) {
    auto page = page_request(req);
    service::SessionQuery q;
    q.status = query_choice(req, "status", {"scheduled", "completed", "cancelled", "no_show"});
    q.client_id = query_int(req, "client");
    q.package_id = query_int(req, "package");
    q.trainer_id = query_int(req, "trainer");
    q.start_date = query_date(req, "start_date");
    q.end_date = query_date(req, "end_date");
    q.search = search_terms(req);
    q.sort = sort_keys<store::SessionSort>(req, {{"session_date", store::SessionSort::session_date},
                                                 {"created_at", store::SessionSort::created_at}});
    q.limit = page.page_size;
    q.offset = page.offset();
    auto list = service::list_sessions(front::context(req, deps), q);
    nlohmann::json results = nlohmann::json::array();
    for (const auto& s : list.results)
      results.push_back(session_json(s, list.zone, req.lang, summary_json(list.summaries[s.package_id])));
    return http::json_response(200, page_envelope(req, page, list.count, results));
  }, "sessions-list");

  router.post("/api/v1/sessions/", [&deps](http::Request& req) {
    Body body(req, {"package", "client", "session_date", "session_time", "session_duration", "notes"},
              kSessionReadOnly);
    service::NewSession in;
    auto package = body.integer("package", true);
    in.client_id = body.integer("client", false, true);
    auto date = body.date("session_date", true);
    in.session_time = optional_text(body, "session_time");
    if (auto d = body.integer("session_duration")) in.session_duration = static_cast<int>(*d);
    in.notes = optional_text(body, "notes");
    body.finish();
    in.package_id = *package;
    in.session_date = *date;
    return one_session(req, service::book_session(front::context(req, deps), in), 201);
  }, "sessions-create");

  router.get("/api/v1/sessions/calendar/", [&deps](http::Request& req) {
    auto month = query_int(req, "month");
    auto year = query_int(req, "year");
    FieldErrors errors;
    auto range = [&](const char* name, const std::optional<std::int64_t>& v, int lo, int hi) {
      if (v && (*v < lo || *v > hi))
        errors[name].push_back(i18n::args(*v < lo ? "Ensure this value is greater than or equal to {n}."
                                                  : "Ensure this value is less than or equal to {n}.",
                                          {{"n", std::to_string(*v < lo ? lo : hi)}}));
    };
    range("month", month, 1, 12);
    range("year", year, 2000, 2100);
    if (!errors.empty()) throw Error::validation(errors);
    service::CalendarQuery q;
    if (year) q.year = static_cast<int>(*year);
    if (month) q.month = static_cast<int>(*month);
    q.trainer_id = query_int(req, "trainer");
    auto days = service::session_calendar(front::context(req, deps), q);
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [day, sessions] : days) {
      auto& list = out[day] = nlohmann::json::array();
      for (const auto& s : sessions)
        list.push_back({{"id", s.id}, {"client", s.client_id}, {"client_name", s.client_name},
                        {"package", s.package_id}, {"package_name", s.package_name},
                        {"trainer_name", s.trainer_name}, {"session_time", nullable(s.session_time)},
                        {"session_duration", s.session_duration}, {"status", s.status},
                        {"session_cost", s.session_cost}});
    }
    return http::json_response(200, out);
  }, "sessions-calendar");

  router.get("/api/v1/sessions/{id:int}/", [&deps](http::Request& req) {
    return one_session(req, service::get_session(front::context(req, deps), req.param_int("id")));
  }, "sessions-detail");

  for (bool put : {true, false}) {
    auto handler = [&deps, put](http::Request& req) {
      return one_session(req, service::reschedule_session(front::context(req, deps), req.param_int("id"),
                                                          schedule_changes(req, put)));
    };
    if (put) router.put("/api/v1/sessions/{id:int}/", handler, "sessions-update");
    else router.patch("/api/v1/sessions/{id:int}/", handler, "sessions-partial-update");
  }

  router.del("/api/v1/sessions/{id:int}/", [](http::Request&) -> http::Response {
    // 세션은 삭제할 수 없습니다. 취소하세요.
    Error e(ErrorCode::method_not_allowed, "Sessions cannot be deleted. Cancel them instead.");
    e.headers["Allow"] = "GET, PUT, PATCH, HEAD, OPTIONS";
    throw e;
  }, "sessions-delete");

  auto outcome = [&deps](domain::SessionOutcome kind) {
    return [&deps, kind](http::Request& req) {
      service::OutcomeInput in{kind};
      // body errors are judged by the use case once the session is found (404 first)
      if (kind == domain::SessionOutcome::complete || kind == domain::SessionOutcome::no_show) {
        auto body = action_body(req, {"notes"});
        in.notes = optional_text(body, "notes");
        in.input_errors = body.errors();
      } else {
        auto body = action_body(req, {"late_cancellation", "reason"});
        if (body.boolean("late_cancellation").value_or(false)) in.outcome = domain::SessionOutcome::late_cancel;
        in.cancel_reason = optional_text(body, "reason");
        in.input_errors = body.errors();
      }
      return one_session(req, service::record_outcome(front::context(req, deps), req.param_int("id"), in));
    };
  };
  router.post("/api/v1/sessions/{id:int}/complete/", outcome(domain::SessionOutcome::complete), "sessions-complete");
  router.post("/api/v1/sessions/{id:int}/no-show/", outcome(domain::SessionOutcome::no_show), "sessions-no-show");
  router.post("/api/v1/sessions/{id:int}/cancel/", outcome(domain::SessionOutcome::cancel), "sessions-cancel");
}

}  // namespace the5hc::api
