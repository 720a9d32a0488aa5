#include "api/body.hpp"
#include "api/bookkeeping_json.hpp"
#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "api/packages_api.hpp"
#include "front/context.hpp"
#include "http/json_response.hpp"
#include "service/payments.hpp"
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

http::Response one_session(const service::Context& ctx, const http::Request& req, const store::Session& s,
                           int status = 200) {
  auto summaries = service::package_summaries(ctx, {s});
  nlohmann::json summary = summaries.count(s.package_id) ? summary_json(summaries.at(s.package_id)) : nullptr;
  return http::json_response(status, session_json(s, service::actor_timezone(ctx), req.lang, summary));
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
  body.finish();
  return ch;
}

}  // namespace

void register_session_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/sessions/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto page = page_request(req);
    store::SessionFilter f;
    f.status = query_choice(req, "status", {"scheduled", "completed", "cancelled", "no_show"});
    f.client_id = query_int(req, "client");
    f.package_id = query_int(req, "package");
    f.trainer_id = query_int(req, "trainer");
    f.start_date = query_date(req, "start_date");
    f.end_date = query_date(req, "end_date");
    f.search = search_terms(req);
    auto order = ordering(req, {"session_date", "created_at"}, {});
    if (!order.empty())
      f.order_by = order_by_sql(order, {{"session_date", "s.session_date"}, {"created_at", "s.created_at"}}, "s.id");
    f.limit = page.page_size;
    f.offset = page.offset();
    auto [rows, count] = service::list_sessions(ctx, f);
    auto zone = service::actor_timezone(ctx);
    auto summaries = service::package_summaries(ctx, rows);
    nlohmann::json results = nlohmann::json::array();
    for (const auto& s : rows) results.push_back(session_json(s, zone, req.lang, summary_json(summaries[s.package_id])));
    return http::json_response(200, page_envelope(req, page, count, results));
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
    auto ctx = front::context(req, deps);
    return one_session(ctx, req, service::book_session(ctx, in), 201);
  }, "sessions-create");

  router.get("/api/v1/sessions/calendar/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
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
    auto trainer = query_int(req, "trainer");
    auto today = service::current_local_date(ctx);
    auto days = service::session_calendar(ctx, static_cast<int>(year.value_or(today.year)),
                                          static_cast<int>(month.value_or(today.month)), trainer);
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
    auto ctx = front::context(req, deps);
    return one_session(ctx, req, service::get_session(ctx, req.param_int("id")));
  }, "sessions-detail");

  for (bool put : {true, false}) {
    auto handler = [&deps, put](http::Request& req) {
      auto ctx = front::context(req, deps);
      auto id = req.param_int("id");
      service::get_session(ctx, id);
      return one_session(ctx, req, service::reschedule_session(ctx, id, schedule_changes(req, put)));
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
      auto ctx = front::context(req, deps);
      auto id = req.param_int("id");
      service::get_session(ctx, id);
      service::OutcomeInput in{kind, std::nullopt, std::nullopt};
      if (kind == domain::SessionOutcome::complete || kind == domain::SessionOutcome::no_show) {
        auto body = action_body(req, {"notes"});
        in.notes = optional_text(body, "notes");
        body.finish();
      } else {
        auto body = action_body(req, {"late_cancellation", "reason"});
        if (body.boolean("late_cancellation").value_or(false)) in.outcome = domain::SessionOutcome::late_cancel;
        in.cancel_reason = optional_text(body, "reason");
        body.finish();
      }
      return one_session(ctx, req, service::record_outcome(ctx, id, in));
    };
  };
  router.post("/api/v1/sessions/{id:int}/complete/", outcome(domain::SessionOutcome::complete), "sessions-complete");
  router.post("/api/v1/sessions/{id:int}/no-show/", outcome(domain::SessionOutcome::no_show), "sessions-no-show");
  router.post("/api/v1/sessions/{id:int}/cancel/", outcome(domain::SessionOutcome::cancel), "sessions-cancel");
}

}  // namespace the5hc::api
