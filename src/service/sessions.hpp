#pragma once
// Sessions (DOMAIN.md §5.3, §5.4): booking and the outcomes that consume a package, each in one transaction that
// locks the package row first so bookings and consumptions on one package serialise.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/packages.hpp"
#include "store/sessions.hpp"
#include "service/context.hpp"

namespace the5hc::service {

// Package counters as the session object's `package_summary` shows them.
struct PackageSummary {
  std::int64_t id = 0;
  int remaining_sessions = 0, available_sessions = 0;
  std::int64_t remaining_credits = 0;
};

// A session as shown: the row, its package's counters (none when the package is gone) and the caller's zone.
struct SessionView {
  store::Session session;
  std::optional<PackageSummary> summary;
  std::string zone;
};

struct NewSession {
  std::int64_t package_id = 0;
  std::optional<std::int64_t> client_id;
  std::string session_date;
  std::optional<std::string> session_time, notes;
  int session_duration = 60;
};
SessionView book_session(const Context& ctx, const NewSession& input);

struct ScheduleChanges {
  std::optional<std::string> session_date;
  std::optional<std::optional<std::string>> session_time, notes;  // null clears
  std::optional<int> session_duration;
  FieldErrors input_errors;  // errors found reading the body: reported after the session is found (404 first)
};
// Only while scheduled (409 otherwise); the booking date rule applies.
SessionView reschedule_session(const Context& ctx, std::int64_t id, const ScheduleChanges& changes);

struct OutcomeInput {
  domain::SessionOutcome outcome = domain::SessionOutcome::complete;
  std::optional<std::string> notes, cancel_reason;
  FieldErrors input_errors;  // errors found reading the body: reported after the session is found (404 first)
};
SessionView record_outcome(const Context& ctx, std::int64_t id, const OutcomeInput& input);

SessionView get_session(const Context& ctx, std::int64_t id);

// GET /sessions/: what the caller filters by; the use case adds who may see what.
struct SessionQuery {
  std::optional<std::string> status;
  std::optional<std::int64_t> client_id, package_id, trainer_id;
  std::optional<std::string> start_date, end_date;  // inclusive
  std::vector<std::string> search;
  store::Sort<store::SessionSort> sort;  // empty: latest first
  int limit = -1, offset = 0;
};
struct SessionList {
  std::int64_t count = 0;
  std::vector<store::Session> results;
  std::map<std::int64_t, PackageSummary> summaries;  // by package id
  std::string zone;
};
// The store's filter for the query within what the caller may list (assistants → 403).
store::SessionFilter session_filter(const Context& ctx, const SessionQuery& query);
SessionList list_sessions(const Context& ctx, const SessionQuery& query);

// Sessions of a month in the caller's organisation, by day (only days with sessions), each day by time, null first.
// Year and month default to the current ones in the caller's zone.
struct CalendarQuery {
  std::optional<int> year, month;
  std::optional<std::int64_t> trainer_id;
};
std::map<std::string, std::vector<store::Session>> session_calendar(const Context& ctx, const CalendarQuery& query);

}  // namespace the5hc::service
