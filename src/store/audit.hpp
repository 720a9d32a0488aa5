#pragma once
// The audit log (DOMAIN.md §10.1): written in the same transaction as the change it records; never deleted.
#include <cstdint>
#include <optional>
#include <string>

namespace soci {
class session;
}

namespace the5hc::store {

struct AuditEntry {
  std::optional<std::int64_t> organization_id, user_id;
  std::string action;  // "client_created", "login_failed", ...
  std::string object_type;
  std::optional<std::int64_t> object_id;
  std::string object_repr;
  std::string ip_address, user_agent, request_id;
  std::optional<std::string> before, after;  // JSON: changed fields only for updates; never passwords or tokens
  std::string extra = "{}";                  // JSON
};

void insert_audit(soci::session& sql, const AuditEntry& e, const std::string& now);

}  // namespace the5hc::store
