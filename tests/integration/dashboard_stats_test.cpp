// The personal dashboard's figures (API.md §3.8) pinned one by one on the selected engine (issue 11: they became two
// statements): records placed on each side of every boundary — the month's and the week's first instant in the
// studio's zone, the 30-day activity cut-off, cancelled sessions, the oldest week and month shown, package status —
// and seen as the owner, a trainer (their own clients only), an assistant (no money) and another studio's owner.
// Dates are moved with SQL where the API stamps "now"; the triggers of migration 0010 follow such moves.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <regex>
#include <vector>

#include "common/time.hpp"
#include "support/records.hpp"
#include "support/suite_server.hpp"
#include "support/web_browser.hpp"

using namespace the5hc::testing;
using the5hc::Date;
using nlohmann::json;

namespace {

constexpr const char* kZone = "Asia/Seoul";  // the studios' zone (the default)

class DashboardStats : public SuiteFixture<DashboardStats> {
 public:  // read by SuiteFixture
  static Env suite_env() { return {{"THROTTLE_USER", "100000/hour"}}; }

 protected:
  static void SetUpTestSuite() {
    SuiteFixture::SetUpTestSuite();
    const std::vector<std::pair<std::string, std::vector<std::string>>> users = {
        {"owner1", {"--create-organization", "Studio A"}},
        {"trainer1", {"--organization", "studio-a", "--role", "trainer"}},
        {"assistant1", {"--organization", "studio-a", "--role", "assistant"}},
        {"owner2", {"--create-organization", "Studio B"}}};
    for (const auto& [name, options] : users) {
      create_user(*db_, name, kSuitePassword, options);
      tokens_[name] = login(server_->port(), name, kSuitePassword);
    }
  }
  static void TearDownTestSuite() {
    SuiteFixture::TearDownTestSuite();
    tokens_.clear();
  }

  static json ok(const std::string& who, const std::string& method, const std::string& path,
                 const json& body = nullptr, int status = 200) {
    auto r = http_request(server_->port(), method, path, body.is_null() ? "" : body.dump(), bearer(tokens_[who]));
    EXPECT_EQ(r.status, status) << method << " " << path << " " << r.body;
    return r.body.empty() ? json() : json::parse(r.body);
  }
  static json stats(const std::string& who) { return ok(who, "GET", "/api/v1/users/dashboard_stats/"); }
  static std::string id(const json& j) { return std::to_string(j["id"].get<long long>()); }
  static long long trainer_of(const std::string& username) {
    return sql_->count("SELECT t.id FROM trainers t JOIN users u ON u.id = t.user_id WHERE u.username = '" +
                       username + "'");
  }
  // A client of `who`'s studio in the care of `trainer`, created at `created_at` (UTC; empty: now).
  static json client(const std::string& who, const std::string& name, const std::string& trainer,
                     const std::string& created_at = "") {
    auto c = ok(who, "POST", "/api/v1/clients/",
                {{"name", name}, {"age", 35}, {"gender", "male"}, {"height", 175}, {"weight", 70},
                 {"trainer", trainer_of(trainer)}}, 201);
    if (!created_at.empty()) sql_->exec("UPDATE clients SET created_at = '" + created_at + "' WHERE id = " + id(c));
    return c;
  }
  // An assessment dated `date` with overall score `score` (NAN: unscored).
  static void assessment(const std::string& who, const json& c, const Date& date, double score) {
    auto body = assessment_a_body(c["id"]);
    body["date"] = date.str();
    auto a = ok(who, "POST", "/api/v1/assessments/", body, 201);
    sql_->exec("UPDATE assessments SET overall_score = " + (std::isnan(score) ? "NULL" : std::to_string(score)) +
               " WHERE id = " + id(a));
  }
  // A package sold to `c`; its purchase payment dated `paid`.
  static json package(const std::string& who, const json& c, long long amount, int sessions, const Date& paid) {
    auto p = ok(who, "POST", "/api/v1/packages/",
                {{"client", c["id"]}, {"package_name", "PT"}, {"total_amount", amount}, {"total_sessions", sessions},
                 {"payment_method", "cash"}}, 201);
    sql_->exec("UPDATE payments SET payment_date = '" + paid.str() + "' WHERE package_id = " + id(p));
    return p;
  }
  // A session of package `p` dated `date`, then completed, cancelled or left scheduled.
  static void session(const json& p, const Date& date, const std::string& outcome) {
    auto s = ok("owner1", "POST", "/api/v1/sessions/",
                {{"package", p["id"]}, {"session_date", the5hc::add_days(today(), 1).str()}}, 201);
    sql_->exec("UPDATE sessions SET session_date = '" + date.str() + "' WHERE id = " + id(s));
    if (outcome != "scheduled") ok("owner1", "POST", "/api/v1/sessions/" + id(s) + "/" + outcome + "/", json::object());
  }
  static Date today() { return the5hc::local_date(std::chrono::system_clock::now(), kZone); }
  static std::string at(const Date& d, int seconds = 0) {
    return the5hc::format_timestamp(the5hc::start_of_day(d, kZone) + std::chrono::seconds(seconds));
  }

  static inline std::map<std::string, std::string> tokens_;
};

Date month_start(const Date& d) { return {d.year, d.month, 1}; }
Date shift_months(const Date& first, int n) {
  int index = first.year * 12 + (first.month - 1) + n;
  return {index / 12, index % 12 + 1, 1};
}
bool within(const Date& d, const Date& from, const Date& to) { return d.str() >= from.str() && d.str() <= to.str(); }

}  // namespace

TEST_F(DashboardStats, EachFigureCountsWhatFallsInsideItsBoundariesAndScope) {
  using the5hc::add_days;
  const Date t = today(), month = month_start(t), month_end = add_days(shift_months(month, 1), -1);
  const Date monday = add_days(t, 1 - static_cast<int>(std::chrono::weekday(the5hc::to_sys_days(t)).iso_encoding()));
  const Date last_month_day = add_days(month, -1), oldest_week = add_days(monday, -42);
  const std::string now = the5hc::format_timestamp(std::chrono::system_clock::now());

  // Clients: on and just before the month's and the week's first instant; two in trainer1's care.
  struct Made {
    std::string created_at;
    bool trainer1;
  };
  const std::vector<Made> made = {{at(month), true}, {at(month, -1), false}, {at(monday), true},
                                  {at(monday, -1), false}, {now, false}};
  auto c_month = client("owner1", "월초회원", "trainer1", made[0].created_at);
  auto c_before_month = client("owner1", "월전회원", "owner1", made[1].created_at);
  auto c_week = client("owner1", "주초회원", "trainer1", made[2].created_at);
  auto c_before_week = client("owner1", "주전회원", "owner1", made[3].created_at);
  auto c_today = client("owner1", "오늘회원", "owner1");
  auto c_other = client("owner2", "다른스튜디오회원", "owner2");
  auto in_month = [&](bool only_trainer1) {
    long long n = 0;
    for (const auto& m : made) n += (!only_trainer1 || m.trainer1) && m.created_at >= at(month) &&
                                    m.created_at < at(shift_months(month, 1));
    return n;
  };
  auto in_week = [&](bool only_trainer1) {
    long long n = 0;
    for (const auto& m : made) n += (!only_trainer1 || m.trainer1) && m.created_at >= at(monday);
    return n;
  };

  // Assessments: activity on (active) and one day past (inactive) the 30-day cut-off; this month's first day and
  // the last day before it; one unscored.
  struct Scored {
    Date date;
    double score;
    bool trainer1;
  };
  const std::vector<Scored> scored = {{add_days(t, -30), 70.0, true}, {add_days(t, -31), 90.0, false},
                                      {month, 81.5, false}, {last_month_day, 50.0, false}, {t, NAN, true}};
  assessment("owner1", c_month, scored[0].date, scored[0].score);
  assessment("owner1", c_before_month, scored[1].date, scored[1].score);
  assessment("owner1", c_today, scored[2].date, scored[2].score);
  assessment("owner1", c_today, scored[3].date, scored[3].score);
  assessment("owner1", c_week, scored[4].date, scored[4].score);
  assessment("owner2", c_other, t, 60.0);
  // c_today's assessments: this month's first day is at most 30 days ago only when today is on or before the 31st
  // day after it — always, as months have at most 31 days — so c_today is active through them.

  // Packages: running (trainer1's client), deactivated and used up (both after their bookings below), and one paid
  // before the six months shown.
  const Date six_months_ago = shift_months(month, -5), before_six = add_days(six_months_ago, -1);
  auto p_running = package("owner1", c_week, 300000, 10, t);
  auto p_inactive = package("owner1", c_before_week, 200000, 5, last_month_day);
  auto p_used = package("owner1", c_today, 100000, 4, six_months_ago);
  package("owner1", c_today, 50000, 2, before_six);
  package("owner2", c_other, 70000, 1, t);
  // Sessions: this month's first day and the day before, cancelled ones, the oldest week shown and the day before,
  // and a booking ahead (which makes c_before_week active).
  struct Booked {
    Date date;
    std::string outcome;
    bool trainer1;
  };
  const std::vector<Booked> booked = {{month, "complete", true},          {last_month_day, "complete", true},
                                      {t, "cancel", true},                {t, "scheduled", true},
                                      {oldest_week, "complete", true},    {add_days(oldest_week, -1), "complete", true},
                                      {add_days(t, 5), "scheduled", false}, {add_days(t, -1), "cancel", false}};
  for (const auto& b : booked) session(b.trainer1 ? p_running : b.date == add_days(t, 5) ? p_inactive : p_used,
                                       b.date, b.outcome);
  sql_->exec("UPDATE session_packages SET is_active = 0 WHERE id = " + id(p_inactive));
  sql_->exec("UPDATE session_packages SET remaining_sessions = 0 WHERE id = " + id(p_used));

  auto expect_figures = [&](const std::string& who, bool only_trainer1) {
    SCOPED_TRACE(who);
    auto s = stats(who);
    EXPECT_EQ(s["total_clients"], only_trainer1 ? 2 : 5);
    EXPECT_EQ(s["new_clients_this_month"], in_month(only_trainer1));
    // active: c_month (assessment 30 days ago), c_week (today's assessment), c_today (this month's), and for the
    // owner c_before_week (a booking ahead); not c_before_month (31 days ago)
    EXPECT_EQ(s["active_clients"], only_trainer1 ? 2 : 4);
    long long month_count = 0, month_scored = 0;
    double month_sum = 0;
    for (const auto& a : scored) {
      if (only_trainer1 && !a.trainer1) continue;
      if (!within(a.date, month, month_end)) continue;
      ++month_count;
      if (!std::isnan(a.score)) ++month_scored, month_sum += a.score;
    }
    EXPECT_EQ(s["total_assessments"], only_trainer1 ? 2 : 5);
    EXPECT_EQ(s["assessments_this_month"], month_count);
    if (month_scored == 0) EXPECT_TRUE(s["average_overall_this_month"].is_null()) << s;
    else EXPECT_NEAR(s["average_overall_this_month"].get<double>(), std::round(month_sum / month_scored * 10) / 10, 1e-9);
    long long in_month_sessions = 0, completed = 0;
    std::vector<long long> weeks(7, 0);
    for (const auto& b : booked) {
      if ((only_trainer1 && !b.trainer1) || b.outcome == "cancel") continue;
      if (within(b.date, month, month_end)) in_month_sessions++, completed += b.outcome == "complete";
      for (int i = 0; i < 7; ++i) weeks[i] += within(b.date, add_days(oldest_week, 7 * i), add_days(oldest_week, 7 * i + 6));
    }
    EXPECT_EQ(s["sessions_this_month"], in_month_sessions);
    EXPECT_EQ(s["completed_sessions_this_month"], completed);
    ASSERT_EQ(s["weekly_sessions"].size(), 7u);
    for (int i = 0; i < 7; ++i) {
      EXPECT_EQ(s["weekly_sessions"][i]["week_start"], add_days(oldest_week, 7 * i).str());
      EXPECT_EQ(s["weekly_sessions"][i]["count"], weeks[i]) << "week " << i;
    }
    EXPECT_EQ(weeks[0], 1) << "the oldest week counts its Monday, not the Sunday before";
    // money: the running package and the one paid long ago are active (trainer1 sees the first); paid as placed
    EXPECT_EQ(s["active_packages"], only_trainer1 ? 1 : 2);
    EXPECT_EQ(s["total_package_sessions"], only_trainer1 ? 10 : 12);
    EXPECT_EQ(s["revenue_this_month"], 300000);
    EXPECT_EQ(s["revenue_last_month"], only_trainer1 ? 0 : 200000);
    if (only_trainer1) EXPECT_TRUE(s["revenue_growth_percent"].is_null());
    else EXPECT_EQ(s["revenue_growth_percent"], 50.0);
    ASSERT_EQ(s["monthly_revenue"].size(), 6u);
    EXPECT_EQ(s["monthly_revenue"][0]["month"], six_months_ago.str().substr(0, 7));
    const std::vector<long long> revenue = only_trainer1 ? std::vector<long long>{0, 0, 0, 0, 0, 300000}
                                                         : std::vector<long long>{100000, 0, 0, 0, 200000, 300000};
    for (int i = 0; i < 6; ++i) EXPECT_EQ(s["monthly_revenue"][i]["total"], revenue[i]) << "month " << i;
  };
  expect_figures("owner1", false);
  expect_figures("trainer1", true);

  // An assistant counts their own (no) clients and sees no money; another studio sees only its own.
  auto assistant = stats("assistant1");
  EXPECT_EQ(assistant["total_clients"], 0);
  EXPECT_EQ(assistant["active_clients"], 0);
  EXPECT_EQ(assistant["total_assessments"], 0);
  EXPECT_TRUE(assistant["monthly_revenue"].is_null());
  auto other = stats("owner2");
  EXPECT_EQ(other["total_clients"], 1);
  EXPECT_EQ(other["new_clients_this_month"], 1);
  EXPECT_EQ(other["active_clients"], 1);
  EXPECT_EQ(other["total_assessments"], 1);
  EXPECT_EQ(other["assessments_this_month"], 1);
  EXPECT_EQ(other["average_overall_this_month"], 60.0);
  EXPECT_EQ(other["active_packages"], 1);
  EXPECT_EQ(other["revenue_this_month"], 70000);

  // The web dashboard's package sales (every package sold: 650,000 over 4) and recent activity (the newest first;
  // a trainer's only of their clients, an assistant's without payments).
  // Also the clients created this week, which only the page shows.
  auto this_week = [](const std::string& page) {
    std::smatch m;
    EXPECT_TRUE(std::regex_search(page, m, std::regex("<dt>이번 주</dt><dd>([0-9]+)"))) << page;
    return m.empty() ? -1LL : std::stoll(m[1].str());
  };
  auto owner_page = sign_in_browser(server_->port(), "owner1", kSuitePassword).request("GET", "/").body;
  EXPECT_NE(owner_page.find("₩650,000"), std::string::npos);
  EXPECT_NE(owner_page.find("₩162,500"), std::string::npos);
  EXPECT_EQ(this_week(owner_page), in_week(false));
  auto trainer_page = sign_in_browser(server_->port(), "trainer1", kSuitePassword).request("GET", "/").body;
  EXPECT_EQ(this_week(trainer_page), in_week(true));
  for (const char* name : {"주초회원", "월초회원"}) EXPECT_NE(trainer_page.find(name), std::string::npos) << name;
  for (const char* name : {"오늘회원", "주전회원", "월전회원", "다른스튜디오회원"})
    EXPECT_EQ(trainer_page.find(name), std::string::npos) << name;
}
