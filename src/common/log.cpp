#include "common/log.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <ctime>
#include <mutex>

#include "common/json_text.hpp"

namespace the5hc::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::info)};
std::atomic<int> g_fd{STDOUT_FILENO};
std::mutex g_write_mutex;
std::function<void(std::string_view)> g_sink;  // guarded by g_write_mutex
thread_local std::string t_request_id;

void write_fd(std::string_view line) {
  while (!line.empty()) {
    ssize_t n = ::write(g_fd.load(), line.data(), line.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // nowhere to report a failing stdout
    }
    line.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

const char* level_name(Level level) {
  switch (level) {
    case Level::debug: return "debug";
    case Level::info: return "info";
    case Level::warning: return "warning";
    case Level::error: return "error";
  }
  return "info";
}

std::optional<Level> parse_level(std::string_view text) {
  if (text == "debug") return Level::debug;
  if (text == "info") return Level::info;
  if (text == "warning" || text == "warn") return Level::warning;
  if (text == "error") return Level::error;
  return std::nullopt;
}

void set_level(Level level) { g_level = static_cast<int>(level); }
Level level() { return static_cast<Level>(g_level.load()); }
bool enabled(Level level) { return static_cast<int>(level) >= g_level.load(std::memory_order_relaxed); }

Field::Field(std::string k, std::string_view v) : key(std::move(k)), json(json_quote(v)) {}

Field::Field(std::string k, double v) : key(std::move(k)) {
  if (!std::isfinite(v)) {
    json = "null";
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  json.assign(buf, end);
}

std::string rfc3339_ms(std::chrono::system_clock::time_point ts) {
  using namespace std::chrono;
  auto ms = duration_cast<milliseconds>(ts.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  int frac = static_cast<int>(ms % 1000);
  if (frac < 0) frac += 1000, --secs;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

std::string format_line(std::chrono::system_clock::time_point ts, Level level, std::string_view logger,
                        std::string_view msg, std::string_view request_id, const Fields& fields) {
  std::string line;
  line.reserve(256);
  line += "{\"ts\":\"";
  line += rfc3339_ms(ts);
  line += "\",\"level\":\"";
  line += level_name(level);
  line += "\",\"logger\":";
  append_json_string(line, logger);
  line += ",\"msg\":";
  append_json_string(line, msg);
  line += ",\"request_id\":";
  if (request_id.empty()) line += "null";
  else append_json_string(line, request_id);
  for (const auto& f : fields) {
    if (f.key == "ts" || f.key == "level" || f.key == "logger" || f.key == "msg" || f.key == "request_id")
      continue;  // a caller must not be able to forge the envelope
    line += ',';
    append_json_string(line, f.key);
    line += ':';
    line += f.json;
  }
  line += '}';
  return line;
}

void write(Level lvl, std::string_view logger, std::string_view msg, const Fields& fields) {
  if (!enabled(lvl)) return;
  std::string line = format_line(std::chrono::system_clock::now(), lvl, logger, msg, t_request_id, fields);
  std::lock_guard lock(g_write_mutex);
  if (g_sink) {
    g_sink(line);
    return;
  }
  line += '\n';
  write_fd(line);
}

void set_output_fd(int fd) { g_fd = fd; }

void set_sink(std::function<void(std::string_view)> sink) {
  std::lock_guard lock(g_write_mutex);
  g_sink = std::move(sink);
}

RequestScope::RequestScope(std::string request_id) : previous_(std::move(t_request_id)) {
  t_request_id = std::move(request_id);
}
RequestScope::~RequestScope() { t_request_id = std::move(previous_); }

const std::string& current_request_id() { return t_request_id; }

}  // namespace the5hc::log
