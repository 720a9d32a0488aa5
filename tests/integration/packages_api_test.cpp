// Packages, sessions and payments over HTTP (API.md §3.4–§3.6) with the bookkeeping of DOMAIN.md §5: worked examples
// #44–#46 with exact credits, fee audit, permissions across roles and organisations, and truly parallel bookings.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/clock.hpp"
#include "common/time.hpp"
#include "support/suite_server.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

// Everything goes through HTTP; SQL only reads what the API does not show (fee audit, audit log, trainer ids).
class PackagesApi : public SuiteFixture<PackagesApi> {
 public:  // read by SuiteFixture
  static Env suite_env() {
    return {{"THROTTLE_USER", "100000/hour"}, {"WORKER_THREADS", "16"}, {"DB_POOL_SIZE", "8"}};
  }

 protected:
  static void SetUpTestSuite() {
    SuiteFixture::SetUpTestSuite();
    create_user(*db_, "owner1", kSuitePassword, {"--create-organization", "Studio A"});
    create_user(*db_, "trainer1", kSuitePassword, {"--organization", "studio-a", "--role", "trainer"});
    create_user(*db_, "assistant1", kSuitePassword, {"--organization", "studio-a", "--role", "assistant"});
    create_user(*db_, "owner2", kSuitePassword, {"--create-organization", "Studio B"});
    for (auto name : {"owner1", "trainer1", "assistant1", "owner2"})
      tokens_[name] = login(server_->port(), name, kSuitePassword);
  }
  static void TearDownTestSuite() {
    SuiteFixture::TearDownTestSuite();
    tokens_.clear();
  }

  static std::int64_t trainer_of(const std::string& username) {
    return sql_->count("SELECT t.id FROM trainers t JOIN users u ON u.id = t.user_id WHERE u.username = '" +
                       username + "'");
  }
  static std::int64_t client(const std::string& name, const std::string& trainer_user) {
    auto r = call("owner1", "POST", "/api/v1/clients/",
                  {{"name", name}, {"age", 35}, {"gender", "male"}, {"height", 175}, {"weight", 70},
                   {"trainer", trainer_of(trainer_user)}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body)["id"].get<std::int64_t>();
  }
  static std::int64_t count(const std::string& query) { return sql_->count(query); }

  static HttpResponse call(const std::string& who, const std::string& method, const std::string& path,
                           const json& body = nullptr, std::map<std::string, std::string> headers = {}) {
    headers.merge(bearer(tokens_[who]));
    return http_request(server_->port(), method, path, body.is_null() ? "" : body.dump(), headers);
  }
  static json ok(const HttpResponse& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.body;
    return r.body.empty() ? json() : json::parse(r.body);
  }
  static std::string today() {
    return the5hc::local_date(std::chrono::system_clock::now(), "Asia/Seoul").str();
  }
  static std::string in_days(int n) {
    return the5hc::add_days(the5hc::local_date(std::chrono::system_clock::now(), "Asia/Seoul"), n).str();
  }
  static json package(const std::string& who, std::int64_t client_id, std::int64_t total, int sessions,
                      json extra = json::object()) {
    extra["client"] = client_id;
    if (!extra.contains("package_name")) extra["package_name"] = "10회 퍼스널 트레이닝";
    extra["total_amount"] = total;
    extra["total_sessions"] = sessions;
    return ok(call(who, "POST", "/api/v1/packages/", extra), 201);
  }
  static json book(std::int64_t package_id, const std::string& date = in_days(1)) {
    return ok(call("owner1", "POST", "/api/v1/sessions/", {{"package", package_id}, {"session_date", date}}), 201);
  }
  static json pkg(std::int64_t id) { return ok(call("owner1", "GET", "/api/v1/packages/" + std::to_string(id) + "/")); }

  static inline std::map<std::string, std::string> tokens_;
};

std::string path(const std::string& base, std::int64_t id, const std::string& action = "") {
  return base + std::to_string(id) + "/" + action;
}

}  // namespace

TEST_F(PackagesApi, CreationRecordsThePaymentAndTheFeeAuditInOneGo) {
  auto c = client("김회원", "owner1");
  auto p = package("owner1", c, 500000, 10, {{"payment_method", "card"}});
  EXPECT_EQ(p["session_price"], 50000);
  EXPECT_EQ(p["remaining_sessions"], 10);
  EXPECT_EQ(p["available_sessions"], 10);
  EXPECT_EQ(p["remaining_credits"], 437045);
  EXPECT_EQ(p["vat_amount"], 45455);
  EXPECT_EQ(p["card_fee_amount"], 17500);
  EXPECT_EQ(p["net_amount"], 437045);
  EXPECT_EQ(p["status"], "active");
  EXPECT_EQ(p["status_display"], "활성");
  EXPECT_EQ(p["client_name"], "김회원");
  EXPECT_EQ(p["payment"]["kind"], "package_purchase");
  EXPECT_EQ(p["payment"]["payment_date"], today());
  EXPECT_EQ(p["payment"]["vat_rate_bp"], 1000);
  EXPECT_EQ(p["payment"]["card_fee_rate_bp"], 350);
  EXPECT_EQ(p["payment"]["description"], "패키지 구매: 10회 퍼스널 트레이닝");
  auto id = std::to_string(p["id"].get<int>());
  EXPECT_EQ(count("SELECT count(*) FROM fee_audit_log WHERE calculation_type = 'package_purchase' AND net_amount = "
                  "437045 AND package_id = " + id),
            1);
  for (auto action : {"package_created", "payment_recorded", "fee_calculated"})
    EXPECT_GE(count(std::string("SELECT count(*) FROM audit_log WHERE action = '") + action + "'"), 1) << action;
  // owners and seniors other than the actor hear of the payment: none here besides owner1 (the actor)
  EXPECT_EQ(count("SELECT count(*) FROM notifications WHERE type = 'payment_received' AND user_id IN (SELECT id FROM "
                  "users WHERE username = 'owner1')"),
            0);
  auto payments = ok(call("owner1", "GET", "/api/v1/packages/" + id + "/payments/"));
  ASSERT_EQ(payments.size(), 1u);
  EXPECT_EQ(payments[0]["amount"], 500000);
}

TEST_F(PackagesApi, WorkedExample44CreditsAfterEachOutcome) {
  auto c = client("예시사십사", "owner1");
  auto p = package("owner1", c, 500000, 10, {{"session_price", 50000}});
  std::int64_t id = p["id"];
  std::vector<std::int64_t> s;
  for (int i = 0; i < 4; ++i) s.push_back(book(id)["id"]);
  EXPECT_EQ(pkg(id)["available_sessions"], 6);
  auto done = ok(call("owner1", "POST", path("/api/v1/sessions/", s[0], "complete/")));
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["credits_used"], 43705);
  EXPECT_EQ(done["package_summary"]["remaining_sessions"], 9);
  EXPECT_EQ(done["package_summary"]["remaining_credits"], 393340);
  auto plain = ok(call("owner1", "POST", path("/api/v1/sessions/", s[1], "cancel/"), {{"reason", "개인 사정"}}));
  EXPECT_EQ(plain["status"], "cancelled");
  EXPECT_EQ(plain["late_cancellation"], false);
  EXPECT_EQ(plain["cancel_reason"], "개인 사정");
  EXPECT_EQ(pkg(id)["remaining_credits"], 393340);
  auto late = ok(call("owner1", "POST", path("/api/v1/sessions/", s[2], "cancel/"), {{"late_cancellation", true}}));
  EXPECT_EQ(late["credits_used"], 43704);
  EXPECT_EQ(late["package_summary"]["remaining_sessions"], 8);
  EXPECT_EQ(late["package_summary"]["remaining_credits"], 349636);
  auto noshow = ok(call("owner1", "POST", path("/api/v1/sessions/", s[3], "no-show/")));
  EXPECT_EQ(noshow["status"], "no_show");
  EXPECT_EQ(noshow["credits_used"], 43705);
  EXPECT_EQ(pkg(id)["remaining_sessions"], 7);
  EXPECT_EQ(pkg(id)["remaining_credits"], 305931);
  // four more consumptions → 3 left; one more → 2 / 87,409 (example: "after 8 consumptions 2 / 87,409")
  for (int i = 0; i < 5; ++i) ok(call("owner1", "POST", path("/api/v1/sessions/", book(id)["id"], "complete/")));
  EXPECT_EQ(pkg(id)["remaining_sessions"], 2);
  EXPECT_EQ(pkg(id)["remaining_credits"], 87409);
  ok(call("owner1", "POST", path("/api/v1/sessions/", book(id)["id"], "complete/")));
  EXPECT_EQ(pkg(id)["remaining_credits"], 43704);
  auto last = ok(call("owner1", "POST", path("/api/v1/sessions/", book(id)["id"], "complete/")));
  EXPECT_EQ(last["credits_used"], 43704);
  auto end = pkg(id);
  EXPECT_EQ(end["remaining_sessions"], 0);
  EXPECT_EQ(end["remaining_credits"], 0);
  EXPECT_EQ(end["status"], "exhausted");
  // processed twice → 409; an exhausted package cannot be booked
  auto again = call("owner1", "POST", path("/api/v1/sessions/", s[0], "complete/"));
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(json::parse(again.body)["detail"], "예약된 세션만 처리할 수 있습니다.");
  EXPECT_EQ(call("owner1", "POST", "/api/v1/sessions/", {{"package", id}, {"session_date", in_days(1)}}).status, 400);
  EXPECT_EQ(ok(call("owner1", "GET", path("/api/v1/packages/", id, "sessions/"))).size(), 11u);
}

TEST_F(PackagesApi, WorkedExample45TopUpAddsSessionsAndCredits) {
  auto c = client("예시사십오", "owner1");
  auto p = package("owner1", c, 1980000, 33, {{"session_price", 60000}});
  EXPECT_EQ(p["remaining_sessions"], 33);
  EXPECT_EQ(p["remaining_credits"], 1730700);
  auto r = ok(call("owner1", "POST", path("/api/v1/packages/", p["id"], "top-up/"),
                   {{"amount", 300000}, {"payment_method", "card"}}));
  auto after = r["package"];
  EXPECT_EQ(after["total_amount"], 2280000);
  EXPECT_EQ(after["total_sessions"], 38);
  EXPECT_EQ(after["remaining_sessions"], 38);
  EXPECT_EQ(after["remaining_credits"], 1992927);
  EXPECT_EQ(after["vat_amount"], 207273);
  EXPECT_EQ(after["card_fee_amount"], 79800);
  EXPECT_EQ(after["net_amount"], 1992927);
  EXPECT_EQ(r["payment"]["kind"], "top_up");
  EXPECT_EQ(r["payment"]["description"], "크레딧 충전");
  EXPECT_EQ(r["payment"]["net_amount"], 262227);
  EXPECT_EQ(count("SELECT count(*) FROM fee_audit_log WHERE calculation_type = 'top_up' AND package_id = " +
                  std::to_string(p["id"].get<int>())),
            1);
  // deactivated → refused with a non-field error, nothing recorded
  ok(call("owner1", "PATCH", path("/api/v1/packages/", p["id"]), {{"is_active", false}}));
  auto refused = call("owner1", "POST", path("/api/v1/packages/", p["id"], "top-up/"),
                      {{"amount", 300000}, {"payment_method", "cash"}});
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(json::parse(refused.body)["non_field_errors"][0], "비활성 패키지는 충전할 수 없습니다.");
  EXPECT_EQ(pkg(p["id"])["total_amount"], 2280000);
  EXPECT_EQ(pkg(p["id"])["status"], "inactive");
}

TEST_F(PackagesApi, WorkedExample46NoAvailableSessionRefusesTheBooking) {
  auto c = client("예시사십육", "owner1");
  auto p = package("owner1", c, 150000, 3);
  for (int i = 0; i < 3; ++i) book(p["id"]);
  EXPECT_EQ(pkg(p["id"])["available_sessions"], 0);
  EXPECT_EQ(pkg(p["id"])["scheduled_sessions"], 3);
  auto r = call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", in_days(2)}});
  ASSERT_EQ(r.status, 400);
  EXPECT_EQ(json::parse(r.body)["non_field_errors"][0], "선택한 패키지에 남은 세션이 없습니다.");
  auto en = call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", in_days(2)}},
                 {{"Accept-Language", "en"}});
  EXPECT_EQ(json::parse(en.body)["non_field_errors"][0], "The selected package has no sessions left.");
}

namespace {
// n threads, each its own connection, released together; returns the status codes.
std::vector<int> parallel_bookings(int port, const std::string& token, std::int64_t package, int n,
                                   const std::string& date) {
  std::vector<int> statuses(n);
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  std::string body = json{{"package", package}, {"session_date", date}}.dump();
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      ++ready;
      while (!go) std::this_thread::yield();
      statuses[i] = http_request(port, "POST", "/api/v1/sessions/", body, bearer(token)).status;
    });
  while (ready < n) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
  return statuses;
}
}  // namespace

TEST_F(PackagesApi, ParallelBookingsOnOneAvailableSessionGiveExactlyOne201) {
  auto c = client("동시예약", "owner1");
  auto p = package("owner1", c, 200000, 2);
  book(p["id"]);  // 2 remaining, 1 scheduled → 1 available
  auto statuses = parallel_bookings(server_->port(), tokens_["owner1"], p["id"], 24, in_days(3));
  int created = 0;
  for (int s : statuses) {
    if (s == 201) ++created;
    else EXPECT_TRUE(s == 400 || s == 409) << s;
  }
  EXPECT_EQ(created, 1);
  auto after = pkg(p["id"]);
  EXPECT_EQ(after["scheduled_sessions"], 2);
  EXPECT_EQ(after["available_sessions"], 0);
}

TEST_F(PackagesApi, TwoHundredParallelBookingsOnTenSessionsGiveExactlyTen) {
  auto c = client("이백예약", "owner1");
  auto p = package("owner1", c, 500000, 10);
  auto statuses = parallel_bookings(server_->port(), tokens_["owner1"], p["id"], 200, in_days(4));
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), 10);
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 400), 190);
  EXPECT_EQ(count("SELECT count(*) FROM sessions WHERE package_id = " + std::to_string(p["id"].get<int>())), 10);
  // the counter counts bookings made, not attempts (the other tests of this server book some too)
  auto metrics = server_->get("/metrics").body;
  auto at = metrics.find("\nthe5hc_sessions_booked_total ");
  ASSERT_NE(at, std::string::npos) << metrics.substr(0, 2000);
  EXPECT_GE(std::stod(metrics.substr(at + 30)), 10.0);
  EXPECT_LT(std::stod(metrics.substr(at + 30)), 200.0);
  // every booking was a write transaction, timed in the5hc_db_query_duration_seconds (OPERATIONS.md §8)
  auto writes = metrics.find("\nthe5hc_db_query_duration_seconds_count{kind=\"write\"} ");
  ASSERT_NE(writes, std::string::npos) << metrics.substr(0, 2000);
  EXPECT_GE(std::stod(metrics.substr(writes + 54)), 200.0);
  EXPECT_NE(metrics.find("\nthe5hc_db_query_duration_seconds_count{kind=\"read\"} "), std::string::npos);
}

TEST_F(PackagesApi, ValidationErrorsNameTheFields) {
  auto c = client("검증회원", "owner1");
  auto r = call("owner1", "POST", "/api/v1/packages/",
                {{"client", c}, {"total_amount", 0}, {"total_sessions", 0}, {"payment_method", "bitcoin"}, {"x", 1}});
  ASSERT_EQ(r.status, 400);
  auto e = json::parse(r.body);
  EXPECT_TRUE(e.contains("package_name"));
  EXPECT_TRUE(e.contains("total_sessions"));
  EXPECT_EQ(e["payment_method"][0], "\"bitcoin\"이(가) 유효하지 않은 선택입니다.");
  EXPECT_EQ(e["x"][0], "허용되지 않는 필드입니다.");
  auto amount = call("owner1", "POST", "/api/v1/packages/",
                     {{"client", c}, {"package_name", "P"}, {"total_amount", 0}, {"total_sessions", 5}});
  EXPECT_TRUE(json::parse(amount.body).contains("total_amount")) << amount.body;
  auto future = call("owner1", "POST", "/api/v1/packages/",
                     {{"client", c}, {"package_name", "P"}, {"total_amount", 1000}, {"total_sessions", 1},
                      {"payment_date", in_days(1)}});
  EXPECT_EQ(json::parse(future.body)["payment_date"][0], "결제일은 미래일 수 없습니다.");
  auto missing_client = call("owner1", "POST", "/api/v1/packages/",
                             {{"client", 999999}, {"package_name", "P"}, {"total_amount", 1000}, {"total_sessions", 1}});
  EXPECT_EQ(json::parse(missing_client.body)["client"][0], "유효하지 않은 pk \"999999\" - 객체가 존재하지 않습니다.");

  auto p = package("owner1", c, 100000, 2);
  auto past = call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", in_days(-1)}});
  EXPECT_EQ(json::parse(past.body)["session_date"][0], "세션 날짜는 과거일 수 없습니다.");
  auto fields = call("owner1", "POST", "/api/v1/sessions/",
                     {{"package", p["id"]}, {"session_date", in_days(1)}, {"session_duration", 10},
                      {"session_time", "25:00"}});
  auto fe = json::parse(fields.body);
  EXPECT_TRUE(fe.contains("session_duration") && fe.contains("session_time")) << fields.body;
  auto other = client("다른회원", "owner1");
  auto mismatch = call("owner1", "POST", "/api/v1/sessions/",
                       {{"package", p["id"]}, {"client", other}, {"session_date", in_days(1)}});
  EXPECT_EQ(json::parse(mismatch.body)["client"][0], "선택한 패키지는 이 회원의 패키지가 아닙니다.");
  auto bad_date = call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", "tomorrow"}});
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/sessions/?start_date=2025-13-01").status, 400);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/sessions/calendar/?month=13").status, 400);
  auto del = call("owner1", "DELETE", path("/api/v1/packages/", p["id"]));
  EXPECT_EQ(del.status, 405);
  EXPECT_EQ(json::parse(del.body)["detail"], "패키지는 삭제할 수 없습니다. 비활성화하세요.");
}

TEST_F(PackagesApi, UpdatesChangeOnlyNameNotesAndActivity) {
  auto c = client("수정회원", "owner1");
  auto p = package("owner1", c, 100000, 2);
  auto patched = ok(call("owner1", "PATCH", path("/api/v1/packages/", p["id"]),
                         {{"package_name", "새 이름"}, {"notes", "메모"}, {"remaining_sessions", 99}}));
  EXPECT_EQ(patched["package_name"], "새 이름");
  EXPECT_EQ(patched["notes"], "메모");
  EXPECT_EQ(patched["remaining_sessions"], 2);
  auto put = ok(call("owner1", "PUT", path("/api/v1/packages/", p["id"]), patched));
  EXPECT_EQ(put["notes"], "메모");
  EXPECT_EQ(call("owner1", "PUT", path("/api/v1/packages/", p["id"]), {{"notes", "x"}}).status, 400);
  EXPECT_GE(count("SELECT count(*) FROM audit_log WHERE action = 'package_updated'"), 1);
  ok(call("owner1", "PATCH", path("/api/v1/packages/", p["id"]), {{"is_active", false}}));
  auto inactive = call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", in_days(1)}});
  EXPECT_EQ(json::parse(inactive.body)["non_field_errors"][0], "비활성 패키지에는 세션을 예약할 수 없습니다.");
}

TEST_F(PackagesApi, SessionsCanBeRescheduledWhileScheduledOnly) {
  auto c = client("일정회원", "owner1");
  auto p = package("owner1", c, 100000, 2);
  auto s = book(p["id"]);
  auto moved = ok(call("owner1", "PATCH", path("/api/v1/sessions/", s["id"]),
                       {{"session_date", in_days(5)}, {"session_time", "09:30"}, {"session_duration", 90}}));
  EXPECT_EQ(moved["session_date"], in_days(5));
  EXPECT_EQ(moved["session_time"], "09:30");
  EXPECT_EQ(moved["session_duration"], 90);
  EXPECT_EQ(call("owner1", "PATCH", path("/api/v1/sessions/", s["id"]), {{"session_date", in_days(-3)}}).status, 400);
  ok(call("owner1", "POST", path("/api/v1/sessions/", s["id"], "cancel/")));
  EXPECT_EQ(call("owner1", "PATCH", path("/api/v1/sessions/", s["id"]), {{"notes", "x"}}).status, 409);
  EXPECT_EQ(call("owner1", "DELETE", path("/api/v1/sessions/", s["id"])).status, 405);
}

TEST_F(PackagesApi, ListsFilterSearchAndOrder) {
  auto c = client("검색대상회원", "owner1");
  auto a = package("owner1", c, 300000, 3, {{"package_name", "알파 패키지"}});
  auto b = package("owner1", c, 100000, 1, {{"package_name", "베타 패키지"}});
  auto list = ok(call("owner1", "GET", "/api/v1/packages/?client=" + std::to_string(c) + "&ordering=total_amount"));
  ASSERT_EQ(list["count"], 2);
  EXPECT_EQ(list["results"][0]["id"], b["id"]);
  auto search = ok(call("owner1", "GET", "/api/v1/packages/?search=%EC%95%8C%ED%8C%8C"));  // 알파
  ASSERT_EQ(search["count"], 1);
  EXPECT_EQ(search["results"][0]["id"], a["id"]);
  ok(call("owner1", "POST", path("/api/v1/sessions/", book(b["id"])["id"], "complete/")));
  auto exhausted = ok(call("owner1", "GET", "/api/v1/packages/?status=exhausted&client=" + std::to_string(c)));
  ASSERT_EQ(exhausted["count"], 1);
  EXPECT_EQ(exhausted["results"][0]["id"], b["id"]);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/packages/?status=gone").status, 400);
  auto sessions = ok(call("owner1", "GET", "/api/v1/sessions/?status=completed&client=" + std::to_string(c)));
  EXPECT_EQ(sessions["count"], 1);
  EXPECT_EQ(sessions["results"][0]["package_summary"]["remaining_sessions"], 0);
  auto page = ok(call("owner1", "GET", "/api/v1/packages/?page_size=1"));
  EXPECT_FALSE(page["next"].is_null());
}

TEST_F(PackagesApi, CalendarGroupsTheMonthByDay) {
  auto c = client("달력회원", "owner1");
  auto p = package("owner1", c, 300000, 3);
  auto day = in_days(1);
  ok(call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", day}, {"session_time", "10:00"}}), 201);
  ok(call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", day}}), 201);
  auto date = the5hc::parse_date(day);
  auto cal = ok(call("owner1", "GET", "/api/v1/sessions/calendar/?year=" + std::to_string(date->year) +
                                          "&month=" + std::to_string(date->month)));
  ASSERT_TRUE(cal.contains(day)) << cal;
  std::vector<json> mine;
  for (auto& e : cal[day]) if (e["client"] == c) mine.push_back(e);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_TRUE(mine[0]["session_time"].is_null());
  EXPECT_EQ(mine[1]["session_time"], "10:00");
  EXPECT_EQ(mine[1]["client_name"], "달력회원");
}

TEST_F(PackagesApi, PaymentsRecordListSummarizeAndDelete) {
  auto c = client("결제회원", "owner1");
  auto p = package("owner1", c, 300000, 3, {{"payment_method", "cash"}});
  auto y = ok(call("owner1", "POST", "/api/v1/payments/",
                   {{"client", c}, {"amount", 12345}, {"payment_method", "card"}, {"description", "운동복"}}),
              201);
  EXPECT_EQ(y["kind"], "other");
  EXPECT_EQ(y["vat_amount"], 1122);
  EXPECT_EQ(y["card_fee_amount"], 432);
  EXPECT_EQ(y["net_amount"], 10791);
  EXPECT_EQ(y["payment_method_display"], "카드");
  EXPECT_EQ(pkg(p["id"])["remaining_credits"], 272727);
  EXPECT_EQ(count("SELECT count(*) FROM fee_audit_log WHERE calculation_type = 'payment' AND payment_id = " +
                  std::to_string(y["id"].get<int>())),
            1);
  auto list = ok(call("owner1", "GET", "/api/v1/payments/?client=" + std::to_string(c) + "&ordering=amount"));
  ASSERT_EQ(list["count"], 2);
  EXPECT_EQ(list["results"][0]["amount"], 12345);
  EXPECT_EQ(ok(call("owner1", "GET", "/api/v1/payments/?method=cash&client=" + std::to_string(c)))["count"], 1);
  auto sum = ok(call("owner1", "GET", "/api/v1/payments/summary/?client=" + std::to_string(c) + "&start_date=" +
                                          today() + "&end_date=" + today()));
  EXPECT_EQ(sum["total_amount"], 312345);
  EXPECT_EQ(sum["total_payments"], 2);
  EXPECT_EQ(sum["average_payment"], 156173);
  EXPECT_EQ(sum["total_net_amount"], 272727 + 10791);
  ASSERT_EQ(sum["by_method"].size(), 2u);
  EXPECT_EQ(sum["by_method"][0], (json{{"payment_method", "card"}, {"count", 1}, {"total", 12345}}));
  auto preview = ok(call("owner1", "GET", "/api/v1/payments/fee-preview/?amount=300000&payment_method=card"));
  EXPECT_EQ(preview["supply_amount"], 272727);
  EXPECT_EQ(preview["card_fee_amount"], 10500);
  EXPECT_EQ(call("owner1", "GET", "/api/v1/payments/fee-preview/?amount=abc&payment_method=card").status, 400);
  auto future = call("owner1", "POST", "/api/v1/payments/",
                     {{"client", c}, {"amount", 1}, {"payment_method", "cash"}, {"payment_date", in_days(1)}});
  EXPECT_EQ(json::parse(future.body)["payment_date"][0], "결제일은 미래일 수 없습니다.");
  auto purchase = list["results"][1]["id"].get<int>();
  EXPECT_EQ(call("owner1", "DELETE", path("/api/v1/payments/", purchase)).status, 409);
  EXPECT_EQ(call("trainer1", "DELETE", path("/api/v1/payments/", y["id"])).status, 404);  // not their client
  EXPECT_EQ(call("owner1", "PUT", path("/api/v1/payments/", y["id"]), y).status, 405);
  EXPECT_EQ(call("owner1", "DELETE", path("/api/v1/payments/", y["id"])).status, 204);
  EXPECT_EQ(call("owner1", "GET", path("/api/v1/payments/", y["id"])).status, 404);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'payment_deleted'"), 1);
}

TEST_F(PackagesApi, RolesAndOrganisationsScopeEverything) {
  auto mine = client("트레이너회원", "trainer1");
  auto theirs = client("원장회원", "owner1");
  auto p = package("trainer1", mine, 100000, 2);
  auto s = book(p["id"]);
  EXPECT_EQ(p["trainer"], trainer_of("trainer1"));
  // the owner hears of the trainer's sale (DOMAIN.md §10.2), in the reader's language
  bool notified = false;
  auto notifications = ok(call("owner1", "GET", "/api/v1/notifications/?page_size=100"));
  for (auto& n : notifications["results"])
    if (n["type"] == "payment_received" && n["message"] == "트레이너회원님 결제 ₩100,000 (카드)") notified = true;
  EXPECT_TRUE(notified) << notifications;
  // trainer: own clients only (others 404 / invalid pk), lists scoped
  auto owners = package("owner1", theirs, 100000, 2);
  EXPECT_EQ(call("trainer1", "GET", path("/api/v1/packages/", owners["id"])).status, 404);
  auto create = call("trainer1", "POST", "/api/v1/packages/",
                     {{"client", theirs}, {"package_name", "P"}, {"total_amount", 1000}, {"total_sessions", 1}});
  EXPECT_EQ(create.status, 400);
  EXPECT_TRUE(json::parse(create.body).contains("client"));
  auto visible = ok(call("trainer1", "GET", "/api/v1/packages/?page_size=100"));
  ASSERT_FALSE(visible["results"].empty()) << visible;  // at least the package sold to `mine` above
  for (auto& r : visible["results"]) EXPECT_EQ(r["client"], mine) << r;
  // assistant: 403 on every package, session and payment endpoint
  for (auto [method, url] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/v1/packages/"}, {"GET", path("/api/v1/packages/", p["id"])},
           {"POST", path("/api/v1/packages/", p["id"], "top-up/")}, {"GET", "/api/v1/sessions/"},
           {"GET", path("/api/v1/sessions/", s["id"])}, {"POST", path("/api/v1/sessions/", s["id"], "complete/")},
           {"GET", "/api/v1/sessions/calendar/"}, {"GET", "/api/v1/payments/"}, {"GET", "/api/v1/payments/summary/"}}) {
    auto r = call("assistant1", method, url, method == "POST" ? json::object() : json());
    EXPECT_EQ(r.status, 403) << method << " " << url << " " << r.body;
  }
  // another organisation: 404 on objects, empty lists
  EXPECT_EQ(call("owner2", "GET", path("/api/v1/packages/", p["id"])).status, 404);
  EXPECT_EQ(call("owner2", "GET", path("/api/v1/sessions/", s["id"])).status, 404);
  EXPECT_EQ(call("owner2", "POST", path("/api/v1/sessions/", s["id"], "complete/")).status, 404);
  EXPECT_EQ(call("owner2", "GET", path("/api/v1/packages/", p["id"], "payments/")).status, 404);
  EXPECT_EQ(ok(call("owner2", "GET", "/api/v1/packages/"))["count"], 0);
  EXPECT_EQ(ok(call("owner2", "GET", "/api/v1/payments/summary/"))["total_amount"], 0);
  EXPECT_EQ(call("owner2", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", in_days(1)}}).status,
            400);
  EXPECT_EQ(call("owner2", "GET", "/api/v1/packages/").status, 200);
}

TEST_F(PackagesApi, DashboardStatsCountWhatTheCallerSees) {
  auto before = ok(call("owner1", "GET", "/api/v1/users/dashboard_stats/"));
  ASSERT_EQ(before["weekly_sessions"].size(), 7u);
  ASSERT_EQ(before["monthly_revenue"].size(), 6u);
  EXPECT_EQ(before["monthly_revenue"][5]["month"], today().substr(0, 7));
  auto c = client("대시보드회원", "owner1");
  auto p = package("owner1", c, 300000, 3, {{"payment_method", "cash"}});
  auto s = book(p["id"], today());
  ok(call("owner1", "POST", path("/api/v1/sessions/", s["id"], "complete/")));
  auto after = ok(call("owner1", "GET", "/api/v1/users/dashboard_stats/"));
  EXPECT_EQ(after["total_clients"].get<int>() - before["total_clients"].get<int>(), 1);
  EXPECT_EQ(after["new_clients_this_month"].get<int>() - before["new_clients_this_month"].get<int>(), 1);
  EXPECT_EQ(after["active_clients"].get<int>() - before["active_clients"].get<int>(), 1);
  EXPECT_EQ(after["active_packages"].get<int>() - before["active_packages"].get<int>(), 1);
  EXPECT_EQ(after["total_package_sessions"].get<int>() - before["total_package_sessions"].get<int>(), 3);
  EXPECT_EQ(after["sessions_this_month"].get<int>() - before["sessions_this_month"].get<int>(), 1);
  EXPECT_EQ(after["completed_sessions_this_month"].get<int>() - before["completed_sessions_this_month"].get<int>(), 1);
  EXPECT_EQ(after["revenue_this_month"].get<int>() - before["revenue_this_month"].get<int>(), 300000);
  EXPECT_EQ(after["monthly_revenue"][5]["total"], after["revenue_this_month"]);
  EXPECT_EQ(after["weekly_sessions"][6]["count"].get<int>() - before["weekly_sessions"][6]["count"].get<int>(), 1);
  // assistants: counts of their own (no) clients, money and package figures null
  auto assistant = ok(call("assistant1", "GET", "/api/v1/users/dashboard_stats/"));
  EXPECT_EQ(assistant["total_clients"], 0);
  for (auto key : {"revenue_this_month", "revenue_last_month", "revenue_growth_percent", "active_packages",
                   "total_package_sessions", "monthly_revenue"})
    EXPECT_TRUE(assistant[key].is_null()) << key;
  // another organisation sees none of it
  auto other = ok(call("owner2", "GET", "/api/v1/users/dashboard_stats/"));
  EXPECT_EQ(other["total_clients"], 0);
  EXPECT_EQ(other["revenue_this_month"], 0);
}
