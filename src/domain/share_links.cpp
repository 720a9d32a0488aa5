#include "domain/share_links.hpp"

#include <array>

#include "common/i18n.hpp"

namespace the5hc::domain {

FieldErrors validate_share_link(int expires_in_days, bool consent) {
  FieldErrors errors;
  if (expires_in_days < 1)
    errors["expires_in_days"].push_back(i18n::args("Ensure this value is greater than or equal to {n}.", {{"n", "1"}}));
  if (expires_in_days > kShareLinkMaxDays)
    errors["expires_in_days"].push_back(i18n::args("Ensure this value is less than or equal to {n}.",
                                                   {{"n", std::to_string(kShareLinkMaxDays)}}));
  // 회원의 동의가 필요합니다.
  if (!consent) errors["consent"].push_back("The client's consent is required.");
  return errors;
}

const Label& share_link_status_label(ShareLinkStatus s) {
  static constexpr std::array<Label, 3> labels{{{"active", "사용 중", "Active"},
                                                {"expired", "만료", "Expired"},
                                                {"revoked", "해지", "Revoked"}}};
  return label_of(labels, s);
}

ShareLinkStatus share_link_status(const std::string& expires_at, bool revoked, const std::string& now) {
  if (revoked) return ShareLinkStatus::revoked;
  return now < expires_at ? ShareLinkStatus::active : ShareLinkStatus::expired;
}

}  // namespace the5hc::domain
