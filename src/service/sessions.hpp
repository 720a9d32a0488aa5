#pragma once
// Sessions (DOMAIN.md §5.3, §5.4): booking and the outcomes that consume a package, each in one transaction that
// locks the package row first so bookings and consumptions on one package serialise.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/time.hpp"
#include "domain/packages.hpp"
#include "store/sessions.hpp"
#include "service/context.hpp"

namespace the5hc::service {

struct NewSession {
  std::int64_t package_id = 0;
  std::optional<std::int64_t> client_id;
  std::string session_date;
  std::optional<std::string> session_time, notes;
  int session_duration = 60;
};
store::Session book_session(const Context& ctx, const NewSession& input);

struct ScheduleChanges {
  std::optional<std::string> session_date;
  std::optional<std::optional<std::string>> session_time, notes;  // null clears
  std::optional<int> session_duration;
};
// Only while scheduled (409 otherwise); the booking date rule applies.
store::Session reschedule_session(const Context& ctx, std::int64_t id, const ScheduleChanges& changes);

struct OutcomeInput {
  domain::SessionOutcome outcome = domain::SessionOutcome::complete;
  std::optional<std::string> notes, cancel_reason;
};
store::Session record_outcome(const Context& ctx, std::int64_t id, const OutcomeInput& input);

store::Session get_session(const Context& ctx, std::int64_t id);
std::pair<std::vector<store::Session>, std::int64_t> list_sessions(const Context& ctx, store::SessionFilter filter);
// Sessions of a month in the caller's organisation, by day (only days with sessions), each day by time, null first.
std::map<std::string, std::vector<store::Session>> session_calendar(const Context& ctx, int year, int month,
                                                                    std::optional<std::int64_t> trainer_id);
// The caller's current month in the organisation's zone (calendar defaults).
Date current_local_date(const Context& ctx);

// Package counters as the session object's `package_summary` shows them.
struct PackageSummary {
  std::int64_t id = 0;
  int remaining_sessions = 0, available_sessions = 0;
  std::int64_t remaining_credits = 0;
};
std::map<std::int64_t, PackageSummary> package_summaries(const Context& ctx, const std::vector<store::Session>& s);

}  // namespace the5hc::service
