#pragma once
// The audit log (DOMAIN.md §10.1): written in the same transaction as the change it records; never deleted.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// A stored row as the audit-log API shows it.
struct AuditRecord {
  std::int64_t id = 0;
  AuditEntry entry;
  std::string user_name;  // "" for anonymous
  std::string created_at;
  std::optional<std::string> organization_timezone;
};

struct AuditFilter {
  std::optional<std::int64_t> organization_id;  // nullopt = every organisation (platform superuser)
  std::optional<std::string> action, object_type;
  std::optional<std::int64_t> user_id, object_id;
  std::optional<std::string> from, to;  // stored timestamps: from ≤ created_at < to
  std::vector<std::string> search;      // every term matches object_repr or the user's name
};

std::vector<AuditRecord> list_audit(soci::session& sql, const AuditFilter& filter, int limit, int offset);
std::int64_t count_audit(soci::session& sql, const AuditFilter& filter);
std::optional<AuditRecord> find_audit(soci::session& sql, std::int64_t id);

}  // namespace the5hc::store
