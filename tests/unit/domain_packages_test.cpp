// Package and session bookkeeping (DOMAIN.md §5, §12 #44–#46).
#include <gtest/gtest.h>

#include <random>

#include "common/error.hpp"
#include "domain/packages.hpp"

namespace the5hc::domain {
namespace {

using namespace std::chrono;

constexpr sys_days today = sys_days{2026y / 11 / 25};

PackageCounters consume(const PackageCounters& p, SessionOutcome outcome, Krw expected_used) {
  auto change = apply_session_outcome(p, SessionStatus::scheduled, outcome);
  EXPECT_EQ(change.sessions_used, 1);
  EXPECT_EQ(change.credits_used, expected_used);
  return change.package;
}

// §12 #44
TEST(Packages, WorkedExample44) {
  auto purchase = create_package(500'000, 10, 50'000, PaymentMethod::card);
  auto p = purchase.package;
  EXPECT_EQ(p.remaining_credits, 437'045);
  EXPECT_EQ(p.remaining_sessions, 10);
  EXPECT_EQ(purchase.payment.net, 437'045);
  EXPECT_EQ(*p.vat_amount, 45'455);
  EXPECT_EQ(*p.card_fee_amount, 17'500);

  for (int i = 0; i < 4; ++i) check_booking(p, i, today, today);  // four bookings fit

  p = consume(p, SessionOutcome::complete, 43'705);
  EXPECT_EQ(p.remaining_sessions, 9);
  EXPECT_EQ(p.remaining_credits, 393'340);

  auto plain = apply_session_outcome(p, SessionStatus::scheduled, SessionOutcome::cancel);
  EXPECT_EQ(plain.status, SessionStatus::cancelled);
  EXPECT_EQ(plain.sessions_used, 0);
  EXPECT_EQ(plain.credits_used, 0);
  EXPECT_EQ(plain.package.remaining_sessions, 9);
  EXPECT_EQ(plain.package.remaining_credits, 393'340);

  auto late = apply_session_outcome(p, SessionStatus::scheduled, SessionOutcome::late_cancel);
  EXPECT_EQ(late.status, SessionStatus::cancelled);
  EXPECT_EQ(late.credits_used, 43'704);
  p = late.package;
  EXPECT_EQ(p.remaining_sessions, 8);
  EXPECT_EQ(p.remaining_credits, 349'636);

  auto no_show = apply_session_outcome(p, SessionStatus::scheduled, SessionOutcome::no_show);
  EXPECT_EQ(no_show.status, SessionStatus::no_show);
  EXPECT_EQ(no_show.credits_used, 43'705);
  p = no_show.package;
  EXPECT_EQ(p.remaining_sessions, 7);
  EXPECT_EQ(p.remaining_credits, 305'931);

  while (p.remaining_sessions > 2)
    p = apply_session_outcome(p, SessionStatus::scheduled, SessionOutcome::complete).package;
  EXPECT_EQ(p.remaining_credits, 87'409);
  p = consume(p, SessionOutcome::complete, 43'705);
  EXPECT_EQ(p.remaining_sessions, 1);
  EXPECT_EQ(p.remaining_credits, 43'704);
  p = consume(p, SessionOutcome::complete, 43'704);  // the last takes the rest
  EXPECT_EQ(p.remaining_sessions, 0);
  EXPECT_EQ(p.remaining_credits, 0);
  EXPECT_EQ(package_status(p), PackageStatus::exhausted);
}

// §12 #45
TEST(Packages, WorkedExample45TopUp) {
  auto p = create_package(1'980'000, 33, 60'000, PaymentMethod::card).package;
  EXPECT_EQ(p.remaining_sessions, 33);
  EXPECT_EQ(p.remaining_credits, 1'730'700);
  auto t = top_up(p, 300'000, std::nullopt, PaymentMethod::card);
  EXPECT_EQ(t.sessions_added, 5);
  EXPECT_EQ(t.package.total_amount, 2'280'000);
  EXPECT_EQ(t.package.total_sessions, 38);
  EXPECT_EQ(t.package.remaining_sessions, 38);
  EXPECT_EQ(t.package.remaining_credits, 1'992'927);
  EXPECT_EQ(*t.package.gross_amount, 2'280'000);
  EXPECT_EQ(*t.package.vat_amount, 207'273);
  EXPECT_EQ(*t.package.card_fee_amount, 79'800);
  EXPECT_EQ(*t.package.net_amount, 1'992'927);
  EXPECT_EQ(t.payment.net, 262'227);
}

TEST(Packages, TopUpRules) {
  auto p = create_package(100'000, 2, std::nullopt, PaymentMethod::cash).package;
  EXPECT_EQ(p.session_price, 50'000);
  p.remaining_sessions = 0;
  p.remaining_credits = 0;  // exhausted: topping up is the normal case
  auto t = top_up(p, 149'999, std::nullopt, PaymentMethod::cash);
  EXPECT_EQ(t.sessions_added, 2);  // amount div session price
  EXPECT_EQ(package_status(t.package), PackageStatus::active);
  EXPECT_EQ(top_up(p, 10'000, 3, PaymentMethod::cash).sessions_added, 3);
  EXPECT_EQ(top_up(p, 10'000, 0, PaymentMethod::cash).sessions_added, 0);
  EXPECT_THROW(top_up(p, 10'000, -1, PaymentMethod::cash), Error);
  EXPECT_THROW(top_up(p, 0, std::nullopt, PaymentMethod::cash), Error);
  p.is_active = false;
  try {
    top_up(p, 10'000, 1, PaymentMethod::cash);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation);
    EXPECT_EQ(e.fields().at("non_field_errors").front(), "An inactive package cannot be topped up.");
  }
  // a pre-fee imported package keeps its NULL breakdown
  PackageCounters legacy{100'000, 10'000, 10, 5, 50'000, std::nullopt, std::nullopt, std::nullopt, std::nullopt, true};
  auto lt = top_up(legacy, 20'000, std::nullopt, PaymentMethod::card);
  EXPECT_FALSE(lt.package.net_amount);
  EXPECT_EQ(lt.package.remaining_sessions, 7);
}

TEST(Packages, CreationValidation) {
  EXPECT_EQ(create_package(100'000, 3, std::nullopt, PaymentMethod::card).package.session_price, 33'333);
  EXPECT_EQ(create_package(100'000, 6, std::nullopt, PaymentMethod::card).package.session_price, 16'667);
  EXPECT_THROW(create_package(0, 1, std::nullopt, PaymentMethod::card), Error);
  EXPECT_THROW(create_package(100, 0, std::nullopt, PaymentMethod::card), Error);
  EXPECT_THROW(create_package(100, 1, 0, PaymentMethod::card), Error);
  EXPECT_THROW(create_package(100, 1, 101, PaymentMethod::card), Error);
  EXPECT_NO_THROW(create_package(100, 1, 100, PaymentMethod::card));
  EXPECT_NO_THROW(create_package(1, 1, 1, PaymentMethod::card));
}

// §12 #46 (the pure part): scheduled sessions hold their place
TEST(Booking, Checks) {
  auto p = create_package(300'000, 10, std::nullopt, PaymentMethod::card).package;
  p.remaining_sessions = 3;
  try {
    check_booking(p, 3, today, today);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.fields().at("non_field_errors").front(), "The selected package has no sessions left.");
  }
  EXPECT_NO_THROW(check_booking(p, 2, today, today));
  EXPECT_EQ(available_sessions(p, 2), 1);
  EXPECT_THROW(check_booking(p, 0, today - days{1}, today), Error);
  EXPECT_NO_THROW(check_booking(p, 0, today + days{30}, today));
  p.remaining_credits = -1;
  EXPECT_THROW(check_booking(p, 0, today, today), Error);
  p.remaining_credits = 0;  // credits never block a booking with an available session
  EXPECT_NO_THROW(check_booking(p, 0, today, today));
  p.is_active = false;
  try {
    check_booking(p, 0, today, today);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.fields().at("non_field_errors").front(), "Sessions cannot be booked on an inactive package.");
  }
  EXPECT_EQ(package_status(p), PackageStatus::inactive);
}

TEST(Sessions, OnlyScheduledAndNeverBelowZero) {
  auto p = create_package(100'000, 1, std::nullopt, PaymentMethod::card).package;
  for (auto s : {SessionStatus::completed, SessionStatus::cancelled, SessionStatus::no_show})
    EXPECT_THROW(apply_session_outcome(p, s, SessionOutcome::complete), Error);
  p.remaining_sessions = 0;  // imported data
  try {
    apply_session_outcome(p, SessionStatus::scheduled, SessionOutcome::no_show);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::conflict);
  }
  // a plain cancel still works: it consumes nothing
  EXPECT_NO_THROW(apply_session_outcome(p, SessionStatus::scheduled, SessionOutcome::cancel));
}

TEST(Sessions, NegativeImportedCreditsShareEvenly) {
  PackageCounters p{100'000, 10'000, 10, 2, -5, std::nullopt, std::nullopt, std::nullopt, std::nullopt, true};
  EXPECT_EQ(credit_share(p), -3);  // −2.5 away from zero
  p.remaining_sessions = 1;
  EXPECT_EQ(credit_share(p), -5);
}

// Property: consuming every session earns exactly the credits, evenly (each share within 1 of another).
TEST(PackagesProperty, CreditsReachZeroTogetherWithSessions) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<Krw> amount(1, 50'000'000);
  std::uniform_int_distribution<int> sessions(1, 60), method(0, 3);
  for (int i = 0; i < 2000; ++i) {
    Krw g = amount(rng);
    int n = sessions(rng);
    auto p = create_package(g, n, std::nullopt, static_cast<PaymentMethod>(method(rng))).package;
    Krw total_used = 0, min_used = INT64_MAX, max_used = INT64_MIN;
    const Krw credits = p.remaining_credits;
    while (p.remaining_sessions > 0) {
      auto c = apply_session_outcome(p, SessionStatus::scheduled, SessionOutcome::complete);
      ASSERT_GE(c.credits_used, 0);
      total_used += c.credits_used;
      min_used = std::min(min_used, c.credits_used);
      max_used = std::max(max_used, c.credits_used);
      p = c.package;
      ASSERT_GE(p.remaining_credits, 0);
    }
    ASSERT_EQ(total_used, credits);
    ASSERT_EQ(p.remaining_credits, 0);
    ASSERT_LE(max_used - min_used, 1) << g << " / " << n;
  }
}

}  // namespace
}  // namespace the5hc::domain

namespace the5hc::domain {
namespace {

TEST(Sessions, FieldValidation) {
  EXPECT_TRUE(validate_session_fields(15, "09:30").empty());
  EXPECT_TRUE(validate_session_fields(480, std::nullopt).empty());
  EXPECT_TRUE(validate_session_fields(14, std::nullopt).count("session_duration"));
  EXPECT_TRUE(validate_session_fields(481, std::nullopt).count("session_duration"));
  for (const char* bad : {"24:00", "9:30", "09:60", "0930", "ab:cd"})
    EXPECT_TRUE(validate_session_fields(60, std::string(bad)).count("session_time")) << bad;
  EXPECT_TRUE(validate_session_fields(60, std::string("23:59")).empty());
}

TEST(Payments, FieldValidation) {
  EXPECT_TRUE(validate_payment_fields(1, today, today).empty());
  EXPECT_TRUE(validate_payment_fields(0, today, today).count("amount"));
  EXPECT_EQ(validate_payment_fields(100, today + days{1}, today).at("payment_date").front(),
            "The payment date cannot be in the future.");
}

TEST(PackageLabels, CodesRoundTripWithKoreanAndEnglishLabels) {
  EXPECT_STREQ(session_status_label(SessionStatus::no_show).ko, "노쇼");
  EXPECT_EQ(parse_session_status("cancelled"), SessionStatus::cancelled);
  EXPECT_FALSE(parse_session_status("done").has_value());
  EXPECT_STREQ(package_status_label(PackageStatus::exhausted).ko, "소진");
  EXPECT_EQ(parse_package_status("inactive"), PackageStatus::inactive);
  EXPECT_STREQ(payment_kind_label(PaymentKind::top_up).en, "Top-up");
  EXPECT_EQ(parse_payment_kind("package_purchase"), PaymentKind::package_purchase);
}

// Issue 14 §6: 소진률 and the renewal flag at 80 % used, only while the package still runs.
TEST(PackageUtilisation, PercentUsedAndRenewalFlagFromEightyPercent) {
  PackageCounters p;
  p.total_sessions = 10;
  p.remaining_sessions = 3;
  auto u = utilisation(p);
  EXPECT_EQ(u.used_sessions, 7);
  EXPECT_DOUBLE_EQ(u.percent, 70.0);
  EXPECT_FALSE(u.renewal_due);
  p.remaining_sessions = 2;  // exactly 80 %
  EXPECT_TRUE(utilisation(p).renewal_due);
  p.total_sessions = 30;  // 20 + 10 topped up: 28 of 30 used
  EXPECT_NEAR(utilisation(p).percent, 93.333, 0.001);
  EXPECT_TRUE(utilisation(p).renewal_due);
  p.total_sessions = 3;  // 1 of 3 used
  EXPECT_FALSE(utilisation(p).renewal_due);
  p.total_sessions = 10;
  p.remaining_sessions = 0;  // exhausted: status says it, no flag
  EXPECT_DOUBLE_EQ(utilisation(p).percent, 100.0);
  EXPECT_FALSE(utilisation(p).renewal_due);
  p.remaining_sessions = 1;
  p.is_active = false;  // deactivated
  EXPECT_FALSE(utilisation(p).renewal_due);
  EXPECT_DOUBLE_EQ(utilisation(PackageCounters{}).percent, 0.0);
}

}  // namespace
}  // namespace the5hc::domain
