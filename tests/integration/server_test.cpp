// The real `the5hc serve` over loopback sockets, on the selected engine.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "support/harness.hpp"

using namespace the5hc::testing;

namespace {

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = base_env(db_);
    ASSERT_EQ(run_the5hc({"migrate"}, env_, db_.dir()).exit_code, 0);
    server_ = std::make_unique<ServerProcess>(env_, db_.dir());
  }
  TestDatabase db_;
  Env env_;
  std::unique_ptr<ServerProcess> server_;
};

int connect_to(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Whether something accepts connections on 127.0.0.2:port. A socket bound to 127.0.0.1 does not accept connections
// addressed to another loopback address; one bound to 0.0.0.0 (every interface) does.
bool reachable_on_127_0_0_2(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.2", &addr.sin_addr);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// The "listening on" line of a started server (printed just after it starts answering).
std::string listening_line(const ServerProcess& server) {
  for (int i = 0; i < 100; ++i) {
    auto out = server.output();
    auto at = out.find("The5HC listening on ");
    if (at != std::string::npos && out.find('\n', at) != std::string::npos)
      return out.substr(at, out.find('\n', at) - at);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return "";
}

std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  return out;
}

}  // namespace

TEST_F(ServerTest, HealthzAnswersOkWithSecurityHeadersAndRequestId) {
  auto r = server_->get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ok"})");
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_NE(r.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  EXPECT_EQ(r.header("x-request-id").size(), 32u);
  auto echoed = server_->get("/healthz", {{"X-Request-ID", "abc-123.x"}});
  EXPECT_EQ(echoed.header("x-request-id"), "abc-123.x");
}

TEST_F(ServerTest, UnknownPathsAndMethodsGetJsonErrors) {
  auto r = server_->get("/api/v1/does-not-exist/");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  EXPECT_EQ(r.body, R"({"detail":"찾을 수 없습니다."})");
  auto en = server_->get("/api/v1/does-not-exist/", {{"Accept-Language", "en-US,en;q=0.9,ko;q=0.5"}});
  EXPECT_EQ(en.body, R"({"detail":"Not found."})");
  auto api_get = server_->get("/api/v1/auth/login/");
  EXPECT_EQ(api_get.status, 405);
  EXPECT_EQ(api_get.header("allow").find("POST") != std::string::npos, true) << api_get.header("allow");
  EXPECT_EQ(api_get.header("content-type"), "application/json; charset=utf-8");
  EXPECT_NE(api_get.body.find("\"detail\""), std::string::npos) << api_get.body;
  auto no_slash = server_->get("/api/v1/users/me");
  EXPECT_EQ(no_slash.status, 301) << "API.md §1.1: GET without the trailing slash redirects";
  EXPECT_NE(no_slash.header("location").find("/api/v1/users/me/"), std::string::npos);
  auto post = http_request(server_->port(), "POST", "/healthz", "{}");
  EXPECT_EQ(post.status, 405);
  EXPECT_NE(post.header("allow").find("GET"), std::string::npos);
  EXPECT_EQ(post.header("content-type").rfind("text/html", 0), 0u) << "outside /api/ errors are pages: " << post.body;
}

TEST_F(ServerTest, ReadyzReportsPendingMigrations) {
  auto ready = server_->get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
  EXPECT_NE(ready.body.find(R"("status":"ready")"), std::string::npos);
  ASSERT_EQ(run_the5hc({"migrate", "down", "1", "--yes"}, env_, db_.dir()).exit_code, 0);
  auto pending = server_->get("/readyz");
  EXPECT_EQ(pending.status, 503);
  EXPECT_NE(pending.body.find(R"("migrations":"pending")"), std::string::npos) << pending.body;
}

TEST_F(ServerTest, ReadyzIs503WhenTheDatabaseIsGone) {
  if (!db_.postgres()) GTEST_SKIP() << "an SQLite file cannot vanish under open connections; covered on PostgreSQL";
  ASSERT_EQ(server_->get("/readyz").status, 200);
  std::string url = db_.url();
  std::string name = url.substr(url.rfind('/') + 1);
  // What a lost database server looks like to the pool: its connections die and new ones are refused.
  pg_admin_exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
  pg_admin_exec("ALTER DATABASE " + name + " RENAME TO " + name + "_gone");
  auto r = server_->get("/readyz");
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_NE(r.body.find("unreachable"), std::string::npos) << r.body;
  EXPECT_EQ(server_->get("/healthz").status, 200) << "liveness does not depend on the database";
  server_.reset();
  pg_admin_exec("DROP DATABASE IF EXISTS " + name + "_gone WITH (FORCE)");
}

TEST_F(ServerTest, SigtermLetsAnInFlightRequestFinish) {
  int fd = connect_to(server_->port());
  ASSERT_GE(fd, 0);
  // Headers first, body later: the server is now inside the request, reading its body.
  std::string head = "POST /api/v1/slow/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: 2\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(write(fd, head.data(), head.size()), static_cast<ssize_t>(head.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  server_->signal(SIGTERM);
  // The listener closes soon after the signal; on a loaded machine "soon" can be more than a fixed pause.
  int refused = 0;
  for (int i = 0; i < 50 && refused == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    int probe = connect_to(server_->port());
    if (probe < 0) refused = 1;
    else close(probe);
  }
  EXPECT_EQ(refused, 1) << "no new connections while draining";
  ASSERT_EQ(write(fd, "{}", 2), 2);
  std::string response = read_all(fd);
  close(fd);
  EXPECT_EQ(response.rfind("HTTP/1.1 404", 0), 0u) << "the in-flight request got its answer: " << response;
  EXPECT_EQ(server_->wait(10000), 0) << server_->output();
}

TEST_F(ServerTest, ASecondInstanceOnTheSamePortFailsLoudly) {
  auto r = run_the5hc({"serve", "--host", "127.0.0.1", "--port", std::to_string(server_->port())}, env_, db_.dir());
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE((r.out + r.err).find("in use"), std::string::npos) << r.out << r.err;
  EXPECT_EQ(server_->get("/healthz").status, 200) << "the first instance keeps serving";
}

// A development server listens on loopback unless told otherwise (OPERATIONS.md §2: HOST, serve --host), and says
// which address it really bound.
TEST(ServeAddress, DefaultIsLoopbackOnly) {
  TestDatabase db;
  auto env = base_env(db);
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  ServerProcess server(env, db.dir(), {}, /*pass_host=*/false);
  EXPECT_EQ(listening_line(server), "The5HC listening on http://127.0.0.1:" + std::to_string(server.port()))
      << server.output();
  EXPECT_FALSE(reachable_on_127_0_0_2(server.port()));
}

TEST(ServeAddress, HostVariableAndFlagChooseTheAddress) {
  TestDatabase db;
  auto env = base_env(db);
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  env["HOST"] = "0.0.0.0";
  {
    ServerProcess every(env, db.dir(), {}, /*pass_host=*/false);
    EXPECT_EQ(listening_line(every),
              "The5HC listening on http://0.0.0.0:" + std::to_string(every.port()) + " (every interface)")
        << every.output();
    EXPECT_TRUE(reachable_on_127_0_0_2(every.port()));
  }
  ServerProcess flag(env, db.dir(), {"--host", "127.0.0.1"}, /*pass_host=*/false);  // --host wins over HOST
  EXPECT_EQ(listening_line(flag), "The5HC listening on http://127.0.0.1:" + std::to_string(flag.port()));
  EXPECT_FALSE(reachable_on_127_0_0_2(flag.port()));
}
