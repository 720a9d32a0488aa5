#pragma once
// Sessions (DOMAIN.md §1.10): bookings on a package and what each consumed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/scope.hpp"
#include "store/sort.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct Session {
  std::int64_t id = 0, organization_id = 0, client_id = 0, package_id = 0, trainer_id = 0;
  std::string session_date;
  std::optional<std::string> session_time;
  int session_duration = 60;
  std::int64_t session_cost = 0;
  std::string status = "scheduled";
  bool late_cancellation = false;
  int sessions_used = 0;
  std::int64_t credits_used = 0;
  std::optional<std::string> notes, cancel_reason;
  std::string created_at;
  std::optional<std::string> completed_at, cancelled_at;
  // joined
  std::string client_name, package_name, trainer_name;
  std::int64_t client_trainer_id = 0;
};

std::optional<Session> find_session(soci::session& sql, std::int64_t id);

// session_time: sessions without a time count as the earliest of their day on both engines.
enum class SessionSort { session_date, session_time, created_at, completed_at, id };

struct SessionFilter {
  Scope scope;
  std::optional<std::string> status;
  bool exclude_cancelled = false;
  std::optional<std::int64_t> client_id, package_id, trainer_id;
  std::optional<std::string> start_date, end_date;  // inclusive
  std::vector<std::string> search;                  // client name, package name, notes
  Sort<SessionSort> sort;  // empty: latest date and time first
  int limit = -1, offset = 0;
};
std::vector<Session> list_sessions(soci::session& sql, const SessionFilter& f);
std::int64_t count_sessions(soci::session& sql, const SessionFilter& f);
// Sessions of the package in status `scheduled` (DOMAIN.md §1.9 scheduled_count).
int count_scheduled(soci::session& sql, std::int64_t package_id);

class RowBatches;
// Every column of the row but the id; the batched form is the legacy import's.
std::int64_t insert_session(soci::session& sql, const Session& s);
std::int64_t insert_session(RowBatches& batches, const Session& s);
// Date, time, duration and notes of a scheduled session.
void save_session_schedule(soci::session& sql, const Session& s);
// Status, consumption and the completion/cancellation details.
void save_session_outcome(soci::session& sql, const Session& s);

}  // namespace the5hc::store
