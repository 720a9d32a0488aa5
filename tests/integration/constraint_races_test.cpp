// Duplicates sent at the same moment (issue 10 item 4): a service's uniqueness pre-check and its insert are two
// statements, so on PostgreSQL parallel requests can all pass the check; the database then refuses all but one and
// store/constraints.cpp answers them with the pre-check's own 400 field error — never a 500. On SQLite writers are
// serialised and the pre-check itself answers; the outcome must be the same.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <latch>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "support/suite_server.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class ConstraintRaces : public SuiteFixture<ConstraintRaces> {
 public:
  static Env suite_env() {
    // The races are the subject here, not the pool bound: a loaded test machine must not turn them into 503s.
    return {{"THROTTLE_USER", "100000/hour"}, {"DB_POOL_TIMEOUT", "60"}, {"LOG_LEVEL", "info"}};
  }

 protected:
  static std::string token(const std::string& user, const std::vector<std::string>& create_args) {
    static std::map<std::string, std::string> tokens;  // by suite database and user (--gtest_repeat)
    std::string key = db_->url() + " " + user;
    if (!tokens.count(key)) {
      create_user(*db_, user, kSuitePassword, create_args);
      tokens[key] = login(server_->port(), user, kSuitePassword);
    }
    return tokens[key];
  }

  // Sends `n` copies of one request at once (each on its own connection) and returns the responses.
  static std::vector<HttpResponse> at_once(int n, const std::string& path, const json& body, const std::string& token) {
    std::vector<HttpResponse> out(static_cast<size_t>(n));
    std::latch start(n);
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
      threads.emplace_back([&, i] {
        start.arrive_and_wait();
        try {
          out[static_cast<size_t>(i)] = http_request(server_->port(), "POST", path, body.dump(), bearer(token));
        } catch (const std::exception& e) {
          out[static_cast<size_t>(i)].status = -1;
          out[static_cast<size_t>(i)].body = e.what();
        }
      });
    for (auto& t : threads) t.join();
    return out;
  }

  // Exactly one 201; every other answer 400 with `field` holding `message`.
  static void expect_one_created(const std::vector<HttpResponse>& replies, const std::string& field,
                                 const std::string& message) {
    int created = 0, refused = 0;
    for (const auto& r : replies) {
      if (r.status == 201) {
        ++created;
        continue;
      }
      EXPECT_EQ(r.status, 400) << r.body;
      auto body = json::parse(r.body, nullptr, false);
      ASSERT_TRUE(body.is_object()) << r.body;
      ASSERT_TRUE(body.contains(field)) << r.body;
      EXPECT_EQ(body[field], json::array({message})) << r.body;
      ++refused;
    }
    EXPECT_EQ(created, 1);
    EXPECT_EQ(refused, static_cast<int>(replies.size()) - 1);
    // How many the database refused past the pre-check (informative: the race is not deterministic). The server
    // log holds every request of the suite, so this counts the suite's refusals so far.
    std::string log = server_->output();
    int translated = 0;
    for (auto at = log.find("constraint violation answered"); at != std::string::npos;
         at = log.find("constraint violation answered", at + 1))
      ++translated;
    std::cout << "[ races    ] refused by the database so far: " << translated << "\n";
  }
};

TEST_F(ConstraintRaces, FortyClientsWithOneEmailGiveOneCreatedAndFieldErrors) {
  auto owner = token("race-owner", {"--create-organization", "Race Studio"});
  json client = {{"name", "경주회원"}, {"age", 30}, {"gender", "female"}, {"height", 165}, {"weight", 60},
                 {"email", "race@example.com"}};
  auto replies = at_once(40, "/api/v1/clients/", client, owner);
  expect_one_created(replies, "email", "이미 등록된 이메일입니다.");
  EXPECT_EQ(sql_->count("SELECT COUNT(*) FROM clients WHERE lower(email) = 'race@example.com'"), 1);
  EXPECT_EQ(server_->get("/healthz").status, 200);
}

TEST_F(ConstraintRaces, FortyOrganisationsWithOneSlugGiveOneCreatedAndFieldErrors) {
  auto root = token("race-root", {"--superuser"});
  auto replies = at_once(40, "/api/v1/organizations/", {{"name", "Race Twin"}, {"slug", "race-twin"}}, root);
  expect_one_created(replies, "slug", "이미 사용 중인 슬러그입니다.");
  EXPECT_EQ(sql_->count("SELECT COUNT(*) FROM organizations WHERE slug = 'race-twin'"), 1);
}

}  // namespace

namespace {

// A pool of one connection that is never waited for (DB_POOL_TIMEOUT=0): requests that find it taken are answered
// 503 with a JSON error and Retry-After at once — never a 500, never a thread hung on the pool.
class PoolExhaustion : public SuiteFixture<PoolExhaustion> {
 public:
  static Env suite_env() {
    return {{"THROTTLE_USER", "100000/hour"}, {"DB_POOL_SIZE", "1"}, {"DB_POOL_TIMEOUT", "0"}};
  }
};

TEST_F(PoolExhaustion, BusyPoolAnswers503JsonAtOnce) {
  create_user(*db_, "pool-owner", kSuitePassword, {"--create-organization", "Pool Studio"});
  std::string token;
  for (int attempt = 0; attempt < 20 && token.empty(); ++attempt) {  // the login itself may find the pool busy
    auto r = http_request(server_->port(), "POST", "/api/v1/auth/login/",
                          json({{"email_or_username", "pool-owner"}, {"password", kSuitePassword}}).dump());
    if (r.status == 200) token = json::parse(r.body).value("access", "");
  }
  ASSERT_FALSE(token.empty());
  const int n = 40;
  std::vector<HttpResponse> out(n);
  std::latch start(n);
  std::vector<std::thread> threads;
  auto began = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      out[static_cast<size_t>(i)] = http_request(server_->port(), "GET", "/api/v1/clients/", "", bearer(token));
    });
  for (auto& t : threads) t.join();
  EXPECT_LT(std::chrono::steady_clock::now() - began, std::chrono::seconds(60));
  int ok = 0, busy = 0;
  for (const auto& r : out) {
    if (r.status == 200) {
      ++ok;
      continue;
    }
    ASSERT_EQ(r.status, 503) << r.body;
    ++busy;
    EXPECT_EQ(r.header("retry-after"), "1");
    auto body = json::parse(r.body, nullptr, false);
    EXPECT_EQ(body, json({{"detail", "서버가 혼잡합니다. 잠시 후 다시 시도해주세요."}})) << r.body;
  }
  std::cout << "[ pool     ] " << ok << " answered, " << busy << " told the server is busy\n";
  EXPECT_GE(ok, 1);
  EXPECT_EQ(server_->get("/healthz").status, 200);
}

}  // namespace
