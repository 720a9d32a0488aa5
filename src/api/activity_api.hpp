#pragma once
// /api/v1/notifications/, /audit-log/ and the read-only /users/ collection (API.md §3.8, §3.12, §3.13).
#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "service/context.hpp"
#include "store/audit.hpp"

namespace the5hc::api {

void register_notification_routes(http::Router& router, const service::Dependencies& deps);
void register_audit_log_routes(http::Router& router, const service::Dependencies& deps);
// An audit row as a list shows it: who, what, on which object, when (also the organisation dashboard's
// recent_activity); the audit-log object adds the request details and the before/after/extra JSON.
nlohmann::json audit_summary_json(const store::AuditRecord& a, const std::string& default_zone, Lang lang);

void register_user_routes(http::Router& router, const service::Dependencies& deps);

}  // namespace the5hc::api
