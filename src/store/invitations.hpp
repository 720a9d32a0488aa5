#pragma once
// Invitations to join an organisation (DOMAIN.md §1.4).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace the5hc::store {

struct Invitation {
  std::int64_t id = 0;
  std::int64_t organization_id = 0;
  std::string email;
  std::optional<std::string> name;
  std::string role = "trainer";
  std::string code;
  std::optional<std::string> message;
  std::string status = "pending";
  std::optional<std::int64_t> invited_by_id;
  std::string created_at, expires_at;
  std::optional<std::string> accepted_at;
  std::optional<std::int64_t> accepted_user_id;
  // joined
  std::string invited_by_name, organization_name, organization_timezone;
};

// Pending invitations past expires_at become `expired` (the lazy half of DOMAIN.md §1.4's expiry; run first in
// every transaction that reads invitations, so what is read is what is stored).
void expire_invitations(soci::session& sql, const std::string& now);

std::optional<Invitation> find_invitation(soci::session& sql, std::int64_t id);
std::optional<Invitation> find_invitation_by_code(soci::session& sql, const std::string& code);
// nullopt organization = every organisation (platform superuser).
std::vector<Invitation> list_invitations(soci::session& sql, std::optional<std::int64_t> organization_id,
                                         const std::optional<std::string>& status, int limit, int offset);
std::int64_t count_invitations(soci::session& sql, std::optional<std::int64_t> organization_id,
                               const std::optional<std::string>& status);
bool has_pending_invitation(soci::session& sql, std::int64_t organization_id, const std::string& email);
std::int64_t insert_invitation(soci::session& sql, const Invitation& inv);
void set_invitation_status(soci::session& sql, std::int64_t id, const std::string& status);
void mark_invitation_accepted(soci::session& sql, std::int64_t id, std::int64_t user_id, const std::string& now);

}  // namespace the5hc::store
