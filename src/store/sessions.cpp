#include "store/sessions.hpp"

#include "store/batch_insert.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kSelect =
    "SELECT s.id, s.organization_id, s.client_id, s.package_id, s.trainer_id, s.session_date, s.session_time, "
    "s.session_duration, s.session_cost, s.status, s.late_cancellation, s.sessions_used, s.credits_used, s.notes, "
    "s.cancel_reason, s.created_at, s.completed_at, s.cancelled_at, c.name, p.package_name, u.name, c.trainer_id "
    "FROM sessions s JOIN clients c ON c.id = s.client_id JOIN session_packages p ON p.id = s.package_id "
    "JOIN trainers t ON t.id = s.trainer_id JOIN users u ON u.id = t.user_id ";

const char* kFrom = "FROM sessions s JOIN clients c ON c.id = s.client_id "
                    "JOIN session_packages p ON p.id = s.package_id ";

Session to_session(const Row& r) {
  Session s;
  s.id = get_int(r, 0);
  s.organization_id = get_int(r, 1);
  s.client_id = get_int(r, 2);
  s.package_id = get_int(r, 3);
  s.trainer_id = get_int(r, 4);
  s.session_date = get_text(r, 5);
  s.session_time = get_opt_text(r, 6);
  s.session_duration = static_cast<int>(get_int(r, 7));
  s.session_cost = get_int(r, 8);
  s.status = get_text(r, 9);
  s.late_cancellation = get_bool(r, 10);
  s.sessions_used = static_cast<int>(get_int(r, 11));
  s.credits_used = get_int(r, 12);
  s.notes = get_opt_text(r, 13);
  s.cancel_reason = get_opt_text(r, 14);
  s.created_at = get_text(r, 15);
  s.completed_at = get_opt_text(r, 16);
  s.cancelled_at = get_opt_text(r, 17);
  s.client_name = get_text(r, 18);
  s.package_name = get_text(r, 19);
  s.trainer_name = get_text(r, 20);
  s.client_trainer_id = get_int(r, 21);
  return s;
}

std::string where_sql(const SessionFilter& f, SqlParams& p) {
  std::string w = scope_sql(f.scope, p, "s.organization_id");
  if (f.status) w += " AND s.status = " + p.add(*f.status);
  if (f.exclude_cancelled) w += " AND s.status <> 'cancelled'";
  if (f.client_id) w += " AND s.client_id = " + p.add(*f.client_id);
  if (f.package_id) w += " AND s.package_id = " + p.add(*f.package_id);
  if (f.trainer_id) w += " AND s.trainer_id = " + p.add(*f.trainer_id);
  if (f.start_date) w += " AND s.session_date >= " + p.add(*f.start_date);
  if (f.end_date) w += " AND s.session_date <= " + p.add(*f.end_date);
  for (const auto& term : f.search) {
    auto like = p.add(like_pattern(term));
    w += " AND (lower(c.name) LIKE " + like + " ESCAPE '\\' OR lower(p.package_name) LIKE " + like +
         " ESCAPE '\\' OR lower(coalesce(s.notes, '')) LIKE " + like + " ESCAPE '\\')";
  }
  return w;
}

}  // namespace

namespace {

std::string order_sql(const Sort<SessionSort>& sort) {
  if (sort.empty()) return order_sql({{SessionSort::session_date, true}, {SessionSort::session_time, true}});
  return order_by_sql(sort, [](SessionSort key, bool descending) {
    switch (key) {
      case SessionSort::session_time:
        // NULL first ascending, last descending, on both engines (PostgreSQL alone would do the opposite)
        return directed("(s.session_time IS NULL)", !descending) + ", " + directed("s.session_time", descending);
      case SessionSort::created_at: return directed("s.created_at", descending);
      case SessionSort::completed_at: return directed("s.completed_at", descending);
      case SessionSort::id: return directed("s.id", descending);
      case SessionSort::session_date: break;
    }
    return directed("s.session_date", descending);
  }, "s.id");
}

}  // namespace

std::optional<Session> find_session(soci::session& sql, std::int64_t id) {
  SqlParams p;
  return first_row(sql, std::string(kSelect) + "WHERE s.id = " + p.add(id), p, to_session);
}

std::vector<Session> list_sessions(soci::session& sql, const SessionFilter& f) {
  SqlParams p;
  std::string q = std::string(kSelect) + "WHERE " + where_sql(f, p) + " ORDER BY " + order_sql(f.sort);
  if (f.limit >= 0) q += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
  std::vector<Session> out;
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_session(r)); });
  return out;
}

std::int64_t count_sessions(soci::session& sql, const SessionFilter& f) {
  SqlParams p;
  return fetch_int(sql, std::string("SELECT count(*) ") + kFrom + "WHERE " + where_sql(f, p), p);
}

int count_scheduled(soci::session& sql, std::int64_t package_id) {
  long long v = package_id, n = 0;
  sql << "SELECT count(*) FROM sessions WHERE package_id = :id AND status = 'scheduled'", soci::use(v),
      soci::into(n);
  return static_cast<int>(n);
}

namespace {
Columns session_columns(const Session& s) {
  return {{"organization_id", val(s.organization_id)},
          {"client_id", val(s.client_id)},
          {"package_id", val(s.package_id)},
          {"trainer_id", val(s.trainer_id)},
          {"session_date", val(s.session_date)},
          {"session_time", val(s.session_time)},
          {"session_duration", val(s.session_duration)},
          {"session_cost", val(s.session_cost)},
          {"status", val(s.status)},
          {"late_cancellation", val(s.late_cancellation)},
          {"sessions_used", val(s.sessions_used)},
          {"credits_used", val(s.credits_used)},
          {"notes", val(s.notes)},
          {"cancel_reason", val(s.cancel_reason)},
          {"created_at", val(s.created_at)},
          {"completed_at", val(s.completed_at)},
          {"cancelled_at", val(s.cancelled_at)}};
}
}  // namespace

std::int64_t insert_session(soci::session& sql, const Session& s) {
  return insert_row(sql, "sessions", session_columns(s));
}
std::int64_t insert_session(RowBatches& batches, const Session& s) {
  return batches.add("sessions", session_columns(s));
}

void save_session_schedule(soci::session& sql, const Session& s) {
  long long id = s.id;
  int duration = s.session_duration;
  OptionalParam<std::string> time(s.session_time), notes(s.notes);
  sql << "UPDATE sessions SET session_date = :date, session_time = :time, session_duration = :duration, "
         "notes = :notes WHERE id = :id",
      soci::use(s.session_date), soci::use(time.value, time.ind), soci::use(duration),
      soci::use(notes.value, notes.ind), soci::use(id);
}

void save_session_outcome(soci::session& sql, const Session& s) {
  long long id = s.id, credits = s.credits_used;
  int late = s.late_cancellation ? 1 : 0, used = s.sessions_used;
  OptionalParam<std::string> notes(s.notes), reason(s.cancel_reason), completed(s.completed_at),
      cancelled(s.cancelled_at);
  sql << "UPDATE sessions SET status = :status, late_cancellation = :late, sessions_used = :used, credits_used = "
         ":credits, notes = :notes, cancel_reason = :reason, completed_at = :completed, cancelled_at = :cancelled "
         "WHERE id = :id",
      soci::use(s.status), soci::use(late), soci::use(used), soci::use(credits), soci::use(notes.value, notes.ind),
      soci::use(reason.value, reason.ind), soci::use(completed.value, completed.ind),
      soci::use(cancelled.value, cancelled.ind), soci::use(id);
}

}  // namespace the5hc::store
