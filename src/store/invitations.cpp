#include "store/invitations.hpp"

#include <chrono>
#include <stdexcept>
#include <vector>

#include "common/time.hpp"
#include "domain/organization_rules.hpp"
#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kColumns =
    "SELECT i.id, i.organization_id, i.email, i.name, i.role, i.code, i.message, i.status, i.invited_by_id, "
    "i.created_at, i.expires_at, i.accepted_at, i.accepted_user_id, u.name, o.name, o.timezone "
    "FROM invitations i JOIN organizations o ON o.id = i.organization_id LEFT JOIN users u ON u.id = i.invited_by_id ";

Invitation to_invitation(const Row& r) {
  Invitation i;
  i.id = get_int(r, 0);
  i.organization_id = get_int(r, 1);
  i.email = get_text(r, 2);
  i.name = get_opt_text(r, 3);
  i.role = get_text(r, 4);
  i.code = get_text(r, 5);
  i.message = get_opt_text(r, 6);
  i.status = get_text(r, 7);
  i.invited_by_id = get_opt_int(r, 8);
  i.created_at = get_text(r, 9);
  i.expires_at = get_text(r, 10);
  i.accepted_at = get_opt_text(r, 11);
  i.accepted_user_id = get_opt_int(r, 12);
  i.invited_by_name = get_text(r, 13);
  i.organization_name = get_text(r, 14);
  i.organization_timezone = get_text(r, 15);
  return i;
}

std::optional<Invitation> first(soci::session& sql, const std::string& where, SqlParams& p) {
  std::optional<Invitation> out;
  for_each_row(sql, std::string(kColumns) + where, p, [&](const Row& r) { out = to_invitation(r); });
  return out;
}

std::string list_where(std::optional<std::int64_t> organization_id, const std::optional<std::string>& status,
                       SqlParams& p) {
  std::string w = "WHERE 1 = 1";
  if (organization_id) w += " AND i.organization_id = " + p.add(*organization_id);
  if (status) w += " AND i.status = " + p.add(*status);
  return w + " ";
}

}  // namespace

void expire_invitations(soci::session& sql, const std::string& now) {
  // When an invitation has expired is the domain's rule (effective_invitation_status); SQL only lists the pending
  // ones (a handful per organisation) and stores the outcome.
  auto at = parse_timestamp(now);
  if (!at) throw std::invalid_argument("expire_invitations: bad timestamp " + now);
  const auto now_s = std::chrono::floor<std::chrono::seconds>(*at);
  std::vector<std::int64_t> expired;
  SqlParams none;
  for_each_row(sql, "SELECT id, expires_at FROM invitations WHERE status = 'pending'", none, [&](const Row& r) {
    auto expires = parse_timestamp(get_text(r, 1));
    if (!expires) return;  // unreadable: leave it as stored
    if (domain::effective_invitation_status(domain::InvitationStatus::pending,
                                            std::chrono::floor<std::chrono::seconds>(*expires),
                                            now_s) == domain::InvitationStatus::expired)
      expired.push_back(get_int(r, 0));
  });
  for (auto id : expired)
    sql << "UPDATE invitations SET status = 'expired' WHERE id = :id AND status = 'pending'", soci::use(id);
}

std::optional<Invitation> find_invitation(soci::session& sql, std::int64_t id) {
  SqlParams p;
  return first(sql, "WHERE i.id = " + p.add(id), p);
}

std::optional<Invitation> find_invitation_by_code(soci::session& sql, const std::string& code) {
  SqlParams p;
  return first(sql, "WHERE i.code = " + p.add(code), p);
}

std::vector<Invitation> list_invitations(soci::session& sql, std::optional<std::int64_t> organization_id,
                                         const std::optional<std::string>& status, int limit, int offset) {
  std::vector<Invitation> out;
  SqlParams p;
  std::string q = std::string(kColumns) + list_where(organization_id, status, p) +
                  "ORDER BY i.created_at DESC, i.id DESC LIMIT " + p.add(limit) + " OFFSET " + p.add(offset);
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_invitation(r)); });
  return out;
}

std::int64_t count_invitations(soci::session& sql, std::optional<std::int64_t> organization_id,
                               const std::optional<std::string>& status) {
  SqlParams p;
  return fetch_int(sql, "SELECT COUNT(*) FROM invitations i " + list_where(organization_id, status, p), p);
}

bool has_pending_invitation(soci::session& sql, std::int64_t organization_id, const std::string& email) {
  SqlParams p;
  return fetch_int(sql, "SELECT COUNT(*) FROM invitations WHERE organization_id = " + p.add(organization_id) +
                            " AND status = 'pending' AND lower(email) = lower(" + p.add(email) + ")",
                   p) > 0;
}

std::int64_t insert_invitation(soci::session& sql, const Invitation& inv) {
  long long id = 0, org = inv.organization_id;
  OptionalParam<std::string> name(inv.name), message(inv.message);
  OptionalParam<long long> by(inv.invited_by_id ? std::optional<long long>(*inv.invited_by_id) : std::nullopt);
  sql << "INSERT INTO invitations (organization_id, email, name, role, code, message, status, invited_by_id, "
         "created_at, expires_at) VALUES (:org, :email, :name, :role, :code, :message, 'pending', :by, :created, "
         ":expires) RETURNING id",
      soci::use(org), soci::use(inv.email), soci::use(name.value, name.ind), soci::use(inv.role), soci::use(inv.code),
      soci::use(message.value, message.ind), soci::use(by.value, by.ind), soci::use(inv.created_at),
      soci::use(inv.expires_at), soci::into(id);
  return id;
}

void set_invitation_status(soci::session& sql, std::int64_t id, const std::string& status) {
  long long v = id;
  sql << "UPDATE invitations SET status = :status WHERE id = :id", soci::use(status), soci::use(v);
}

void mark_invitation_accepted(soci::session& sql, std::int64_t id, std::int64_t user_id, const std::string& now) {
  long long v = id, u = user_id;
  sql << "UPDATE invitations SET status = 'accepted', accepted_at = :now, accepted_user_id = :user WHERE id = :id",
      soci::use(now), soci::use(u), soci::use(v);
}

}  // namespace the5hc::store
