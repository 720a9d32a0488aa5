// Pure legacy normalisation rules (LEGACY.md §4, §5, §7.2).
#include <gtest/gtest.h>

#include "legacy/rules.hpp"

using namespace the5hc::legacy;
using std::nullopt;
using std::optional;
using std::string;

TEST(LegacyRules, GenderSpellingsMapToCodesAndOthersAreRejected) {
  for (const char* m : {"남성", "남", "male", "Male", "M", " m "}) EXPECT_EQ(gender(m), "male") << m;
  for (const char* f : {"여성", "여", "female", "FEMALE", "F"}) EXPECT_EQ(gender(f), "female") << f;
  for (const char* x : {"", "기타", "unknown", "mf"}) EXPECT_EQ(gender(x), nullopt) << x;
}

TEST(LegacyRules, PaymentMethodsAreMappedAndTheRawTextKeptForOther) {
  EXPECT_EQ(payment_method(string("card")), "card");
  EXPECT_EQ(payment_method(string("카드")), "card");
  EXPECT_EQ(payment_method(string("신용카드")), "card");
  EXPECT_EQ(payment_method(string("현금")), "cash");
  EXPECT_EQ(payment_method(string("Cash")), "cash");
  EXPECT_EQ(payment_method(string("계좌이체")), "transfer");
  EXPECT_EQ(payment_method(string("이체")), "transfer");
  EXPECT_EQ(payment_method(string("Package Purchase")), "other");
  EXPECT_EQ(payment_method(nullopt), "other");
  EXPECT_EQ(payment_method(string("")), "other");

  EXPECT_EQ(payment_description(string(""), string("Package Purchase")), "(결제수단: Package Purchase)");
  EXPECT_EQ(payment_description(string("메모"), string("쿠폰")), "메모 (결제수단: 쿠폰)");
  EXPECT_EQ(payment_description(string("크래딧 충전"), string("카드")), "크래딧 충전");  // mapped: nothing appended
  EXPECT_EQ(payment_description(nullopt, nullopt), nullopt);
  EXPECT_EQ(payment_description(string("  "), string("")), nullopt);
}

TEST(LegacyRules, PaymentKindComesFromTheDescriptionOrPackagePurchaseMethod) {
  EXPECT_EQ(payment_kind(string("크래딧 충전"), string("카드")), "top_up");
  EXPECT_EQ(payment_kind(string("크레딧 충전 30만원"), nullopt), "top_up");
  EXPECT_EQ(payment_kind(string("패키지 구매: 기본 패키지"), string("card")), "package_purchase");
  EXPECT_EQ(payment_kind(string(""), string("Package Purchase")), "package_purchase");
  EXPECT_EQ(payment_kind(string("음료"), string("현금")), "other");
  EXPECT_EQ(payment_kind(nullopt, nullopt), "other");
}

TEST(LegacyRules, UnnamedPackagesAreNamedAfterTheirSessionCount) {
  EXPECT_EQ(package_name(string(""), 4), "4회 패키지");
  EXPECT_EQ(package_name(nullopt, 38), "38회 패키지");
  EXPECT_EQ(package_name(string(" 10회 PT "), 10), "10회 PT");
}

TEST(LegacyRules, SessionTimesKeepHoursAndMinutesOnly) {
  EXPECT_EQ(hhmm(string("10:00:44.064956")), "10:00");
  EXPECT_EQ(hhmm(string("9:05")), "09:05");
  EXPECT_EQ(hhmm(string("18:30:00")), "18:30");
  EXPECT_EQ(hhmm(nullopt), nullopt);
  EXPECT_EQ(hhmm(string("")), nullopt);
  EXPECT_EQ(hhmm(string("25:00")), nullopt);
  EXPECT_EQ(hhmm(string("noon")), nullopt);
}

TEST(LegacyRules, SessionStatusesOutsideTheFourAreInvalid) {
  EXPECT_EQ(session_status(string("completed")), "completed");
  EXPECT_EQ(session_status(string("Scheduled ")), "scheduled");
  EXPECT_EQ(session_status(string("no_show")), "no_show");
  EXPECT_EQ(session_status(string("done")), nullopt);
  EXPECT_EQ(session_status(nullopt), nullopt);
}

TEST(LegacyRules, RatesBecomeBasisPoints) {
  EXPECT_EQ(rate_bp(0.1), 1000);
  EXPECT_EQ(rate_bp(0.035), 350);
  EXPECT_EQ(rate_bp(0.0), 0);
}

TEST(LegacyRules, FeeAuditTypes) {
  EXPECT_EQ(fee_calculation_type(string("package_creation")), "package_purchase");
  EXPECT_EQ(fee_calculation_type(string("credit_addition")), "top_up");
  EXPECT_EQ(fee_calculation_type(string("refund")), "legacy");
  EXPECT_EQ(fee_calculation_type(nullopt), "legacy");
}

TEST(LegacyRules, CompensationsAreAppendedToTheTestNotes) {
  EXPECT_EQ(notes_with_compensations(string("관찰된 보상 패턴: 무릎 내반"), string("")), "관찰된 보상 패턴: 무릎 내반");
  EXPECT_EQ(notes_with_compensations(string("메모"), string("무릎 내반")), "메모\n보상 패턴: 무릎 내반");
  EXPECT_EQ(notes_with_compensations(nullopt, string("발 외회전")), "보상 패턴: 발 외회전");
  EXPECT_EQ(notes_with_compensations(string(""), nullopt), nullopt);
}

TEST(LegacyRules, CollisionRenames) {
  EXPECT_EQ(renamed_username("criminal", 1), "criminal-legacy1");
  EXPECT_EQ(renamed_username("criminal", 1, 2), "criminal-legacy1-2");
  EXPECT_EQ(renamed_email("trainer1@example.com", 1), "trainer1+legacy1@example.com");
  EXPECT_EQ(renamed_email("a@b@c.kr", 7), "a@b+legacy7@c.kr");
  EXPECT_EQ(renamed_email("broken", 3), "broken+legacy3@legacy.invalid");
}

TEST(LegacyRules, TimestampsAreNormalisedToTheStoredUtcForm) {
  EXPECT_EQ(timestamp(string("2025-06-04 05:32:57.782122")), "2025-06-04 05:32:57");
  EXPECT_EQ(timestamp(string("2025-06-04T05:32:57")), "2025-06-04 05:32:57");
  EXPECT_EQ(timestamp(string("2025-06-04")), "2025-06-04 00:00:00");
  EXPECT_EQ(timestamp(string("2025-02-30 10:00:00")), nullopt);
  EXPECT_EQ(timestamp(string("yesterday")), nullopt);
  EXPECT_EQ(timestamp(nullopt), nullopt);
  EXPECT_EQ(date(string("2025-06-04 05:32:57")), "2025-06-04");
  EXPECT_EQ(date(string("2025-6-4")), nullopt);
  // G1 registration_date: a Seoul calendar day starts at 15:00 UTC the day before.
  EXPECT_EQ(seoul_midnight_utc(string("2025-05-01")), "2025-04-30 15:00:00");
}

TEST(LegacyRules, PasswordSchemes) {
  const string bcrypt = "$2b$12$ajYJ4uAVD3Q7P9m.A3cW5uAj3Y3/PfAzwaBJ0l1nFQG1VXQRagMua";
  EXPECT_EQ(password_hash(bcrypt, nullopt, nullopt), bcrypt);
  EXPECT_EQ(password_hash(nullopt, string("ABCDEF"), string("00FF")), "legacy-hmac-sha256$00ff$abcdef");
  EXPECT_EQ(password_hash(nullopt, string("abcdef"), nullopt), "legacy-sha256$abcdef");
  EXPECT_EQ(password_hash(string(""), string(""), nullopt), nullopt);
}
