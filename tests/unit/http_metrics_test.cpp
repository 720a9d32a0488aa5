#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <ctime>
#include <limits>
#include <memory>
#include <regex>
#include <sstream>
#include <vector>

#include "common/metrics.hpp"
#include "http/middleware.hpp"
#include "http/router.hpp"

using namespace the5hc;

namespace {

// Every line is a comment, a blank line or `name{labels} value` as in the 0.0.4 text format.
void expect_valid_exposition(const std::string& text) {
  static const std::regex sample(
      R"re([a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+-]+|\+Inf|-Inf|NaN))re");
  static const std::regex comment(R"re(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*)re");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    EXPECT_TRUE(std::regex_match(line, line[0] == '#' ? comment : sample)) << line;
  }
  EXPECT_TRUE(text.empty() || text.back() == '\n');
}

}  // namespace

TEST(HttpMetrics, CountersGaugesAndLabelEscaping) {
  metrics::Registry r;
  auto& c = r.counter("the5hc_login_attempts_total", "Login attempts by result.", {"result"});
  c.with({"failure"}).inc();
  c.with({"failure"}).inc(2);
  c.with({"success"}).inc();
  r.gauge("the5hc_backup_last_size_bytes", "Size of the last backup.").get().set(1536.5);
  r.counter("weird_total", "Help with \\ and\nnewline.", {"v"}).with({"a\"b\\c\nd"}).inc();
  std::string text = r.render();
  EXPECT_NE(text.find("# HELP the5hc_login_attempts_total Login attempts by result.\n"
                      "# TYPE the5hc_login_attempts_total counter\n"
                      "the5hc_login_attempts_total{result=\"failure\"} 3\n"
                      "the5hc_login_attempts_total{result=\"success\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("the5hc_backup_last_size_bytes 1536.5\n"), std::string::npos);
  EXPECT_NE(text.find("# HELP weird_total Help with \\\\ and\\nnewline.\n"), std::string::npos);
  EXPECT_NE(text.find("weird_total{v=\"a\\\"b\\\\c\\nd\"} 1\n"), std::string::npos);
  expect_valid_exposition(text);
}

TEST(HttpMetrics, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  metrics::Registry r;
  auto& h = r.histogram("the5hc_http_request_duration_seconds", "Duration.", {"method", "route"});
  auto& m = h.with({"GET", "/api/v1/clients/{id:int}/"});
  m.observe(0.0005);
  m.observe(0.001);  // le is inclusive
  m.observe(0.3);
  m.observe(7);
  std::string text = r.render();
  const std::string labels = "method=\"GET\",route=\"/api/v1/clients/{id:int}/\"";
  for (const auto& [le, n] : std::vector<std::pair<std::string, int>>{
           {"0.001", 2}, {"0.005", 2}, {"0.25", 2}, {"0.5", 3}, {"1", 3}, {"2.5", 3}, {"5", 3}, {"+Inf", 4}})
    EXPECT_NE(text.find("the5hc_http_request_duration_seconds_bucket{" + labels + ",le=\"" + le + "\"} " +
                        std::to_string(n) + "\n"),
              std::string::npos)
        << le << "\n"
        << text;
  EXPECT_NE(text.find("the5hc_http_request_duration_seconds_count{" + labels + "} 4\n"), std::string::npos);
  EXPECT_NE(text.find("the5hc_http_request_duration_seconds_sum{" + labels + "} 7.3015\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE the5hc_http_request_duration_seconds histogram\n"), std::string::npos);
  expect_valid_exposition(text);
}

TEST(HttpMetrics, RegistrationIsGetOrCreateAndRejectsConflicts) {
  metrics::Registry r;
  auto& a = r.counter("x_total", "X.", {"k"});
  auto& b = r.counter("x_total", "X.", {"k"});
  EXPECT_EQ(&a, &b);
  EXPECT_THROW(r.gauge("x_total", "X."), std::invalid_argument);
  EXPECT_THROW(r.counter("x_total", "X.", {"other"}), std::invalid_argument);
  EXPECT_THROW(r.counter("bad-name", "X."), std::invalid_argument);
  EXPECT_THROW(a.with({"1", "2"}), std::invalid_argument);
}

TEST(HttpMetrics, CallbacksBuildInfoAndProcessMetrics) {
  metrics::Registry r;
  metrics::register_build_info(r, "1.0.0", "abc123");
  metrics::register_process_metrics(r);
  int idle = 3;
  r.gauge_callback("the5hc_db_pool_connections", "Pool connections by state.", {"state"},
                   [&] { return metrics::Samples{{{"idle"}, double(idle)}, {{"busy"}, 1}}; });
  idle = 5;
  std::string text = r.render();
  EXPECT_NE(text.find("the5hc_build_info{version=\"1.0.0\",commit=\"abc123\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("the5hc_db_pool_connections{state=\"idle\"} 5\n"), std::string::npos);
  EXPECT_NE(text.find("# TYPE process_cpu_seconds_total counter\n"), std::string::npos);
  for (const char* name : {"process_resident_memory_bytes ", "process_open_fds ", "process_start_time_seconds ",
                           "process_cpu_seconds_total ", "the5hc_heap_in_use_bytes "}) {
    auto pos = text.find(std::string("\n") + name);
    ASSERT_NE(pos, std::string::npos) << name;
    double v = std::stod(text.substr(pos + 1 + std::strlen(name)));
    EXPECT_GE(v, 0) << name;
    if (std::string(name) == "process_start_time_seconds ") {
      EXPECT_GT(v, 1.7e9);
      EXPECT_LE(v, static_cast<double>(std::time(nullptr)) + 1);
    }
    if (std::string(name) == "process_resident_memory_bytes ") {
      EXPECT_GT(v, 1e6);
    }
  }
  expect_valid_exposition(text);
}

// The heap gauge counts what the program holds: 64 MiB kept alive raise it by that much, freeing them lowers it
// again (the soak test judges leaks by this value). Sanitizers replace malloc, and glibc's counts with it.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
TEST(HttpMetrics, HeapInUseFollowsHeldAllocations) {
  metrics::Registry r;
  metrics::register_process_metrics(r);
  auto heap = [&r] {
    std::string text = r.render();
    auto pos = text.find("\nthe5hc_heap_in_use_bytes ");
    return pos == std::string::npos ? -1.0 : std::stod(text.substr(pos + std::strlen("\nthe5hc_heap_in_use_bytes ")));
  };
  double before = heap();
  auto held = std::make_unique<std::vector<char>>(64u << 20, 'x');
  double holding = heap();
  held.reset();
  double after = heap();
  EXPECT_GE(holding - before, 60.0 * (1 << 20));
  EXPECT_LT(after, holding - 60.0 * (1 << 20));
}
#endif

TEST(HttpMetrics, MiddlewareRecordsRouteTemplateOrUnmatched) {
  metrics::Registry r;
  http::Router router;
  router.get("/api/v1/clients/{id:int}/", [](http::Request&) { return http::Response::json(200, "{}"); });
  auto handler = http::compose({http::http_metrics(r), http::error_handler()}, router.handler());
  for (const char* path : {"/api/v1/clients/1/", "/api/v1/clients/2/", "/nope/"}) {
    http::Request req;
    req.method = "GET";
    req.path = req.target = path;
    handler(req);
  }
  http::Request odd;
  odd.method = "BREW";
  odd.path = odd.target = "/api/v1/clients/1/";
  handler(odd);
  std::string text = r.render();
  EXPECT_NE(text.find("the5hc_http_requests_total{method=\"GET\",route=\"/api/v1/clients/{id:int}/\",status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("the5hc_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("the5hc_http_requests_total{method=\"other\",route=\"/api/v1/clients/{id:int}/\",status=\"405\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("the5hc_http_requests_in_flight 0\n"), std::string::npos);
  EXPECT_NE(text.find("the5hc_http_request_duration_seconds_count{method=\"GET\",route=\"unmatched\"} 1\n"),
            std::string::npos);
}

TEST(HttpMetrics, FormatsValues) {
  EXPECT_EQ(metrics::format_value(3), "3");
  EXPECT_EQ(metrics::format_value(0.25), "0.25");
  EXPECT_EQ(metrics::format_value(1e20), "1e+20");
  EXPECT_EQ(metrics::format_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(metrics::format_value(std::nan("")), "NaN");
}
