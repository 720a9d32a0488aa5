// Share-link rules (issue 15): lifetime 1–90 days, consent required, status from expiry and revocation.
#include <gtest/gtest.h>

#include "common/i18n.hpp"
#include "domain/share_links.hpp"

using namespace the5hc;
using namespace the5hc::domain;

TEST(DomainShareLinks, LifetimeIsOneToNinetyDaysAndConsentIsRequired) {
  EXPECT_TRUE(validate_share_link(kShareLinkDefaultDays, true).empty());
  EXPECT_EQ(kShareLinkDefaultDays, 30);
  EXPECT_TRUE(validate_share_link(1, true).empty());
  EXPECT_TRUE(validate_share_link(90, true).empty());
  EXPECT_EQ(i18n::translate(Lang::ko, validate_share_link(91, true).at("expires_in_days").at(0)), "90 이하여야 합니다.");
  EXPECT_EQ(validate_share_link(0, true).count("expires_in_days"), 1u);
  auto no_consent = validate_share_link(30, false);
  EXPECT_EQ(no_consent.size(), 1u);
  EXPECT_EQ(i18n::translate(Lang::ko, no_consent.at("consent").at(0)), "회원의 동의가 필요합니다.");
}

TEST(DomainShareLinks, StatusFollowsRevocationThenExpiry) {
  EXPECT_EQ(share_link_status("2026-12-31 00:00:00", false, "2026-12-30 23:59:59"), ShareLinkStatus::active);
  EXPECT_EQ(share_link_status("2026-12-31 00:00:00", false, "2026-12-31 00:00:00"), ShareLinkStatus::expired);
  EXPECT_EQ(share_link_status("2026-12-31 00:00:00", true, "2026-01-01 00:00:00"), ShareLinkStatus::revoked);
  EXPECT_STREQ(share_link_status_label(ShareLinkStatus::revoked).ko, "해지");
}
