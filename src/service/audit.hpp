#pragma once
// The one call every use case makes to record what it did (DOMAIN.md §10.1), inside its transaction.
#include <cstdint>
#include <optional>
#include <string>

#include "service/context.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

struct AuditChange {
  std::optional<std::string> before{}, after{};  // JSON objects; for updates only the changed fields ({}: see Target)
  std::string extra = "{}";                  // JSON object
};

void audit(soci::session& sql, const Context& ctx, const std::string& action, const std::string& object_type,
           std::optional<std::int64_t> object_id, const std::string& object_repr,
           std::optional<std::int64_t> organization_id, const AuditChange& change = {});

}  // namespace the5hc::service
