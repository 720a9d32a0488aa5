// Money (DOMAIN.md §4, §12 #42–#43): VAT-inclusive extraction, card fee only for cards, integer arithmetic.
#include <gtest/gtest.h>

#include <limits>

#include <random>

#include "common/error.hpp"
#include "domain/money.hpp"

namespace the5hc::domain {
namespace {

void expect_breakdown(Krw gross, PaymentMethod m, Krw vat, Krw fee, Krw net) {
  auto b = fee_breakdown(gross, m);
  EXPECT_EQ(b.gross, gross);
  EXPECT_EQ(b.vat, vat) << gross;
  EXPECT_EQ(b.card_fee, fee) << gross;
  EXPECT_EQ(b.net, net) << gross;
  EXPECT_EQ(b.vat_rate_bp, 1000);
  EXPECT_EQ(b.card_fee_rate_bp, 350);
}

// §12 #42
TEST(Money, CardExamples) {
  expect_breakdown(300'000, PaymentMethod::card, 27'273, 10'500, 262'227);
  expect_breakdown(1'980'000, PaymentMethod::card, 180'000, 69'300, 1'730'700);
  expect_breakdown(12'345, PaymentMethod::card, 1'122, 432, 10'791);
  expect_breakdown(500'000, PaymentMethod::card, 45'455, 17'500, 437'045);
  expect_breakdown(100'000, PaymentMethod::card, 9'091, 3'500, 87'409);
}

// §12 #43
TEST(Money, OtherMethodsAndTinyAmounts) {
  expect_breakdown(300'000, PaymentMethod::cash, 27'273, 0, 272'727);
  expect_breakdown(550'000, PaymentMethod::transfer, 50'000, 0, 500'000);
  expect_breakdown(15, PaymentMethod::card, 1, 1, 13);  // 0.525 rounds up
  expect_breakdown(5, PaymentMethod::card, 0, 0, 5);
  expect_breakdown(300'000, PaymentMethod::other, 27'273, 0, 272'727);
  EXPECT_EQ(fee_breakdown(300'000, PaymentMethod::card).supply_value(), 272'727);
}

TEST(Money, HalfRoundsUp) {
  // card fee G × 350 / 10000: G = 100 → 3.5 → 4; G = 30 → 1.05 → 1
  EXPECT_EQ(fee_breakdown(100, PaymentMethod::card).card_fee, 4);
  EXPECT_EQ(fee_breakdown(30, PaymentMethod::card).card_fee, 1);
  // VAT G / 11: G = 121 → 11; G = 6 → 0.545 → 1; G = 5 → 0.4545 → 0
  EXPECT_EQ(fee_breakdown(121, PaymentMethod::cash).vat, 11);
  EXPECT_EQ(fee_breakdown(6, PaymentMethod::cash).vat, 1);
  EXPECT_EQ(fee_breakdown(5, PaymentMethod::cash).vat, 0);
}

TEST(Money, CustomRates) {
  auto b = fee_breakdown(300'000, PaymentMethod::card, 0, 0);
  EXPECT_EQ(b.vat, 0);
  EXPECT_EQ(b.card_fee, 0);
  EXPECT_EQ(b.net, 300'000);
  b = fee_breakdown(300'000, PaymentMethod::card, 5000, 2000);
  EXPECT_EQ(b.vat, 100'000);
  EXPECT_EQ(b.card_fee, 60'000);
  EXPECT_EQ(b.net, 140'000);
}

TEST(Money, RejectsBadInputs) {
  for (Krw g : {Krw{0}, Krw{-1}, max_amount + 1}) EXPECT_THROW(fee_breakdown(g, PaymentMethod::card), Error) << g;
  EXPECT_NO_THROW(fee_breakdown(max_amount, PaymentMethod::card, 5000, 2000));
  EXPECT_THROW(fee_breakdown(1000, PaymentMethod::card, -1, 350), Error);
  EXPECT_THROW(fee_breakdown(1000, PaymentMethod::card, 5001, 350), Error);
  EXPECT_THROW(fee_breakdown(1000, PaymentMethod::card, 1000, 2001), Error);
  try {
    fee_breakdown(0, PaymentMethod::card);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::validation);
    EXPECT_TRUE(e.fields().count("gross"));
  }
}

TEST(Money, MethodCodes) {
  for (auto m : {PaymentMethod::cash, PaymentMethod::card, PaymentMethod::transfer, PaymentMethod::other})
    EXPECT_EQ(parse_payment_method(payment_method_label(m).code), m);
  EXPECT_FALSE(parse_payment_method("카드"));
  EXPECT_FALSE(parse_payment_method(""));
}

TEST(Money, AverageRoundsHalfUp) {
  EXPECT_EQ(average_amount(5, 2), 3);
  EXPECT_EQ(average_amount(10, 4), 3);
  EXPECT_EQ(average_amount(9, 4), 2);
  EXPECT_EQ(average_amount(100, 0), 0);
}

// Property: the parts always sum to the gross and stay within their bounds, for any amount, method and rates.
TEST(MoneyProperty, PartsSumToGross) {
  std::mt19937_64 rng(20240501);
  std::uniform_int_distribution<Krw> small(1, 10'000'000), large(1, max_amount);
  std::uniform_int_distribution<int> vat(0, 5000), card(0, 2000), method(0, 3);
  for (int i = 0; i < 20000; ++i) {
    Krw g = i % 2 ? small(rng) : large(rng);
    int v = i % 3 ? 1000 : vat(rng), c = i % 3 ? 350 : card(rng);
    auto m = static_cast<PaymentMethod>(method(rng));
    auto b = fee_breakdown(g, m, v, c);
    ASSERT_EQ(b.vat + b.card_fee + b.net, g);
    ASSERT_GE(b.vat, 0);
    ASSERT_GE(b.card_fee, 0);
    ASSERT_LE(b.vat, g);
    if (m != PaymentMethod::card) {
      ASSERT_EQ(b.card_fee, 0);
    }
    // exact half-up rounding: |VAT × (10000 + v) − G × v| ≤ (10000 + v) / 2
    ASSERT_LE(2 * std::abs(b.vat * (10000 + v) - g * v), Krw{10000} + v);
  }
}

}  // namespace
}  // namespace the5hc::domain

namespace the5hc::domain {
namespace {

TEST(Money, ThousandsSeparators) {
  EXPECT_EQ(format_thousands(0), "0");
  EXPECT_EQ(format_thousands(999), "999");
  EXPECT_EQ(format_thousands(1000), "1,000");
  EXPECT_EQ(format_thousands(300000), "300,000");
  EXPECT_EQ(format_thousands(1980000), "1,980,000");
  EXPECT_EQ(format_thousands(-12345), "-12,345");
}

// Found by fuzz_templates (issue 17): the negation of the most negative amount overflowed (undefined behaviour).
TEST(Money, ThousandsSeparatorsOfTheExtremes) {
  EXPECT_EQ(format_thousands(std::numeric_limits<Krw>::min()), "-9,223,372,036,854,775,808");
  EXPECT_EQ(format_thousands(std::numeric_limits<Krw>::max()), "9,223,372,036,854,775,807");
}

}  // namespace
}  // namespace the5hc::domain
