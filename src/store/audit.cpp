#include "store/audit.hpp"

#include "store/batch_insert.hpp"
#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {

void insert_audit(soci::session& sql, const AuditEntry& e, const std::string& now) {
  // insert_row: a cached statement on SQLite (every write of every request adds one of these rows).
  auto text = [](const std::string& s) { return s.empty() ? std::optional<std::string>() : std::optional<std::string>(s); };
  insert_row(sql, "audit_log",
             {{"organization_id", val(e.organization_id)}, {"user_id", val(e.user_id)}, {"action", val(e.action)},
              {"object_type", val(text(e.object_type))}, {"object_id", val(e.object_id)},
              {"object_repr", val(text(e.object_repr))}, {"ip_address", val(text(e.ip_address))},
              {"user_agent", val(text(e.user_agent))}, {"request_id", val(text(e.request_id))},
              {"before", val(e.before)}, {"after", val(e.after)}, {"extra", val(e.extra)}, {"created_at", val(now)}});
}

namespace {

const char* kColumns =
    "SELECT a.id, a.organization_id, a.user_id, a.action, a.object_type, a.object_id, a.object_repr, a.ip_address, "
    "a.user_agent, a.request_id, a.before, a.after, a.extra, a.created_at, u.name, o.timezone "
    "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN organizations o ON o.id = a.organization_id ";

AuditRecord to_record(const Row& r) {
  AuditRecord a;
  a.id = get_int(r, 0);
  a.entry.organization_id = get_opt_int(r, 1);
  a.entry.user_id = get_opt_int(r, 2);
  a.entry.action = get_text(r, 3);
  a.entry.object_type = get_text(r, 4);
  a.entry.object_id = get_opt_int(r, 5);
  a.entry.object_repr = get_text(r, 6);
  a.entry.ip_address = get_text(r, 7);
  a.entry.user_agent = get_text(r, 8);
  a.entry.request_id = get_text(r, 9);
  a.entry.before = get_opt_text(r, 10);
  a.entry.after = get_opt_text(r, 11);
  a.entry.extra = get_text(r, 12);
  a.created_at = get_text(r, 13);
  a.user_name = get_text(r, 14);
  a.organization_timezone = get_opt_text(r, 15);
  return a;
}

std::string where(const AuditFilter& f, SqlParams& p) {
  std::string w = "WHERE 1 = 1";
  if (f.organization_id) w += " AND a.organization_id = " + p.add(*f.organization_id);
  if (f.action) w += " AND a.action = " + p.add(*f.action);
  if (f.object_type) w += " AND a.object_type = " + p.add(*f.object_type);
  if (f.user_id) w += " AND a.user_id = " + p.add(*f.user_id);
  if (f.object_id) w += " AND a.object_id = " + p.add(*f.object_id);
  if (f.from) w += " AND a.created_at >= " + p.add(*f.from);
  if (f.to) w += " AND a.created_at < " + p.add(*f.to);
  for (const auto& term : f.search) {
    std::string like = like_pattern(term);
    w += " AND (lower(a.object_repr) LIKE " + p.add(like) + " ESCAPE '\\' OR lower(u.name) LIKE " + p.add(like) +
         " ESCAPE '\\')";
  }
  return w + " ";
}

}  // namespace

std::vector<AuditRecord> list_audit(soci::session& sql, const AuditFilter& filter, int limit, int offset) {
  std::vector<AuditRecord> out;
  SqlParams p;
  std::string q = std::string(kColumns) + where(filter, p) + "ORDER BY a.created_at DESC, a.id DESC LIMIT " +
                  p.add(limit) + " OFFSET " + p.add(offset);
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_record(r)); });
  return out;
}

std::int64_t count_audit(soci::session& sql, const AuditFilter& filter) {
  SqlParams p;
  return fetch_int(sql, "SELECT COUNT(*) FROM audit_log a LEFT JOIN users u ON u.id = a.user_id " + where(filter, p),
                   p);
}

std::optional<AuditRecord> find_audit(soci::session& sql, std::int64_t id) {
  std::optional<AuditRecord> out;
  SqlParams p;
  for_each_row(sql, std::string(kColumns) + "WHERE a.id = " + p.add(id), p,
               [&](const Row& r) { out = to_record(r); });
  return out;
}

}  // namespace the5hc::store
