#include <gtest/gtest.h>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "common/json_text.hpp"
#include "common/log.hpp"
#include "http/middleware.hpp"

using namespace the5hc;
using namespace the5hc::http;

namespace {

struct Capture {
  std::vector<std::string> lines;
  Capture() {
    log::set_sink([this](std::string_view l) { lines.emplace_back(l); });
  }
  ~Capture() {
    log::set_sink({});
    log::set_level(log::Level::info);
  }
};

}  // namespace

TEST(HttpLog, JsonQuoteKeepsKoreanAndEscapesControlAndInvalidBytes) {
  EXPECT_EQ(json_quote("김철수"), "\"김철수\"");
  EXPECT_EQ(json_quote("a\"b\\c\nd\te\x01"), R"("a\"b\\c\nd\te\u0001")");
  std::string bad = "x\xff\xc3(y\xed\xa0\x80z";  // invalid byte, truncated sequence, UTF-16 surrogate
  auto parsed = nlohmann::json::parse(json_quote(bad));
  EXPECT_EQ(parsed.get<std::string>(), "x\xEF\xBF\xBD\xEF\xBF\xBD(y\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
}

TEST(HttpLog, LineHasEnvelopeAndFields) {
  auto ts = std::chrono::system_clock::time_point(std::chrono::milliseconds(1764061141123));
  std::string line = log::format_line(ts, log::Level::warning, "security", "login failed", "rid-1",
                                      {{"username", "kim"}, {"attempts", 5}, {"locked", true},
                                       {"user_id", std::optional<long long>{}}, {"ratio", 0.5}});
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["ts"], "2025-11-25T08:59:01.123Z");
  EXPECT_EQ(j["level"], "warning");
  EXPECT_EQ(j["logger"], "security");
  EXPECT_EQ(j["msg"], "login failed");
  EXPECT_EQ(j["request_id"], "rid-1");
  EXPECT_EQ(j["username"], "kim");
  EXPECT_EQ(j["attempts"], 5);
  EXPECT_EQ(j["locked"], true);
  EXPECT_TRUE(j["user_id"].is_null());
  EXPECT_EQ(j["ratio"], 0.5);
  // Fields cannot overwrite the envelope.
  auto forged = nlohmann::json::parse(log::format_line(ts, log::Level::info, "app", "m", "", {{"level", "error"}}));
  EXPECT_EQ(forged["level"], "info");
  EXPECT_TRUE(forged["request_id"].is_null());
}

TEST(HttpLog, LevelFilteringAndRequestScope) {
  Capture cap;
  log::set_level(log::Level::warning);
  log::info("app", "hidden");
  log::warning("security", "shown");
  {
    log::RequestScope scope("req-42");
    log::error("db", "in request");
  }
  log::error("db", "after request");
  ASSERT_EQ(cap.lines.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(cap.lines[0])["msg"], "shown");
  EXPECT_EQ(nlohmann::json::parse(cap.lines[1])["request_id"], "req-42");
  EXPECT_TRUE(nlohmann::json::parse(cap.lines[2])["request_id"].is_null());
  EXPECT_EQ(log::parse_level("warn"), log::Level::warning);
  EXPECT_EQ(log::parse_level("verbose"), std::nullopt);
}

TEST(HttpLog, AccessLineStaysValidJsonForHostilePaths) {
  Capture cap;
  Request req;
  req.method = "GET";
  req.path = "/api/v1/clients/\"quoted\"\n{\"injected\":1}/김철수/\x01\xff";
  req.raw_query = "search=%EA%B9%80&password=secret&token=t0k&code=c&refresh=r&x=%22";
  req.client_ip = "203.0.113.7";
  req.user_id = 17;
  req.headers.add("User-Agent", "curl/8 \"evil\"\r\nX: y");
  auto handler = compose({access_log()}, [](Request&) { return Response::json(200, "{}"); });
  handler(req);
  ASSERT_EQ(cap.lines.size(), 1u);
  EXPECT_EQ(cap.lines[0].find('\n'), std::string::npos);
  auto j = nlohmann::json::parse(cap.lines[0]);
  EXPECT_EQ(j["logger"], "access");
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["method"], "GET");
  EXPECT_EQ(j["path"],
            "/api/v1/clients/\"quoted\"\n{\"injected\":1}/김철수/\x01\xEF\xBF\xBD"
            "?search=%EA%B9%80&password=***&token=***&code=***&refresh=***&x=%22");
  EXPECT_EQ(j["route"], "unmatched");
  EXPECT_EQ(j["status"], 200);
  EXPECT_EQ(j["bytes"], 2);
  EXPECT_EQ(j["ip"], "203.0.113.7");
  EXPECT_EQ(j["user_id"], 17);
  EXPECT_EQ(j["user_agent"], "curl/8 \"evil\"\r\nX: y");
  EXPECT_TRUE(j["duration_ms"].is_number());
  EXPECT_FALSE(j.contains("injected"));
}

TEST(HttpLog, RedactsOnlySensitiveQueryValues) {
  EXPECT_EQ(redact_target("/p", ""), "/p");
  EXPECT_EQ(redact_target("/p", "token=abc"), "/p?token=***");
  EXPECT_EQ(redact_target("/p", "tokens=abc&page=2&pass%77ord=x"), "/p?tokens=abc&page=2&pass%77ord=***");
  EXPECT_EQ(redact_target("/p", "code&code="), "/p?code&code=***");
}

TEST(HttpLog, WritesWholeLinesToTheOutputDescriptor) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  log::set_output_fd(fds[1]);
  log::info("app", "to the pipe", {{"n", 1}});
  log::set_output_fd(STDOUT_FILENO);
  close(fds[1]);
  std::string got;
  char buf[512];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;) got.append(buf, static_cast<size_t>(n));
  close(fds[0]);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got.back(), '\n');
  auto j = nlohmann::json::parse(got);
  EXPECT_EQ(j["msg"], "to the pipe");
  EXPECT_EQ(j["n"], 1);
}
