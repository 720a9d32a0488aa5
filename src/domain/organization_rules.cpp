#include "domain/organization_rules.hpp"

#include "domain/client_rules.hpp"
#include "domain/messages.hpp"

namespace the5hc::domain {

std::string slugify(std::string_view name) {
  std::string slug;
  bool dash = false;
  for (unsigned char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a'), alnum = true;
    if (alnum) {
      if (dash && !slug.empty()) slug += '-';
      slug += static_cast<char>(c);
      dash = false;
    } else {
      dash = true;
    }
  }
  return slug.empty() ? "organization" : slug.substr(0, 100);
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty()) return false;
  for (char c : slug)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

bool is_valid_organization_phone(std::string_view phone) {
  std::size_t digits = 0;
  for (std::size_t i = 0; i < phone.size(); ++i) {
    char c = phone[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '+' && i == 0) continue;
    else if (c != '-' && c != ' ') return false;
  }
  return digits >= 9 && digits <= 15;
}

FieldErrors validate_organization(const OrganizationInput& in) {
  FieldErrors e;
  std::string name = trim(in.name);
  if (name.empty()) e["name"].push_back("This field may not be blank.");  // 이 필드는 비워 둘 수 없습니다.
  else if (char_count(name) > 100)
    e["name"].push_back("Ensure this field has no more than 100 characters.");  // 이 필드의 글자 수가 100 이하인지 확인하세요.
  if (in.slug && !is_valid_slug(*in.slug))
    e["slug"].push_back(
        "Use only lower-case letters, digits and hyphens.");  // 영문 소문자, 숫자, 하이픈(-)만 사용할 수 있습니다.
  if (in.phone && !trim(*in.phone).empty() && !is_valid_organization_phone(*in.phone))
    e["phone"].push_back("Enter a valid phone number.");  // 올바른 전화번호 형식이 아닙니다.
  if (in.email && !trim(*in.email).empty() && !is_valid_email(trim(*in.email)))
    e["email"].push_back("Enter a valid email address.");  // 올바른 이메일 주소를 입력해주세요.
  if (trim(in.timezone).empty()) e["timezone"].push_back("This field may not be blank.");  // 이 필드는 비워 둘 수 없습니다.
  if (in.max_trainers < 1 || in.max_trainers > 1000)
    e["max_trainers"].push_back("Ensure this value is between 1 and 1000.");  // 1 이상 1000 이하여야 합니다.
  if (in.vat_rate_bp < 0 || in.vat_rate_bp > 5000)
    e["vat_rate_bp"].push_back("VAT rate must be between 0 and 5000 basis points.");  // 부가세율은 0 이상 5000bp 이하여야 합니다.
  if (in.card_fee_rate_bp < 0 || in.card_fee_rate_bp > 2000)
    e["card_fee_rate_bp"].push_back(
        "Card fee rate must be between 0 and 2000 basis points.");  // 카드 수수료율은 0 이상 2000bp 이하여야 합니다.
  return e;
}

bool can_add_trainer(int active_trainers, int max_trainers) { return active_trainers < max_trainers; }

std::string max_trainers_message(int max_trainers) {
  // 조직의 최대 트레이너 수({n}명)에 도달했습니다.
  return fill("The organization has reached its maximum number of trainers ({n}).",
              {{"n", std::to_string(max_trainers)}});
}

FieldErrors validate_trainer_profile(const TrainerProfileInput& in) {
  FieldErrors e;
  if (in.years_of_experience < 0 || in.years_of_experience > 60)
    e["years_of_experience"].push_back("Ensure this value is between 0 and 60.");  // 0 이상 60 이하여야 합니다.
  if (in.session_price < 0)
    e["session_price"].push_back("Ensure this value is greater than or equal to 0.");  // 0 이상이어야 합니다.
  return e;
}

const Label& invitation_status_label(InvitationStatus s) {
  static constexpr std::array<Label, 5> labels{{{"pending", "대기 중", "Pending"},
                                                {"accepted", "수락됨", "Accepted"},
                                                {"declined", "거절됨", "Declined"},
                                                {"expired", "만료됨", "Expired"},
                                                {"cancelled", "취소됨", "Cancelled"}}};
  return label_of(labels, s);
}

InvitationStatus effective_invitation_status(InvitationStatus stored, std::chrono::sys_seconds expires_at,
                                             std::chrono::sys_seconds now) {
  if (stored == InvitationStatus::pending && now > expires_at) return InvitationStatus::expired;
  return stored;
}

void check_invitation_creation(bool email_is_trainer, bool email_has_pending_invitation, int active_trainers,
                               int max_trainers) {
  if (email_is_trainer)
    // 이미 조직에 소속된 트레이너의 이메일입니다.
    throw Error::field("email", "This e-mail already belongs to a trainer of the organization.");
  if (email_has_pending_invitation)
    throw Error::field("email", "An invitation has already been sent to this e-mail.");  // 이미 초대가 발송된 이메일입니다.
  if (!can_add_trainer(active_trainers, max_trainers))
    throw Error::field("non_field_errors", max_trainers_message(max_trainers));
}

void check_invitation_acceptance(InvitationStatus effective_status, bool user_has_membership, int active_trainers,
                                 int max_trainers) {
  if (effective_status != InvitationStatus::pending)
    throw Error(ErrorCode::bad_request, "The invitation has expired or is not valid.");  // 초대가 만료되었거나 유효하지 않습니다.
  if (user_has_membership)
    throw Error(ErrorCode::bad_request, "You already belong to another organization.");  // 이미 다른 조직에 소속되어 있습니다.
  if (!can_add_trainer(active_trainers, max_trainers))
    throw Error(ErrorCode::bad_request, max_trainers_message(max_trainers));
}

bool is_active_client(std::optional<std::chrono::sys_days> latest_activity, bool has_future_scheduled_session,
                      std::chrono::sys_days today) {
  if (has_future_scheduled_session) return true;
  return latest_activity && *latest_activity >= today - std::chrono::days{30};
}

}  // namespace the5hc::domain
