// Organisation, trainer, invitation, client activity and MCQ bank rules (DOMAIN.md §1.1, §1.3–§1.5, §1.7).
#include <gtest/gtest.h>

#include "common/i18n.hpp"

#include "domain/mcq.hpp"
#include "domain/organization_rules.hpp"
#include "domain/reference_data.hpp"

namespace the5hc::domain {
namespace {

using namespace std::chrono;

TEST(Slug, DerivedFromName) {
  EXPECT_EQ(slugify("The5HC Gangnam Studio"), "the5hc-gangnam-studio");
  EXPECT_EQ(slugify("  --Fit & Fun!! "), "fit-fun");
  EXPECT_EQ(slugify("데모 피트니스 센터"), "organization");
  EXPECT_EQ(slugify("강남 Fit 2"), "fit-2");
  EXPECT_TRUE(is_valid_slug("fit-2"));
  EXPECT_FALSE(is_valid_slug("Fit"));
  EXPECT_FALSE(is_valid_slug(""));
  EXPECT_FALSE(is_valid_slug("a_b"));
}

TEST(Organization, Phone) {
  EXPECT_TRUE(is_valid_organization_phone("02-123-4567"));
  EXPECT_TRUE(is_valid_organization_phone("+82 2 1234 5678"));
  EXPECT_FALSE(is_valid_organization_phone("12345678"));          // 8 digits
  EXPECT_TRUE(is_valid_organization_phone("123456789"));          // 9
  EXPECT_TRUE(is_valid_organization_phone("123456789012345"));    // 15
  EXPECT_FALSE(is_valid_organization_phone("1234567890123456"));  // 16
  EXPECT_FALSE(is_valid_organization_phone("02+1234567"));
  EXPECT_FALSE(is_valid_organization_phone("02)1234567"));
}

TEST(Organization, Validation) {
  OrganizationInput ok;
  ok.name = "데모 피트니스 센터";
  EXPECT_TRUE(validate_organization(ok).empty());
  auto bad = ok;
  bad.name = " ";
  bad.slug = "Bad Slug";
  bad.max_trainers = 0;
  bad.vat_rate_bp = 5001;
  bad.card_fee_rate_bp = -1;
  bad.email = "x";
  auto e = validate_organization(bad);
  for (auto f : {"name", "slug", "max_trainers", "vat_rate_bp", "card_fee_rate_bp", "email"})
    EXPECT_TRUE(e.count(f)) << f;
  bad = ok;
  bad.max_trainers = 1000;
  bad.vat_rate_bp = 5000;
  bad.card_fee_rate_bp = 2000;
  EXPECT_TRUE(validate_organization(bad).empty());
  bad.max_trainers = 1001;
  EXPECT_TRUE(validate_organization(bad).count("max_trainers"));
}

TEST(Trainers, CapacityAndProfile) {
  EXPECT_TRUE(can_add_trainer(4, 5));
  EXPECT_FALSE(can_add_trainer(5, 5));
  EXPECT_EQ(the5hc::i18n::translate(the5hc::Lang::en, max_trainers_message(5)), "The organization has reached its maximum number of trainers (5).");
  EXPECT_TRUE(validate_trainer_profile({60, 0}).empty());
  EXPECT_TRUE(validate_trainer_profile({61, 0}).count("years_of_experience"));
  EXPECT_TRUE(validate_trainer_profile({-1, 0}).count("years_of_experience"));
  EXPECT_TRUE(validate_trainer_profile({0, -1}).count("session_price"));
}

TEST(Invitations, ExpireAfterSevenDays) {
  sys_seconds created{sys_days{2026y / 11 / 1}};
  auto expires = created + invitation_lifetime;
  EXPECT_EQ(effective_invitation_status(InvitationStatus::pending, expires, expires), InvitationStatus::pending);
  EXPECT_EQ(effective_invitation_status(InvitationStatus::pending, expires, expires + seconds{1}),
            InvitationStatus::expired);
  EXPECT_EQ(effective_invitation_status(InvitationStatus::accepted, expires, expires + days{30}),
            InvitationStatus::accepted);
  EXPECT_STREQ(invitation_status_label(InvitationStatus::cancelled).code, "cancelled");
}

TEST(Clients, ActiveWithinThirtyDaysOrBooked) {
  sys_days today{2026y / 11 / 25};
  EXPECT_TRUE(is_active_client(today - days{30}, false, today));
  EXPECT_FALSE(is_active_client(today - days{31}, false, today));
  EXPECT_TRUE(is_active_client(today - days{31}, true, today));
  EXPECT_FALSE(is_active_client(std::nullopt, false, today));
}

TEST(McqBankRules, CategoryWeights) {
  EXPECT_TRUE(validate_mcq_categories(builtin_mcq_bank().categories).empty());
  auto cats = builtin_mcq_bank().categories;
  cats[0].weight = 0.20;
  EXPECT_EQ(validate_mcq_categories(cats).at("non_field_errors").front(),
            "The weights of the active categories must add up to 0.40.");
  cats[0].is_active = false;  // 0.15 + 0.10 without it
  EXPECT_TRUE(validate_mcq_categories(cats).count("non_field_errors"));
  cats = builtin_mcq_bank().categories;
  cats.push_back({"sleep", "Sleep", "수면", 0.0, 4, true});
  EXPECT_TRUE(validate_mcq_categories(cats).empty());
  cats.back().weight = 0.005;
  EXPECT_TRUE(validate_mcq_categories(cats).count("categories.3.weight"));
}

TEST(McqBankRules, Questions) {
  for (const auto& q : builtin_mcq_bank().questions) EXPECT_TRUE(validate_mcq_question(q).empty());
  auto q = builtin_mcq_bank().questions[0];
  q.points = 0;
  q.choices[0].risk_weight = 0.5;  // without contributes_to_risk
  q.choices[1].points = -1;
  q.choices[2].risk_weight = 1.5;
  auto e = validate_mcq_question(q);
  EXPECT_TRUE(e.count("points"));
  EXPECT_TRUE(e.count("choices.0.contributes_to_risk"));
  EXPECT_TRUE(e.count("choices.1.points"));
  EXPECT_TRUE(e.count("choices.2.risk_weight"));
}

}  // namespace
}  // namespace the5hc::domain

namespace the5hc::domain {
namespace {

TEST(Invitations, CreationAndAcceptanceChecks) {
  EXPECT_NO_THROW(check_invitation_creation(false, false, 4, 5));
  try {
    check_invitation_creation(true, false, 1, 5);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.fields().at("email").front(), "This e-mail already belongs to a trainer of the organization.");
  }
  EXPECT_THROW(check_invitation_creation(false, true, 1, 5), Error);
  EXPECT_THROW(check_invitation_creation(false, false, 5, 5), Error);

  EXPECT_NO_THROW(check_invitation_acceptance(InvitationStatus::pending, false, 4, 5));
  for (auto s :
       {InvitationStatus::expired, InvitationStatus::accepted, InvitationStatus::cancelled, InvitationStatus::declined})
    EXPECT_THROW(check_invitation_acceptance(s, false, 0, 5), Error);
  EXPECT_THROW(check_invitation_acceptance(InvitationStatus::pending, true, 0, 5), Error);
  try {
    check_invitation_acceptance(InvitationStatus::pending, false, 5, 5);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(the5hc::i18n::translate(the5hc::Lang::en, e.message()), "The organization has reached its maximum number of trainers (5).");
  }
}

}  // namespace
}  // namespace the5hc::domain
