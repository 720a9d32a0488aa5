// Audit-log action labels (DOMAIN.md §10.1).
#include <gtest/gtest.h>

#include <string>

#include "domain/audit_actions.hpp"

using namespace the5hc::domain;

TEST(AuditActions, EveryActionOfTheSpecHasAKoreanAndEnglishLabel) {
  for (const char* action :
       {"client_created", "client_updated", "client_deleted", "client_reassigned", "assessment_created",
        "assessment_updated", "assessment_deleted", "mcq_saved", "mcq_cleared", "client_exported", "report_generated",
        "report_deleted", "package_created", "package_updated", "package_topped_up", "session_created",
        "session_completed", "session_cancelled", "session_no_show", "payment_recorded", "payment_deleted",
        "fee_calculated", "trainer_updated", "trainer_deactivated", "trainer_activated", "role_changed",
        "invitation_sent", "invitation_accepted", "invitation_declined", "invitation_cancelled",
        "organization_updated", "login_success", "login_failed", "logout", "account_locked", "refresh_token_reused",
        "password_changed", "password_upgraded", "legacy_import", "assessments_recalculated"}) {
    const Label* l = audit_action_label(action);
    ASSERT_NE(l, nullptr) << action;
    EXPECT_STRNE(l->ko, "") << action;
    EXPECT_STRNE(l->en, "") << action;
  }
  EXPECT_STREQ(audit_action_label("client_created")->ko, "회원 등록");
  EXPECT_STREQ(audit_action_label("login_failed")->ko, "로그인 실패");
  EXPECT_EQ(audit_action_label("no_such_action"), nullptr);
}
