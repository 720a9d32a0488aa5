// Real-socket tests: the Server runs in-process on a free loopback port and is spoken to over HTTP.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "common/error.hpp"
#include "common/log.hpp"
#include "common/version.hpp"
#include "http/builtin.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/stack.hpp"

using namespace the5hc;
using namespace the5hc::http;
using namespace std::chrono_literals;

namespace {

struct Reply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body); }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

Reply call(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& uri,
           const std::string& body = "", std::vector<std::pair<std::string, std::string>> headers = {}) {
  Poco::Net::HTTPRequest req(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [k, v] : headers) req.add(k, v);
  if (!body.empty() || method == "POST") {
    req.setContentLength(static_cast<std::streamsize>(body.size()));
    if (!req.has("Content-Type")) req.setContentType("application/json");
  }
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse res;
  std::istream& in = session.receiveResponse(res);
  Reply r;
  r.status = res.getStatus();
  for (const auto& [k, v] : res) {
    std::string key = k;
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[key] = v;
  }
  Poco::StreamCopier::copyToString(in, r.body);
  return r;
}

Reply call(int port, const std::string& method, const std::string& uri, const std::string& body = "",
           std::vector<std::pair<std::string, std::string>> headers = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(10, 0));
  return call(session, method, uri, body, std::move(headers));
}

class HttpServer : public ::testing::Test {
 protected:
  void SetUp() override {
    log::set_sink([this](std::string_view line) {
      std::lock_guard lock(log_mutex);
      log_lines.emplace_back(line);
    });
    router.get("/api/v1/ping/", [](Request& req) {
      return Response::json(200, "{\"pong\":true,\"lang\":\"" + std::string(lang_code(req.lang)) + "\"}");
    });
    router.post("/api/v1/echo/", [](Request& req) { return Response::text(200, req.body); });
    router.get("/api/v1/boom/", [](Request&) -> Response {
      throw std::runtime_error("secret internals: password=hunter2 at /srv/db.sqlite3");
    });
    router.get("/boom/", [](Request&) -> Response { throw std::logic_error("secret internals"); });
    // A request that stays in flight until the test releases it (or 5 s pass), so shutdown tests do not depend
    // on scheduling luck on a loaded machine.
    router.get("/api/v1/slow/", [this](Request&) {
      slow_started = true;
      release_slow.wait_for(5s);
      slow_finished = true;
      return Response::json(200, R"({"slow":"done"})");
    });
    router.get("/api/v1/throttled/", [](Request&) -> Response {
      Error e(ErrorCode::throttled, "Request was throttled. Expected available in {n} seconds.");
      e.headers["Retry-After"] = "17";
      throw e;
    });
    register_builtin_endpoints(router, {.readiness = [] { return Readiness{true, "ok", 3}; },
                                        .draining = [this] { return server && server->draining(); }});
  }

  void TearDown() override {
    server.reset();
    log::set_sink({});
  }

  void start(ServerOptions options = {}, StackOptions stack = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 8;
    server = std::make_unique<Server>(options);
    server->start(standard_chain(stack, {}, router.handler()));
    port = server->port();
  }

  Router router;
  std::unique_ptr<Server> server;
  int port = 0;
  std::atomic<bool> slow_started{false}, slow_finished{false};
  std::promise<void> release_promise;
  std::shared_future<void> release_slow = release_promise.get_future().share();
  std::mutex log_mutex;
  std::vector<std::string> log_lines;
};

bool connection_refused(int port) {
  try {
    Poco::Net::StreamSocket s;
    s.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)), Poco::Timespan(1, 0));
    return false;
  } catch (const Poco::Net::ConnectionRefusedException&) {
    return true;
  }
}

}  // namespace

TEST_F(HttpServer, HealthzAnswersOkWithRequestIdAndSecurityHeaders) {
  start();
  ASSERT_GT(port, 0);
  Reply r = call(port, "GET", "/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json(), nlohmann::json({{"status", "ok"}}));
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  EXPECT_TRUE(std::regex_match(r.header("x-request-id"), std::regex("[0-9a-f]{32}")));
  EXPECT_EQ(r.header("x-frame-options"), "DENY");
  EXPECT_EQ(r.header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r.header("referrer-policy"), "same-origin");
  EXPECT_EQ(r.header("cross-origin-opener-policy"), "same-origin");
  EXPECT_EQ(r.header("permissions-policy"), "camera=(), microphone=(), geolocation=(), payment=()");
  EXPECT_EQ(r.header("content-security-policy").rfind("default-src 'self'; script-src 'self';", 0), 0u);
  EXPECT_EQ(r.header("strict-transport-security"), "");  // plain HTTP, never HSTS
}

TEST_F(HttpServer, ValidIncomingRequestIdIsEchoedAndInvalidReplaced) {
  start();
  EXPECT_EQ(call(port, "GET", "/healthz", "", {{"X-Request-ID", "lb-abc.123_x"}}).header("x-request-id"),
            "lb-abc.123_x");
  std::string replaced = call(port, "GET", "/healthz", "", {{"X-Request-ID", "bad id\"<>"}}).header("x-request-id");
  EXPECT_TRUE(std::regex_match(replaced, std::regex("[0-9a-f]{32}"))) << replaced;
}

TEST_F(HttpServer, NotFoundAndMethodNotAllowedOverTheWire) {
  start();
  Reply nf = call(port, "GET", "/api/v1/missing/");
  EXPECT_EQ(nf.status, 404);
  EXPECT_EQ(nf.json(), nlohmann::json({{"detail", "찾을 수 없습니다."}}));
  EXPECT_EQ(nf.header("x-frame-options"), "DENY");

  Reply na = call(port, "DELETE", "/api/v1/ping/", "", {{"Accept-Language", "en-US,en;q=0.9,ko;q=0.8"}});
  EXPECT_EQ(na.status, 405);
  EXPECT_EQ(na.header("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(na.json(), nlohmann::json({{"detail", "Method \"DELETE\" not allowed."}}));

  Reply head = call(port, "HEAD", "/api/v1/ping/");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("content-length"), std::to_string(std::string(R"({"pong":true,"lang":"ko"})").size()));

  Reply redirect = call(port, "GET", "/api/v1/ping?x=1");
  EXPECT_EQ(redirect.status, 301);
  EXPECT_EQ(redirect.header("location"), "/api/v1/ping/?x=1");
}

TEST_F(HttpServer, LanguageNegotiationReachesHandlers) {
  start();
  EXPECT_EQ(call(port, "GET", "/api/v1/ping/").json()["lang"], "ko");
  EXPECT_EQ(call(port, "GET", "/api/v1/ping/", "", {{"Accept-Language", "en"}}).json()["lang"], "en");
  EXPECT_EQ(call(port, "GET", "/api/v1/ping/", "", {{"Accept-Language", "ko-KR,ko;q=0.9,en;q=0.5"}}).json()["lang"],
            "ko");
}

TEST_F(HttpServer, BodyOverOneMebibyteGets413AndServerKeepsServing) {
  start();
  Reply ok = call(port, "POST", "/api/v1/echo/", std::string(1024 * 1024, 'a'));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body.size(), 1024u * 1024u);

  Reply big = call(port, "POST", "/api/v1/echo/", std::string(1024 * 1024 + 1, 'a'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.json(), nlohmann::json({{"detail", "요청 본문이 너무 큽니다."}}));
  EXPECT_EQ(call(port, "GET", "/healthz").status, 200);
}

TEST_F(HttpServer, ChunkedBodyOverLimitGets413) {
  start();
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  Poco::Net::HTTPRequest req("POST", "/api/v1/echo/", Poco::Net::HTTPMessage::HTTP_1_1);
  req.setChunkedTransferEncoding(true);
  req.setContentType("application/json");
  std::ostream& out = session.sendRequest(req);
  std::string block(64 * 1024, 'b');
  for (int i = 0; i < 20; ++i) out << block;  // 1.25 MiB
  Poco::Net::HTTPResponse res;
  std::istream& in = session.receiveResponse(res);
  std::string body;
  Poco::StreamCopier::copyToString(in, body);
  EXPECT_EQ(res.getStatus(), 413);
}

TEST_F(HttpServer, HandlerExceptionBecomesJson500WithoutInternals) {
  start();
  Reply r = call(port, "GET", "/api/v1/boom/");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.header("content-type"), "application/json; charset=utf-8");
  auto body = r.json();
  EXPECT_EQ(body["detail"], "서버 오류가 발생했습니다.");
  EXPECT_EQ(body["request_id"], r.header("x-request-id"));
  EXPECT_EQ(body.size(), 2u);
  EXPECT_EQ(r.body.find("secret"), std::string::npos);
  EXPECT_EQ(r.body.find("hunter2"), std::string::npos);

  Reply web = call(port, "GET", "/boom/");
  EXPECT_EQ(web.status, 500);
  EXPECT_EQ(web.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(web.body.find("secret"), std::string::npos);
  EXPECT_NE(web.body.find(web.header("x-request-id")), std::string::npos);
}

TEST_F(HttpServer, ThrottledErrorCarriesRetryAfterAndCode) {
  start();
  Reply r = call(port, "GET", "/api/v1/throttled/");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.header("retry-after"), "17");
  EXPECT_EQ(r.json(), nlohmann::json({{"detail", "요청이 너무 많습니다. 17초 후에 다시 시도하세요."}, {"code", "throttled"}}));
}

TEST_F(HttpServer, OversizedHeadersGet4xxAndServerSurvives) {
  start();
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 4; ++i) many.emplace_back("X-Filler-" + std::to_string(i), std::string(5000, 'x'));
  EXPECT_EQ(call(port, "GET", "/healthz", "", many).status, 431);
  // One enormous header line is refused by POCO itself before the application sees it.
  int single = 0;
  try {
    single = call(port, "GET", "/healthz", "", {{"X-Huge", std::string(40000, 'y')}}).status;
  } catch (const Poco::Exception&) {
    single = 400;  // connection closed after the error response was written
  }
  EXPECT_GE(single, 400);
  EXPECT_LT(single, 500);
  EXPECT_EQ(call(port, "GET", "/healthz").status, 200);
}

TEST_F(HttpServer, SecondServerOnSamePortFailsLoudly) {
  start();
  Server second({.host = "127.0.0.1", .port = port, .threads = 2});
  try {
    second.start([](Request&) { return Response::text(200, "second"); });
    FAIL() << "second server bound the same port";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(call(port, "GET", "/healthz").status, 200);
}

TEST_F(HttpServer, ReadyzReportsReadinessAndDraining) {
  start();
  Reply ready = call(port, "GET", "/readyz");
  EXPECT_EQ(ready.status, 200);
  EXPECT_EQ(ready.json()["status"], "ready");
  EXPECT_EQ(ready.json()["schema_version"], 3);
  server->begin_drain();
  Reply draining = call(port, "GET", "/readyz");
  EXPECT_EQ(draining.status, 503);
  EXPECT_EQ(draining.json(), nlohmann::json({{"status", "draining"}}));
  EXPECT_EQ(call(port, "GET", "/healthz").status, 200);  // draining is not dead
}

TEST_F(HttpServer, AccessLogLineIsWrittenPerRequest) {
  start();
  call(port, "GET", "/api/v1/missing/?token=abc&page=2", "", {{"User-Agent", "tester \"quoted\""}});
  std::lock_guard lock(log_mutex);
  const std::string* line = nullptr;
  for (const auto& l : log_lines)
    if (l.find("\"logger\":\"access\"") != std::string::npos) line = &l;
  ASSERT_NE(line, nullptr);
  auto j = nlohmann::json::parse(*line);
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["route"], "unmatched");
  EXPECT_EQ(j["path"], "/api/v1/missing/?token=***&page=2");
  EXPECT_EQ(j["ip"], "127.0.0.1");
  EXPECT_EQ(j["user_agent"], "tester \"quoted\"");
  EXPECT_EQ(j["request_id"].get<std::string>().size(), 32u);
}

TEST_F(HttpServer, StopLetsInFlightRequestFinishWhileRefusingNewConnections) {
  start();
  auto slow = std::async(std::launch::async, [this] {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setKeepAlive(true);  // so that Connection: close below comes from the draining server
    return call(session, "GET", "/api/v1/slow/");
  });
  for (int i = 0; i < 200 && !slow_started; ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(slow_started);

  auto stopped = std::async(std::launch::async, [this] { return server->stop(10s); });
  bool refused = false;
  for (int i = 0; i < 80 && !refused; ++i) {
    std::this_thread::sleep_for(10ms);
    refused = connection_refused(port);
  }
  EXPECT_TRUE(refused);
  EXPECT_FALSE(slow_finished) << "new connections must be refused while the slow request is still running";
  EXPECT_TRUE(server->draining());
  EXPECT_EQ(server->in_flight(), 1);
  std::this_thread::sleep_for(300ms);  // stop() must keep waiting for it
  EXPECT_EQ(stopped.wait_for(0s), std::future_status::timeout);
  release_promise.set_value();

  Reply r = slow.get();
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.json(), nlohmann::json({{"slow", "done"}}));
  EXPECT_TRUE(iequals(r.header("connection"), "close")) << r.header("connection");
  EXPECT_TRUE(stopped.get());
}

TEST_F(HttpServer, StopClosesIdleKeepAliveConnectionsPromptly) {
  start();
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setKeepAlive(true);
  EXPECT_EQ(call(session, "GET", "/healthz").status, 200);  // the connection now idles in keep-alive

  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(server->stop(10s));
  // Well under the 5 s keep-alive timeout: the idle connection was closed, not waited for.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s);
  EXPECT_EQ(server->in_flight(), 0);
}

TEST_F(HttpServer, StopTimeoutReturnsFalseWhenRequestOutlivesIt) {
  start();
  auto slow = std::async(std::launch::async, [this] {
    try {
      return call(port, "GET", "/api/v1/slow/").status;
    } catch (const Poco::Exception&) {
      return 0;  // connection shut down by the abort
    }
  });
  for (int i = 0; i < 200 && !slow_started; ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(slow_started);
  EXPECT_FALSE(server->stop(100ms));
  release_promise.set_value();
  EXPECT_NE(slow.get(), 200);
  for (int i = 0; i < 300 && server->in_flight() > 0; ++i) std::this_thread::sleep_for(10ms);
}

namespace {

// Raw socket helpers for what HTTPClientSession cannot send or observe.
std::string read_all(Poco::Net::StreamSocket& s, std::chrono::milliseconds budget) {
  s.setReceiveTimeout(Poco::Timespan(static_cast<long>(budget.count()) * 1000));
  std::string out;
  char buf[4096];
  try {
    for (int n; (n = s.receiveBytes(buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  } catch (const Poco::TimeoutException&) {
    out += "<timeout>";
  } catch (const Poco::Net::ConnectionResetException&) {
  }
  return out;
}

Poco::Net::StreamSocket connect_raw(int port) {
  return Poco::Net::StreamSocket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
}

}  // namespace

TEST_F(HttpServer, MalformedRequestLineGets400) {
  start();
  auto s = connect_raw(port);
  std::string garbage = "NOT A VALID REQUEST LINE AT ALL\r\n\r\n";
  s.sendBytes(garbage.data(), static_cast<int>(garbage.size()));
  std::string reply = read_all(s, 3000ms);
  EXPECT_EQ(reply.rfind("HTTP/1.1 400", 0), 0u) << "[" << reply << "]";
  for (std::string bad : {"GET relative/path HTTP/1.1\r\nHost: x\r\n\r\n", "GET /%zz/ HTTP/1.1\r\nHost: x\r\n\r\n",
                          "GET / HTTP/9.9\r\nHost: x\r\n\r\n"}) {
    auto c = connect_raw(port);
    c.sendBytes(bad.data(), static_cast<int>(bad.size()));
    std::string r = read_all(c, 3000ms);
    EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << bad << " -> " << r;
  }
  // POCO fails this one while constructing the request, before the application runs, and just closes.
  auto c = connect_raw(port);
  std::string bad_length = "POST /api/v1/echo/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n";
  c.sendBytes(bad_length.data(), static_cast<int>(bad_length.size()));
  std::string r = read_all(c, 3000ms);
  EXPECT_TRUE(r.empty() || r.rfind("HTTP/1.1 400", 0) == 0) << r;
  EXPECT_EQ(call(port, "GET", "/healthz").status, 200);
}

TEST_F(HttpServer, StalledHeadersAndIdleKeepAliveAreCutOff) {
  ServerOptions o;
  o.read_timeout = 1s;
  o.keep_alive_timeout = 1s;
  start(o);

  auto stalled = connect_raw(port);
  std::string partial = "GET /healthz HTTP/1.1\r\nHost: x\r\n";  // headers never finished
  stalled.sendBytes(partial.data(), static_cast<int>(partial.size()));
  auto t0 = std::chrono::steady_clock::now();
  std::string reply = read_all(stalled, 5000ms);
  EXPECT_EQ(reply.find("<timeout>"), std::string::npos) << "server kept a stalled connection open";
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);

  auto idle = connect_raw(port);
  std::string req = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  idle.sendBytes(req.data(), static_cast<int>(req.size()));
  t0 = std::chrono::steady_clock::now();
  std::string answer = read_all(idle, 5000ms);  // the response, then EOF once the idle timeout closes it
  EXPECT_EQ(answer.rfind("HTTP/1.1 200", 0), 0u) << answer;
  EXPECT_EQ(answer.find("<timeout>"), std::string::npos);
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 900ms);  // kept alive first...
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);     // ...then closed
}

TEST_F(HttpServer, MetricsEndpointRendersAndHonoursToken) {
  router = Router();
  register_builtin_endpoints(router, {.readiness = [] { return Readiness{false, "ok", std::nullopt}; },
                                      .metrics_token = "s3cret"});
  start();
  call(port, "GET", "/healthz");
  EXPECT_EQ(call(port, "GET", "/metrics").status, 401);
  EXPECT_EQ(call(port, "GET", "/metrics", "", {{"Authorization", "Bearer wrong!"}}).status, 401);
  Reply m = call(port, "GET", "/metrics", "", {{"Authorization", "Bearer s3cret"}});
  EXPECT_EQ(m.status, 200);
  EXPECT_EQ(m.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(m.body.find("the5hc_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"),
            std::string::npos);
  EXPECT_NE(m.body.find(std::string("the5hc_build_info{version=\"") + the5hc::kVersion + "\""), std::string::npos);
  EXPECT_NE(m.body.find("process_open_fds "), std::string::npos);

  Reply unready = call(port, "GET", "/readyz");
  EXPECT_EQ(unready.status, 503);
  EXPECT_EQ(unready.json()["database"], "unreachable");
  EXPECT_TRUE(unready.json()["schema_version"].is_null());
}

TEST_F(HttpServer, NoContentHasNoBodyAndKeepsConnectionUsable) {
  router.del("/api/v1/things/{id:int}/", [](Request&) { return Response::no_content(); });
  start();
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setKeepAlive(true);
  Reply gone = call(session, "DELETE", "/api/v1/things/3/");
  EXPECT_EQ(gone.status, 204);
  EXPECT_EQ(gone.body, "");
  EXPECT_EQ(gone.header("content-length"), "");
  EXPECT_EQ(gone.header("content-type"), "");
  Reply next = call(session, "GET", "/healthz");  // same connection
  EXPECT_EQ(next.status, 200);
  EXPECT_EQ(next.json()["status"], "ok");
}

TEST_F(HttpServer, ConcurrentKeepAliveClientsAreAllServed) {
  start();  // 8 worker threads: one per keep-alive client below
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
      session.setKeepAlive(true);
      session.setTimeout(Poco::Timespan(10, 0));
      for (int i = 0; i < 40; ++i) {
        std::string path = i % 2 ? "/api/v1/ping/" : "/api/v1/missing/" + std::to_string(c) + "/";
        Reply r = call(session, "GET", path);
        if (r.status == (i % 2 ? 200 : 404) && r.header("x-request-id").size() == 32) ++ok;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok.load(), 8 * 40);
  // Every request produced exactly one parseable access line.
  std::lock_guard lock(log_mutex);
  int access = 0;
  for (const auto& l : log_lines)
    if (l.find("\"logger\":\"access\"") != std::string::npos) {
      ++access;
      // a named result: GCC ignores (void) on nlohmann's __warn_unused_result__
      EXPECT_NO_THROW({
        auto parsed = nlohmann::json::parse(l);
        (void)parsed;
      }) << l;
    }
  EXPECT_EQ(access, 8 * 40);
}

// A connection's addresses are asked of the kernel once (server.cpp): every request of a keep-alive connection still
// sees its own client's address, and two connections each see theirs.
TEST_F(HttpServer, EveryRequestOfAKeepAliveConnectionSeesItsClientAddress) {
  router.get("/api/v1/peer/", [](Request& req) { return Response::json(200, "{\"peer\":\"" + req.peer_ip + "\"}"); });
  start();
  for (const char* client : {"127.0.0.1", "127.0.0.2"}) {
    Poco::Net::StreamSocket socket;
    socket.impl()->bind(Poco::Net::SocketAddress(client, 0));
    socket.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    Poco::Net::HTTPClientSession session(socket);
    session.setKeepAlive(true);
    session.setTimeout(Poco::Timespan(10, 0));
    for (int i = 0; i < 3; ++i) EXPECT_EQ(call(session, "GET", "/api/v1/peer/").json()["peer"], client) << i;
  }
}
