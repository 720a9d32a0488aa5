#pragma once
// A client's private share link (issue 15): the trainer sends it by KakaoTalk or SMS, the client opens their latest
// results without an account. Rules: it lasts 1–90 days (30 unless chosen), needs the client's consent, and is
// active until it expires or is revoked.
#include <string>

#include "common/error.hpp"
#include "domain/label.hpp"

namespace the5hc::domain {

inline constexpr int kShareLinkDefaultDays = 30;
inline constexpr int kShareLinkMaxDays = 90;

// Field errors keyed expires_in_days and consent.
FieldErrors validate_share_link(int expires_in_days, bool consent);

enum class ShareLinkStatus { active, expired, revoked };
const Label& share_link_status_label(ShareLinkStatus s);  // active 사용 중 / expired 만료 / revoked 해지
// Timestamps in the stored form ("YYYY-MM-DD HH:MM:SS", UTC), which order as text.
ShareLinkStatus share_link_status(const std::string& expires_at, bool revoked, const std::string& now);

}  // namespace the5hc::domain
