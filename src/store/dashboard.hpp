#pragma once
// Read-only figures of the dashboard (API.md §3.8) that no aggregate's store answers: the average overall score
// of a period and the active packages' session total. Counts come from the aggregates' own stores.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/scope.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

// Mean overall score of the scored assessments dated in [from, to]; empty when there is none.
std::optional<double> average_overall_score(soci::session& sql, const Scope& scope, const std::string& from,
                                            const std::string& to);

struct ActivePackages {
  std::int64_t count = 0, total_sessions = 0;
};
// Packages in status active (is_active and sessions left) and the sum of their total_sessions.
ActivePackages active_packages(soci::session& sql, const Scope& scope);

}  // namespace the5hc::store
