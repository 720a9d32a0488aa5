#include "store/audit.hpp"

#include "store/row.hpp"

namespace the5hc::store {

void insert_audit(soci::session& sql, const AuditEntry& e, const std::string& now) {
  OptionalParam<long long> org(e.organization_id ? std::optional<long long>(*e.organization_id) : std::nullopt);
  OptionalParam<long long> user(e.user_id ? std::optional<long long>(*e.user_id) : std::nullopt);
  OptionalParam<long long> object(e.object_id ? std::optional<long long>(*e.object_id) : std::nullopt);
  auto text = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s); };
  OptionalParam<std::string> type(text(e.object_type)), repr(text(e.object_repr)), ip(text(e.ip_address)),
      agent(text(e.user_agent)), request(text(e.request_id)), before(e.before), after(e.after);
  sql << "INSERT INTO audit_log (organization_id, user_id, action, object_type, object_id, object_repr, ip_address, "
         "user_agent, request_id, before, after, extra, created_at) VALUES (:org, :user, :action, :type, :object, "
         ":repr, :ip, :agent, :request, :before, :after, :extra, :now)",
      soci::use(org.value, org.ind), soci::use(user.value, user.ind), soci::use(e.action),
      soci::use(type.value, type.ind), soci::use(object.value, object.ind), soci::use(repr.value, repr.ind),
      soci::use(ip.value, ip.ind), soci::use(agent.value, agent.ind), soci::use(request.value, request.ind),
      soci::use(before.value, before.ind), soci::use(after.value, after.ind), soci::use(e.extra), soci::use(now);
}

}  // namespace the5hc::store
