// Legacy row → new-model record mapping without a database (LEGACY.md §7.2), with rows shaped like the fixture
// (G3c) and like G1 files.
#include <gtest/gtest.h>

#include "legacy/records.hpp"
#include "legacy/report.hpp"

using namespace the5hc::legacy;

namespace {
const std::string now = "2026-11-25 09:00:00";
Value i(long long v) { return Value::integer(v); }
Value r(double v) { return Value::real(v); }
Value t(std::string v) { return Value::text(std::move(v)); }
}  // namespace

TEST(LegacyRecords, ClientValidationNamesTheFieldOrGender) {
  auto client = [](Value name, Value age, Value gender, Value height, Value weight) {
    return make_row({{"id", i(1)}, {"name", name}, {"age", age}, {"gender", gender}, {"height", height},
                     {"weight", weight}});
  };
  EXPECT_EQ(client_skip_reason(client(t("이정수"), i(30), t("남성"), r(170), r(70))), std::nullopt);
  EXPECT_EQ(client_skip_reason(client(t("김"), i(30), t("남성"), r(170), r(70))), "invalid_client:name");
  EXPECT_EQ(client_skip_reason(client(t("김민수"), i(0), t("남성"), r(170), r(70))), "invalid_client:age");
  EXPECT_EQ(client_skip_reason(client(t("김민수"), r(30.5), t("남성"), r(170), r(70))), "invalid_client:age");
  EXPECT_EQ(client_skip_reason(client(t("김민수"), t("30"), t("여"), r(170), r(70))), std::nullopt);
  EXPECT_EQ(client_skip_reason(client(t("김민수"), i(30), t("?"), r(170), r(70))), "invalid_gender");
  EXPECT_EQ(client_skip_reason(client(t("김민수"), i(30), t("F"), r(40), r(70))), "invalid_client:height");
  EXPECT_EQ(client_skip_reason(client(t("김민수"), i(30), t("F"), r(170), r(10))), "invalid_client:weight");
}

TEST(LegacyRecords, ClientContactFieldsAndG1RegistrationDate) {
  Warnings w;
  auto c = client_fields(make_row({{"name", t(" 김민수 ")}, {"age", i(30)}, {"gender", t("남성")}, {"height", r(170)},
                                   {"weight", r(70)}, {"email", t("")}, {"phone", t("01012345678")},
                                   {"created_at", t("2025-06-01 12:20:14")}}),
                         now, w);
  EXPECT_EQ(c.fields.name, "김민수");
  EXPECT_EQ(c.fields.gender, "male");
  EXPECT_EQ(c.fields.email, std::nullopt);
  EXPECT_EQ(c.fields.phone, "010-1234-5678");
  EXPECT_EQ(c.created_at, "2025-06-01 12:20:14");
  EXPECT_EQ(c.updated_at, "2025-06-01 12:20:14");  // no updated_at column: created_at
  EXPECT_TRUE(w.empty());

  auto g1 = client_fields(make_row({{"name", t("박서준")}, {"age", i(41)}, {"gender", t("M")}, {"height", r(180)},
                                    {"weight", r(80)}, {"email", t("not-an-email")}, {"phone", t("12")},
                                    {"registration_date", t("2025-05-02")}}),
                          now, w);
  EXPECT_EQ(g1.created_at, "2025-05-01 15:00:00");
  EXPECT_EQ(g1.fields.email, std::nullopt);
  EXPECT_EQ(g1.fields.phone, std::nullopt);
  EXPECT_EQ(w.size(), 2u);
}

TEST(LegacyRecords, TrainerPasswordAndLockout) {
  Warnings w;
  auto u = user_fields(make_row({{"username", t("testaccount")}, {"password_hash", t("$2b$12$abc")},
                                 {"name", t("이트레이너")}, {"created_at", t("2025-06-08 12:57:19")},
                                 {"last_login", t("2025-06-04 05:32:57.782122")}, {"failed_login_attempts", i(2)},
                                 {"locked_until", t("2025-06-08 13:00:00")}}),
                       now, w);
  EXPECT_EQ(u.password_hash, "$2b$12$abc");
  EXPECT_EQ(u.date_joined, "2025-06-08 12:57:19");
  EXPECT_EQ(u.last_login, "2025-06-04 05:32:57");
  EXPECT_EQ(u.failed_login_attempts, 2);
  EXPECT_EQ(u.locked_until, std::nullopt);  // in the past: not copied

  auto g1 = user_fields(make_row({{"username", t("old")}, {"password", t("AB12")}, {"salt", t("CD34")},
                                  {"name", t("")}, {"locked_until", t("2999-01-01 00:00:00")}}),
                        now, w);
  EXPECT_EQ(g1.password_hash, "legacy-hmac-sha256$cd34$ab12");
  EXPECT_EQ(g1.name, "old");
  EXPECT_EQ(g1.date_joined, now);  // G1 has no created_at: import time
  EXPECT_EQ(g1.locked_until, "2999-01-01 00:00:00");
  EXPECT_TRUE(w.empty());
}

TEST(LegacyRecords, FixtureAssessmentKeepsLegacyScoresAndTheSingleHeartRate) {
  Warnings w;
  auto a = assessment_fields(
      make_row({{"id", i(1)}, {"client_id", i(5)}, {"trainer_id", i(1)}, {"date", t("2025-06-03")},
                {"overhead_squat_score", i(0)}, {"overhead_squat_notes", t("관찰된 보상 패턴: 무릎 내반")},
                {"overhead_squat_compensations", t("")}, {"push_up_score", i(1)}, {"push_up_reps", i(0)},
                {"single_leg_balance_left_eyes_open", r(0)}, {"toe_touch_score", i(3)}, {"toe_touch_distance", r(0)},
                {"shoulder_mobility_left", r(1.5)}, {"shoulder_mobility_right", r(1.5)},
                {"shoulder_mobility_compensations", t("어깨 올림")}, {"farmer_carry_weight", r(0)},
                {"farmer_carry_notes", t("수행 시간: 0초")}, {"harvard_step_test_heart_rate", i(80)},
                {"harvard_step_test_duration", r(180)},
                {"harvard_step_test_notes", t("HR1: 90, HR2: 80, HR3: 70, PFI: 37.5, Score: 1/4")},
                {"overall_score", r(24)}, {"strength_score", r(25)}, {"mobility_score", r(37.5)},
                {"balance_score", r(12.5)}, {"cardio_score", r(20)}, {"created_at", t("2025-06-03 05:47:02")},
                {"shoulder_mobility_score", i(0)}, {"farmer_carry_score", i(1)}}),
      now, w);
  EXPECT_TRUE(w.empty());
  EXPECT_EQ(a.meta.date, "2025-06-03");
  EXPECT_EQ(a.results.scores.overhead_squat_performed, true);
  EXPECT_EQ(a.results.scores.overhead_squat_score, 0);
  EXPECT_EQ(a.input.push_up_reps, 0);
  EXPECT_EQ(a.input.single_leg_balance_left_eyes_open, 0.0);
  EXPECT_EQ(a.input.single_leg_balance_right_eyes_open, std::nullopt);
  EXPECT_EQ(a.input.shoulder_mobility_notes, "보상 패턴: 어깨 올림");
  EXPECT_EQ(a.results.scores.farmer_carry_score, 1.0);
  EXPECT_EQ(a.harvard_step_test_legacy_hr, 80);
  EXPECT_EQ(a.input.harvard_step_test_hr1, std::nullopt);  // notes are not parsed
  EXPECT_EQ(a.results.scores.harvard_step_test_score, std::nullopt);
  EXPECT_EQ(a.input.harvard_step_test_notes, "HR1: 90, HR2: 80, HR3: 70, PFI: 37.5, Score: 1/4");
  EXPECT_EQ(a.results.scores.overall_score, 24.0);
  EXPECT_EQ(a.results.scores.balance_score, 12.5);
  EXPECT_EQ(a.results.scores.is_complete, true);
}

TEST(LegacyRecords, G1AssessmentColumnsAreRenamedAndOutOfScaleScoresDropped) {
  Warnings w;
  auto a = assessment_fields(
      make_row({{"id", i(9)}, {"date", t("2025-05-10")}, {"single_leg_balance_right_open", r(12.5)},
                {"farmers_carry_weight", r(40)}, {"farmers_carry_time", r(30)}, {"farmers_carry_score", i(3)},
                {"step_test_hr1", i(90)}, {"step_test_hr2", i(80)}, {"step_test_hr3", i(70)},
                {"step_test_pfi", r(83.3)}, {"step_test_score", i(3)}, {"push_up_score", i(5)},
                {"overhead_squat_score", i(4)}}),
      now, w);
  EXPECT_EQ(a.input.single_leg_balance_right_eyes_open, 12.5);
  EXPECT_EQ(a.input.farmer_carry_weight, 40.0);
  EXPECT_EQ(a.input.farmer_carry_time, 30.0);
  EXPECT_EQ(a.results.scores.farmer_carry_score, 3.0);
  EXPECT_EQ(a.input.harvard_step_test_hr3, 70);
  EXPECT_EQ(a.results.scores.harvard_step_test_pfi, 83.3);
  EXPECT_EQ(a.results.scores.harvard_step_test_score, 3);
  EXPECT_EQ(a.results.scores.push_up_score, std::nullopt);
  EXPECT_EQ(a.results.scores.overhead_squat_score, std::nullopt);
  EXPECT_EQ(a.results.scores.overhead_squat_performed, true);  // a score was recorded, even if not on our scale
  EXPECT_EQ(w.size(), 2u);
  EXPECT_EQ(a.created_at, now);  // G1: no created_at
  EXPECT_EQ(a.results.scores.is_complete, false);
}

TEST(LegacyRecords, PackagesSessionsAndPayments) {
  auto p = package_fields(make_row({{"total_amount", i(300000)}, {"session_price", i(60000)},
                                    {"total_sessions", i(4)}, {"remaining_credits", i(157336)},
                                    {"remaining_sessions", i(2)}, {"package_name", t("")}, {"is_active", i(1)},
                                    {"gross_amount", i(300000)}, {"vat_amount", i(27273)},
                                    {"card_fee_amount", i(10500)}, {"net_amount", i(262227)}, {"vat_rate", r(0.1)},
                                    {"card_fee_rate", r(0.035)}}),
                          now);
  EXPECT_EQ(p.package_name, "4회 패키지");
  EXPECT_EQ(p.counters.remaining_credits, 157336);
  EXPECT_EQ(p.counters.net_amount, 262227);
  EXPECT_EQ(p.vat_rate_bp, 1000);
  EXPECT_EQ(p.card_fee_rate_bp, 350);
  auto pre_fee = package_fields(make_row({{"total_amount", i(300000)}, {"total_sessions", i(5)},
                                          {"remaining_sessions", i(5)}, {"remaining_credits", i(300000)},
                                          {"is_active", i(0)}}),
                                now);
  EXPECT_EQ(pre_fee.counters.gross_amount, std::nullopt);
  EXPECT_EQ(pre_fee.vat_rate_bp, std::nullopt);
  EXPECT_EQ(pre_fee.counters.session_price, 60000);
  EXPECT_EQ(pre_fee.counters.is_active, false);

  auto s = session_fields(make_row({{"session_date", t("2025-06-09")}, {"session_time", Value{}},
                                    {"session_cost", r(60000.0)}, {"created_at", t("2025-06-08 12:59:18")},
                                    {"completed_at", t("2025-06-08 12:59:19")}}),
                          "completed", now);
  EXPECT_EQ(s.session_time, std::nullopt);
  EXPECT_EQ(s.session_duration, 60);
  EXPECT_EQ(s.session_cost, 60000);
  EXPECT_EQ(s.sessions_used, 1);
  EXPECT_EQ(s.credits_used, 60000);

  Warnings w;
  auto pay = payment_fields(make_row({{"amount", r(300000.0)}, {"payment_method", t("카드")},
                                      {"description", t("크래딧 충전")}, {"payment_date", t("2025-06-08")},
                                      {"gross_amount", i(330000)}, {"vat_amount", i(27273)}, {"vat_rate", r(0.1)}}),
                            now, w);
  EXPECT_EQ(pay.amount, 300000);
  EXPECT_EQ(pay.payment_method, "card");
  EXPECT_EQ(pay.kind, "top_up");
  EXPECT_EQ(pay.vat_rate_bp, 1000);
  EXPECT_EQ(pay.card_fee_rate_bp, std::nullopt);
  ASSERT_EQ(w.size(), 1u);  // gross differs from amount: amount wins
}

TEST(LegacyRecords, RawJsonRedactsSecretsAndKeepsTypes) {
  auto row = make_row({{"id", i(7)}, {"password_hash", t("$2b$12$x")}, {"amount", r(1.5)}, {"note", Value{}}});
  EXPECT_EQ(row.to_json({"password_hash"}), R"({"id":7,"password_hash":"[redacted]","amount":1.5,"note":null})");
  EXPECT_EQ(row["missing"].null(), true);
}

TEST(LegacyReport, TableAndTotals) {
  Report report;
  report.table("trainers").read = 7;
  report.table("trainers").imported = 7;
  auto& c = report.table("clients");
  c.read = 2;
  c.imported = 1;
  c.skip(4, "invalid_gender");
  report.created = {1, "the5hc-fitness-center", "The5HC 피트니스 센터", true, 7, std::string("criminal"), {}};
  auto text = report.text();
  EXPECT_NE(text.find("table              read  imported  skipped  reasons\n"), std::string::npos) << text;
  EXPECT_NE(text.find("trainers              7         7        0\n"), std::string::npos) << text;
  EXPECT_NE(text.find("clients               2         1        1  invalid_gender 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("total                 9         8        1  invalid_gender 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("created: organization 1 (the5hc-fitness-center), memberships 7 (owner: criminal)"),
            std::string::npos);
  EXPECT_NE(text.find("warnings: 0"), std::string::npos);

  c.skip(3, "already_imported");
  EXPECT_NE(report.json().find("\"already_imported\""), std::string::npos);
  auto compact = report.json(true);
  EXPECT_EQ(compact.find("\"id\": 3"), std::string::npos) << compact;
  EXPECT_NE(compact.find("\"already_imported\": 1"), std::string::npos) << compact;
  EXPECT_NE(compact.find("\"id\": 4"), std::string::npos) << compact;
}
