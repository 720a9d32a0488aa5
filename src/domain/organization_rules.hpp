#pragma once
// Organisation, trainer, invitation and client-activity rules (DOMAIN.md §1.1, §1.3, §1.4, §1.5, §6.3, §6.4).
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "domain/label.hpp"

namespace the5hc::domain {

// Lower-case ASCII letters and digits, every other run of characters becomes one '-', no '-' at either end;
// "organization" when nothing is left (e.g. an all-Korean name). The store makes it unique.
std::string slugify(std::string_view name);
bool is_valid_slug(std::string_view slug);  // [a-z0-9-]+

// Optional leading '+', then 9–15 digits once '-' and spaces are removed.
bool is_valid_organization_phone(std::string_view phone);

struct OrganizationInput {
  std::string name;
  std::optional<std::string> slug, phone, email;
  std::string timezone = "Asia/Seoul";
  int max_trainers = 5;
  int vat_rate_bp = 1000;
  int card_fee_rate_bp = 350;
};
FieldErrors validate_organization(const OrganizationInput& in);

// A trainer may join (invite accepted, user created, reactivation) only below max_trainers.
bool can_add_trainer(int active_trainers, int max_trainers);
// "조직의 최대 트레이너 수({n}명)에 도달했습니다." — FieldErrors-free message with n filled in.
std::string max_trainers_message(int max_trainers);

struct TrainerProfileInput {
  int years_of_experience = 0;
  std::int64_t session_price = 50'000;
};
FieldErrors validate_trainer_profile(const TrainerProfileInput& in);

enum class InvitationStatus { pending, accepted, declined, expired, cancelled };
const Label& invitation_status_label(InvitationStatus s);  // pending 대기 중 … cancelled 취소됨

inline constexpr std::chrono::hours invitation_lifetime{24 * 7};
// A pending invitation whose expires_at has passed reads as expired.
InvitationStatus effective_invitation_status(InvitationStatus stored, std::chrono::sys_seconds expires_at,
                                             std::chrono::sys_seconds now);

// Creating an invitation (§1.4): the e-mail is not already a trainer of the organisation, has no pending
// invitation there, and the organisation is below max_trainers. Throws Error (validation, field `email` or
// non_field_errors).
void check_invitation_creation(bool email_is_trainer, bool email_has_pending_invitation, int active_trainers,
                               int max_trainers);
// Accepting (§6.4): pending and unexpired, the user has no membership, room under max_trainers. Throws Error.
void check_invitation_acceptance(InvitationStatus effective_status, bool user_has_membership, int active_trainers,
                                 int max_trainers);

// Active client (활동중): an assessment or a non-cancelled session dated within the last 30 days (organisation
// time zone), or a session scheduled in the future.
bool is_active_client(std::optional<std::chrono::sys_days> latest_activity, bool has_future_scheduled_session,
                      std::chrono::sys_days today);

}  // namespace the5hc::domain
