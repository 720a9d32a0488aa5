#pragma once
// Reading the audit log (API.md §3.13): owners their organisation's rows, the platform superuser every row.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "service/context.hpp"
#include "store/audit.hpp"

namespace the5hc::service {

struct AuditQuery {
  std::optional<std::string> action, object_type;
  std::optional<std::int64_t> user_id, object_id;
  std::optional<std::string> date_from, date_to;  // "YYYY-MM-DD", inclusive, in the organisation's time zone
  std::vector<std::string> search;
  bool with_users = false;  // also list the organisation's users (the web page's 사용자 filter)
};

struct AuditUser {
  std::int64_t id = 0;
  std::string name;
};

struct AuditPage {
  std::int64_t count = 0;
  std::vector<store::AuditRecord> results;
  std::vector<AuditUser> users;  // with_users only; by username
};

AuditPage list_audit_log(Context& ctx, const AuditQuery& query, int limit, int offset);
store::AuditRecord get_audit_entry(Context& ctx, std::int64_t id);

}  // namespace the5hc::service
