#include "service/sessions.hpp"

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/metrics.hpp"
#include "common/time.hpp"
#include "service/audit.hpp"
#include "service/authorization.hpp"
#include "service/bookkeeping.hpp"
#include "service/identity.hpp"
#include "store/database.hpp"
#include "store/packages.hpp"

namespace the5hc::service {
namespace {

metrics::Counter& sessions_booked() {
  static auto& family =
      metrics::Registry::global().counter("the5hc_sessions_booked_total", "Sessions booked on packages.");
  return family.with({});
}

store::Session visible_session(soci::session& sql, const Context& ctx, std::int64_t id) {
  records_scope(ctx);  // assistants → 403 before the lookup (bookkeeping.hpp)
  auto s = store::find_session(sql, id);
  if (!s) throw Error::not_found();
  authorize_record(ctx, s->organization_id, s->client_trainer_id);
  return *s;
}

nlohmann::json consumption_json(const store::Session& s, const domain::PackageCounters& c) {
  return {{"status", s.status},
          {"sessions_used", s.sessions_used},
          {"credits_used", s.credits_used},
          {"package_remaining_sessions", c.remaining_sessions},
          {"package_remaining_credits", c.remaining_credits}};
}

const char* outcome_action(domain::SessionOutcome o) {
  switch (o) {
    case domain::SessionOutcome::complete: return "session_completed";
    case domain::SessionOutcome::no_show: return "session_no_show";
    default: return "session_cancelled";
  }
}

std::string repr(const store::Session& s) { return s.client_name + " " + s.session_date; }

std::optional<PackageSummary> summary_of(soci::session& sql, std::int64_t package_id) {
  auto p = store::find_package(sql, package_id);
  if (!p) return std::nullopt;
  return PackageSummary{p->id, p->counters.remaining_sessions,
                        domain::available_sessions(p->counters, p->scheduled_count), p->counters.remaining_credits};
}

SessionView view_of(soci::session& sql, const Context& ctx, store::Session s) {
  auto summary = summary_of(sql, s.package_id);
  return SessionView{std::move(s), summary, actor_zone(ctx)};
}

void check_not_past(const Context& ctx, const store::Organization& org, const std::string& date) {
  if (*parse_date(date) < local_today(ctx, org))
    throw Error::field("session_date", "The session date cannot be in the past.");  // 세션 날짜는 과거일 수 없습니다.
}

}  // namespace

SessionView book_session(const Context& ctx, const NewSession& in) {
  require_actor(ctx);
  auto errors = domain::validate_session_fields(in.session_duration, in.session_time);
  if (!errors.empty()) throw Error::validation(errors);
  auto session = ctx.db.write([&](soci::session& sql) {
    auto invalid = Error::field("package", i18n::args("Invalid pk \"{id}\" - object does not exist.",
                                                      {{"id", std::to_string(in.package_id)}}));
    records_scope(ctx);  // assistants → 403 before the lookup (bookkeeping.hpp)
    if (!store::lock_package(sql, in.package_id, ctx.db.for_update())) throw invalid;
    auto p = store::find_package(sql, in.package_id);
    try {
      authorize_record(ctx, p->organization_id, p->client_trainer_id);
    } catch (const Error& e) {
      if (e.code() == ErrorCode::not_found) throw invalid;
      throw;
    }
    if (in.client_id && *in.client_id != p->client_id)
      // 선택한 패키지는 이 회원의 패키지가 아닙니다.
      throw Error::field("client", "The selected package does not belong to this client.");
    auto org = organization_of(sql, p->organization_id);
    // counted again under the lock: a booking committed meanwhile is seen here
    int scheduled = store::count_scheduled(sql, p->id);
    domain::check_booking(p->counters, scheduled, to_sys_days(*parse_date(in.session_date)),
                          to_sys_days(local_today(ctx, org)));
    store::Session s;
    s.organization_id = p->organization_id;
    s.client_id = p->client_id;
    s.package_id = p->id;
    s.trainer_id = p->trainer_id;
    s.session_date = in.session_date;
    s.session_time = in.session_time;
    s.session_duration = in.session_duration;
    s.session_cost = p->counters.session_price;
    s.notes = in.notes;
    s.created_at = format_timestamp(ctx.clock.now());
    s.id = store::insert_session(sql, s);
    auto created = *store::find_session(sql, s.id);
    nlohmann::json after{{"package", s.package_id}, {"client", s.client_id}, {"session_date", s.session_date},
                         {"session_time", s.session_time ? nlohmann::json(*s.session_time) : nlohmann::json()},
                         {"session_duration", s.session_duration}, {"session_cost", s.session_cost}};
    audit(sql, ctx, "session_created", "session", s.id, repr(created), s.organization_id, {.after = after.dump()});
    return view_of(sql, ctx, created);
  });
  sessions_booked().inc();
  return session;
}

SessionView reschedule_session(const Context& ctx, std::int64_t id, const ScheduleChanges& ch) {
  require_actor(ctx);
  return ctx.db.write([&](soci::session& sql) {
    auto s = visible_session(sql, ctx, id);
    if (!ch.input_errors.empty()) throw Error::validation(ch.input_errors);
    store::lock_package(sql, s.package_id, ctx.db.for_update());
    s = visible_session(sql, ctx, id);
    if (s.status != "scheduled")
      throw Error(ErrorCode::conflict, "Only scheduled sessions can be processed.");  // 예약된 세션만 처리할 수 있습니다.
    nlohmann::json before = nlohmann::json::object(), after = nlohmann::json::object();
    auto opt = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
    if (ch.session_date && *ch.session_date != s.session_date) {
      check_not_past(ctx, organization_of(sql, s.organization_id), *ch.session_date);
      before["session_date"] = s.session_date;
      after["session_date"] = s.session_date = *ch.session_date;
    }
    if (ch.session_time && *ch.session_time != s.session_time) {
      before["session_time"] = opt(s.session_time);
      after["session_time"] = opt(*ch.session_time);
      s.session_time = *ch.session_time;
    }
    if (ch.session_duration && *ch.session_duration != s.session_duration) {
      before["session_duration"] = s.session_duration;
      after["session_duration"] = s.session_duration = *ch.session_duration;
    }
    if (ch.notes && *ch.notes != s.notes) {
      before["notes"] = opt(s.notes);
      after["notes"] = opt(*ch.notes);
      s.notes = *ch.notes;
    }
    auto errors = domain::validate_session_fields(s.session_duration, s.session_time);
    if (!errors.empty()) throw Error::validation(errors);
    if (after.empty()) return view_of(sql, ctx, s);
    store::save_session_schedule(sql, s);
    // DOMAIN.md §10.1 lists no verb for rescheduling; every update is audited, named as the other *_updated ones
    audit(sql, ctx, "session_updated", "session", s.id, repr(s), s.organization_id,
          {.before = before.dump(), .after = after.dump()});
    return view_of(sql, ctx, s);
  });
}

SessionView record_outcome(const Context& ctx, std::int64_t id, const OutcomeInput& in) {
  require_actor(ctx);
  return ctx.db.write([&](soci::session& sql) {
    auto first = visible_session(sql, ctx, id);
    if (!in.input_errors.empty()) throw Error::validation(in.input_errors);
    if (!store::lock_package(sql, first.package_id, ctx.db.for_update())) throw Error::not_found();
    // re-read under the lock: another request may have processed this session meanwhile
    auto s = visible_session(sql, ctx, id);
    auto p = *store::find_package(sql, s.package_id);
    auto current = domain::parse_session_status(s.status).value_or(domain::SessionStatus::scheduled);
    auto change = domain::apply_session_outcome(p.counters, current, in.outcome);
    auto before = consumption_json(s, p.counters);
    auto now = format_timestamp(ctx.clock.now());
    s.status = domain::session_status_label(change.status).code;
    s.sessions_used = change.sessions_used;
    s.credits_used = change.credits_used;
    s.late_cancellation = in.outcome == domain::SessionOutcome::late_cancel;
    if (in.notes) s.notes = in.notes;
    if (in.outcome == domain::SessionOutcome::complete) s.completed_at = now;
    if (change.status == domain::SessionStatus::cancelled) {
      s.cancelled_at = now;
      s.cancel_reason = in.cancel_reason;
    }
    store::save_session_outcome(sql, s);
    if (change.sessions_used > 0) {
      p.counters = change.package;
      store::save_package_counters(sql, p, now);
    }
    auto after = consumption_json(s, change.package);
    after["late_cancellation"] = s.late_cancellation;
    audit(sql, ctx, outcome_action(in.outcome), "session", s.id, repr(s), s.organization_id,
          {.before = before.dump(), .after = after.dump()});
    return view_of(sql, ctx, *store::find_session(sql, id));
  });
}

SessionView get_session(const Context& ctx, std::int64_t id) {
  require_actor(ctx);
  return ctx.db.read([&](soci::session& sql) { return view_of(sql, ctx, visible_session(sql, ctx, id)); });
}

store::SessionFilter session_filter(const Context& ctx, const SessionQuery& q) {
  store::SessionFilter f;
  f.scope = records_scope(ctx);
  f.status = q.status;
  f.client_id = q.client_id;
  f.package_id = q.package_id;
  f.trainer_id = q.trainer_id;
  f.start_date = q.start_date;
  f.end_date = q.end_date;
  f.search = q.search;
  f.sort = q.sort;
  f.limit = q.limit;
  f.offset = q.offset;
  return f;
}

SessionList list_sessions(const Context& ctx, const SessionQuery& q) {
  auto f = session_filter(ctx, q);
  return ctx.db.read([&](soci::session& sql) {
    SessionList out{store::count_sessions(sql, f), store::list_sessions(sql, f), {}, actor_zone(ctx)};
    for (const auto& s : out.results) {
      if (out.summaries.count(s.package_id)) continue;
      if (auto summary = summary_of(sql, s.package_id)) out.summaries[s.package_id] = *summary;
    }
    return out;
  });
}

std::map<std::string, std::vector<store::Session>> session_calendar(const Context& ctx, const CalendarQuery& q) {
  store::SessionFilter f;
  f.scope = records_scope(ctx);
  f.trainer_id = q.trainer_id;
  Date today = local_date(ctx.clock.now(), actor_zone(ctx));
  int year = q.year.value_or(today.year), month = q.month.value_or(today.month);
  Date first{year, month, 1};
  f.start_date = first.str();
  f.end_date = add_days(month == 12 ? Date{year + 1, 1, 1} : Date{year, month + 1, 1}, -1).str();
  f.sort = {{store::SessionSort::session_date, false}, {store::SessionSort::session_time, false},
            {store::SessionSort::id, false}};
  std::map<std::string, std::vector<store::Session>> days;
  for (auto& s : ctx.db.read([&](soci::session& sql) { return store::list_sessions(sql, f); }))
    days[s.session_date].push_back(std::move(s));
  return days;
}

}  // namespace the5hc::service
