#pragma once
// Legacy row → new-model record (LEGACY.md §7.2) for everything that needs no database lookup. Foreign keys and the
// client snapshot are filled in by the service from its id maps. Problems that do not skip the row (a per-test
// score outside our scale, an invalid phone...) are appended to `warnings`.
#include <optional>
#include <string>
#include <vector>

#include "legacy/row.hpp"
#include "store/assessments.hpp"
#include "store/clients.hpp"
#include "store/fee_audit.hpp"
#include "store/packages.hpp"
#include "store/payments.hpp"
#include "store/sessions.hpp"
#include "store/users.hpp"

namespace the5hc::legacy {

using Warnings = std::vector<std::string>;

// Skip reason for a client row, or nullopt when it can be imported: invalid_gender or invalid_client:<field>.
std::optional<std::string> client_skip_reason(const Row& r);
// Name, age, gender, measurements, contact fields (invalid e-mail / phone dropped with a warning), timestamps
// (G1 registration_date = midnight Asia/Seoul). Call only after client_skip_reason returned nullopt.
store::Client client_fields(const Row& r, const std::string& now, Warnings& warnings);

// Everything of a user except the final username/e-mail (collisions are resolved against the database).
store::User user_fields(const Row& r, const std::string& now, Warnings& warnings);

// Legacy rows (is_legacy) keep the scores the legacy application recorded.
store::Assessment assessment_fields(const Row& r, const std::string& now, Warnings& warnings);
store::Package package_fields(const Row& r, const std::string& now);
// status must already have been checked with session_status().
store::Session session_fields(const Row& r, const std::string& status, const std::string& now);
store::Payment payment_fields(const Row& r, const std::string& now, Warnings& warnings);
store::FeeAuditEntry fee_audit_fields(const Row& r, const std::string& now);

}  // namespace the5hc::legacy
