// Several nodes (OPERATIONS.md §3, API.md §1.7): rate-limit counters shared through a real Redis (redis-server on
// loopback) with the per-process fallback while it is down, and two `the5hc serve` nodes on one PostgreSQL behind
// nginx: tokens and web sessions work on either node, throttling counts across both, and a rolling restart under
// a steady request stream loses no request. Skipped where redis-server or nginx is not installed.
#include <gtest/gtest.h>
#include <signal.h>

#include <Poco/URI.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "auth/rate_limiter.hpp"
#include "auth/redis_counters.hpp"
#include "common/error.hpp"
#include "support/daemon.hpp"
#include "support/harness.hpp"
#include "support/sql_probe.hpp"
#include "support/suite_server.hpp"

using namespace the5hc;
using namespace the5hc::testing;

namespace {

const std::string kPassword = "Studio-pass-77";

std::unique_ptr<Daemon> start_redis(const std::string& dir, int port) {
  auto bin = find_program("redis-server");
  if (bin.empty()) return nullptr;
  auto redis = std::make_unique<Daemon>(
      std::vector<std::string>{bin, "--port", std::to_string(port), "--bind", "127.0.0.1", "--save", "",
                               "--appendonly", "no", "--dir", dir},
      Env{}, dir, dir + "/redis-" + std::to_string(port) + ".log");
  if (!wait_for_port(port, 10000)) throw std::runtime_error("redis-server did not start: " + redis->output());
  return redis;
}

std::unique_ptr<auth::RedisCounters> counters(int port) {
  return std::make_unique<auth::RedisCounters>(auth::parse_redis_url("redis://127.0.0.1:" + std::to_string(port) + "/0"));
}

}  // namespace

TEST(RedisUrl, HostPortPasswordAndDatabase) {
  auto a = auth::parse_redis_url("redis://:s3cret@cache.internal:6380/2");
  EXPECT_EQ(a.host, "cache.internal");
  EXPECT_EQ(a.port, 6380);
  EXPECT_EQ(a.password, "s3cret");
  EXPECT_EQ(a.db, 2);
  auto b = auth::parse_redis_url("redis://[::1]");
  EXPECT_EQ(b.host, "::1");
  EXPECT_EQ(b.port, 6379);
  EXPECT_EQ(b.db, 0);
  for (const char* bad : {"http://x", "redis://host:0", "redis://host:port", "redis://host/x", "redis://"})
    EXPECT_THROW(auth::parse_redis_url(bad), the5hc::Error) << bad;
}

TEST(SharedCounters, TwoLimitersCountTogetherInRedisAsOneLimiterWould) {
  TestDatabase scratch;  // only for its directory
  int port = free_port();
  auto redis = start_redis(scratch.dir(), port);
  if (!redis) GTEST_SKIP() << "redis-server is not installed";
  auth::RateLimiter a, b, alone;
  a.share_through(counters(port));
  b.share_through(counters(port));
  const Rate rate{5, 60};
  auto t = TimePoint{std::chrono::seconds{1'750'000'000}} + std::chrono::seconds(30);
  for (int i = 0; i < 12; ++i) {
    auto now = t + std::chrono::seconds(i * 3);
    auto shared = (i % 2 ? a : b).hit("login:198.51.100.4", rate, now);
    auto local = alone.hit("login:198.51.100.4", rate, now);
    EXPECT_EQ(shared.allowed, local.allowed) << "hit " << i;
    EXPECT_EQ(shared.retry_after, local.retry_after) << "hit " << i;
  }
  EXPECT_EQ(a.size(), 0u);  // nothing was counted in the processes themselves
}

TEST(SharedCounters, WhileRedisIsDownEachProcessCountsAloneAndNothingFails) {
  TestDatabase scratch;
  int port = free_port();  // nothing listens there yet
  auth::RateLimiter limiter;
  limiter.share_through(counters(port));
  const Rate rate{2, 3600};
  auto now = std::chrono::system_clock::now();
  auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(limiter.hit("anon:a", rate, now).allowed);
  EXPECT_TRUE(limiter.hit("anon:a", rate, now).allowed);
  EXPECT_FALSE(limiter.hit("anon:a", rate, now).allowed);  // counted here
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(limiter.size(), 1u);

  auto redis = start_redis(scratch.dir(), port);
  if (!redis) GTEST_SKIP() << "redis-server is not installed";
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the pause after a failed connection
  EXPECT_TRUE(limiter.hit("anon:b", rate, now).allowed);
  EXPECT_EQ(limiter.size(), 1u);  // anon:b went to Redis
}

namespace {

// `the5hc serve` on a fixed port, so that a restarted node comes back where nginx expects it.
class Node {
 public:
  Node(const Env& env, const std::string& dir, int port) : env_(env), dir_(dir), port_(port) { start(); }
  void start() {
    process_ = std::make_unique<Daemon>(
        std::vector<std::string>{THE5HC_BINARY, "serve", "--host", "127.0.0.1", "--port", std::to_string(port_)}, env_,
        dir_, dir_ + "/node-" + std::to_string(port_) + ".log");
    for (int i = 0; i < 600; ++i) {
      try {
        if (http_request(port_, "GET", "/readyz").status == 200) return;
      } catch (...) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    throw std::runtime_error("node did not become ready: " + process_->output());
  }
  int stop() {
    process_->signal(SIGTERM);
    return process_->wait(30000);
  }
  int port() const { return port_; }

 private:
  Env env_;
  std::string dir_;
  int port_;
  std::unique_ptr<Daemon> process_;
};

std::string nginx_config(const std::string& dir, int listen, int a, int b) {
  return "daemon off;\npid " + dir + "/nginx.pid;\nerror_log " + dir + "/nginx-error.log;\nevents {}\nhttp {\n"
         "  access_log off;\n"
         "  upstream the5hc {\n    server 127.0.0.1:" + std::to_string(a) + " max_fails=0;\n    server 127.0.0.1:" +
         std::to_string(b) + " max_fails=0;\n    keepalive 16;\n  }\n"
         "  server {\n    listen 127.0.0.1:" + std::to_string(listen) + ";\n"
         "    proxy_http_version 1.1;\n    proxy_set_header Connection \"\";\n    proxy_set_header Host $host;\n"
         "    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
         "    proxy_set_header X-Forwarded-Proto $scheme;\n    proxy_set_header X-Request-ID $request_id;\n"
         "    proxy_next_upstream error timeout http_503;\n"
         "    location / { proxy_pass http://the5hc; }\n  }\n}\n";
}

}  // namespace

TEST(SeveralNodes, TwoNodesOnOnePostgresBehindNginxShareSessionsAndCountersAndRestartWithoutLosingARequest) {
  TestDatabase db;
  if (!db.postgres()) GTEST_SKIP() << "several nodes need PostgreSQL";
  auto nginx_bin = find_program("nginx");
  if (nginx_bin.empty() || find_program("redis-server").empty()) GTEST_SKIP() << "nginx or redis-server missing";
  int redis_port = free_port();
  auto redis = start_redis(db.dir(), redis_port);

  Env env = base_env(db);
  env["REDIS_URL"] = "redis://127.0.0.1:" + std::to_string(redis_port) + "/0";
  env["LOGIN_RATE_LIMIT"] = "4/hour";
  env["THROTTLE_USER"] = "1000000/hour";
  env["SHUTDOWN_TIMEOUT"] = "10";
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  create_user(db, "owner", kPassword, {"--create-organization", "Two Node Studio"});
  Node a(env, db.dir(), free_port());
  Node b(env, db.dir(), free_port());
  int proxy = free_port();
  std::ofstream(db.dir() + "/nginx.conf") << nginx_config(db.dir(), proxy, a.port(), b.port());
  Daemon nginx({nginx_bin, "-c", db.dir() + "/nginx.conf", "-p", db.dir()}, Env{}, db.dir(), db.dir() + "/nginx.log");
  ASSERT_TRUE(wait_for_port(proxy, 10000)) << nginx.output();

  // A token issued by one node is good on the other.
  auto token = login(a.port(), "owner", kPassword);
  EXPECT_EQ(http_request(b.port(), "GET", "/api/v1/users/me/", "", bearer(token)).status, 200);

  // A web session started on one node is served by either.
  auto page = http_request(a.port(), "GET", "/accounts/login/");
  ASSERT_EQ(page.status, 200);
  std::string form = "csrfmiddlewaretoken=" + [&] {
    std::string e;
    Poco::URI::encode(form_csrf_token(page.body), "&=+", e);
    return e;
  }() + "&email_or_username=owner&password=" + kPassword;
  auto signed_in = http_request(a.port(), "POST", "/accounts/login/", form,
                                {{"Cookie", "csrftoken=" + cookie_value(page, "csrftoken")},
                                 {"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  std::map<std::string, std::string> session{{"Cookie", "sessionid=" + cookie_value(signed_in, "sessionid")}};
  EXPECT_EQ(http_request(b.port(), "GET", "/clients/", "", session).status, 200);
  EXPECT_EQ(http_request(a.port(), "GET", "/clients/", "", session).status, 200);

  // The login limit (4 per hour and client IP) counts attempts on both nodes together.
  std::vector<int> statuses;
  for (int i = 0; i < 6; ++i)
    statuses.push_back(http_request(i % 2 ? a.port() : b.port(), "POST", "/api/v1/auth/login/",
                                    R"({"email_or_username": "owner", "password": "wrong-password-1"})",
                                    {{"X-Forwarded-For", "203.0.113.7"}})
                           .status);
  EXPECT_EQ(statuses, (std::vector<int>{401, 401, 401, 401, 429, 429}));

  // Rolling restart under a steady stream through nginx: not one request may fail.
  std::atomic<bool> stop{false};
  std::atomic<int> ok{0}, failed{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c)
    clients.emplace_back([&] {
      while (!stop) {
        try {
          auto r = http_request(proxy, "GET", "/api/v1/clients/", "", bearer(token));
          (r.status >= 200 && r.status < 300 ? ok : failed)++;
        } catch (...) {
          failed++;
        }
      }
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (Node* node : {&a, &b}) {
    EXPECT_EQ(node->stop(), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // requests meet the stopped node meanwhile
    node->start();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  stop = true;
  for (auto& t : clients) t.join();
  EXPECT_EQ(failed, 0) << "of " << (ok + failed) << " requests";
  EXPECT_GT(ok, 50);
}

TEST(Readiness, AnswersWithinTwoSecondsWhileTheDatabaseHangs) {
  TestDatabase db;
  if (!db.postgres()) GTEST_SKIP() << "needs a database server whose connection can hang";
  ServerProcess server(base_env(db), db.dir());
  ASSERT_EQ(server.get("/readyz").status, 200);
  SqlProbe sql(db);
  // Freeze the server's own database connections (their PostgreSQL backend processes).
  std::string pids = sql.text(
      "SELECT string_agg(pid::text, ' ') FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
      "pg_backend_pid()");
  std::vector<int> frozen;
  std::stringstream list(pids);
  for (int pid; list >> pid;) frozen.push_back(pid);
  ASSERT_FALSE(frozen.empty());
  for (int pid : frozen) kill(pid, SIGSTOP);
  auto started = std::chrono::steady_clock::now();
  auto hung = server.get("/readyz");
  auto waited = std::chrono::steady_clock::now() - started;
  auto again = server.get("/readyz");  // the first check is still stuck: answered at once
  for (int pid : frozen) kill(pid, SIGCONT);
  EXPECT_EQ(hung.status, 503) << hung.body;
  EXPECT_NE(hung.body.find("unreachable"), std::string::npos) << hung.body;
  EXPECT_LT(waited, std::chrono::milliseconds(2800));
  EXPECT_EQ(again.status, 503);
  for (int i = 0; i < 100 && server.get("/readyz").status != 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(server.get("/readyz").status, 200);
}
