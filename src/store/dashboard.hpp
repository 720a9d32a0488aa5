#pragma once
// Read-only figures of the dashboard (API.md §3.8) over clients, assessments and packages within a scope.
// Sessions and payments figures come from their own stores' counts and summaries.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/scope.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

// Clients created in [from, to) (UTC timestamps; both optional).
std::int64_t count_clients(soci::session& sql, const Scope& scope, const std::optional<std::string>& from = {},
                           const std::optional<std::string>& to = {});

// Per client: the latest assessment or non-cancelled session dated up to `today`, and whether a scheduled session
// lies after it — the inputs of domain::is_active_client.
struct ClientActivity {
  std::optional<std::string> latest_activity;
  bool future_scheduled = false;
};
std::vector<ClientActivity> client_activity(soci::session& sql, const Scope& scope, const std::string& today);

struct AssessmentStats {
  std::int64_t count = 0;
  std::optional<double> average_overall;
};
// Assessments dated in [from, to] (dates; both optional).
AssessmentStats assessment_stats(soci::session& sql, const Scope& scope, const std::optional<std::string>& from = {},
                                 const std::optional<std::string>& to = {});

struct ActivePackages {
  std::int64_t count = 0, total_sessions = 0;
};
// Packages in status active (is_active and sessions left) and the sum of their total_sessions.
ActivePackages active_packages(soci::session& sql, const Scope& scope);

}  // namespace the5hc::store
