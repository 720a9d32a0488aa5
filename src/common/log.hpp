#pragma once
// Structured logging (OPERATIONS.md §5.3): one JSON object per line on stdout with ts, level, logger, msg,
// request_id and extra fields. The JSON is built here (escaped by common/json_text) and written as a finished line,
// because spdlog's pattern formatter would not escape user data such as paths and user agents.
//   log::warning("security", "login failed", {{"username", name}, {"ip", ip}});
#include <chrono>
#include <concepts>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace the5hc::log {

enum class Level { debug = 0, info = 1, warning = 2, error = 3 };

const char* level_name(Level level);                          // "debug" ... "error"
std::optional<Level> parse_level(std::string_view text);      // LOG_LEVEL values; "warn" accepted too
void set_level(Level level);                                  // default info
Level level();
bool enabled(Level level);

// A key with a value already rendered as JSON.
struct Field {
  std::string key;
  std::string json;

  Field(std::string k, std::string_view v);
  Field(std::string k, const char* v) : Field(std::move(k), std::string_view(v ? v : "")) {}
  Field(std::string k, const std::string& v) : Field(std::move(k), std::string_view(v)) {}
  Field(std::string k, bool v) : key(std::move(k)), json(v ? "true" : "false") {}
  Field(std::string k, double v);
  Field(std::string k, std::nullptr_t) : key(std::move(k)), json("null") {}
  template <std::integral T>
    requires(!std::same_as<T, bool>)
  Field(std::string k, T v) : key(std::move(k)), json(std::to_string(v)) {}
  template <std::integral T>
  Field(std::string k, const std::optional<T>& v)
      : key(std::move(k)), json(v ? std::to_string(*v) : std::string("null")) {}
  static Field raw_json(std::string k, std::string json_text) {
    Field f(std::move(k), nullptr);
    f.json = std::move(json_text);
    return f;
  }
};
using Fields = std::vector<Field>;

// The finished line without the trailing newline (exposed for tests). `request_id` empty → null.
std::string format_line(std::chrono::system_clock::time_point ts, Level level, std::string_view logger,
                        std::string_view msg, std::string_view request_id, const Fields& fields);
std::string rfc3339_ms(std::chrono::system_clock::time_point ts);  // 2026-11-25T08:59:01.123Z

// Writes a line when `level` is enabled; request_id comes from the current RequestScope of this thread.
void write(Level level, std::string_view logger, std::string_view msg, const Fields& fields = {});
inline void debug(std::string_view logger, std::string_view msg, const Fields& f = {}) { write(Level::debug, logger, msg, f); }
inline void info(std::string_view logger, std::string_view msg, const Fields& f = {}) { write(Level::info, logger, msg, f); }
inline void warning(std::string_view logger, std::string_view msg, const Fields& f = {}) { write(Level::warning, logger, msg, f); }
inline void error(std::string_view logger, std::string_view msg, const Fields& f = {}) { write(Level::error, logger, msg, f); }

// Output descriptor (default stdout). CLI commands whose stdout is data (score, check --json) log to stderr.
void set_output_fd(int fd);
// Replaces the descriptor as destination (tests capture lines); an empty function restores it.
void set_sink(std::function<void(std::string_view line)> sink);

// Binds a request id to the current thread for the lifetime of the scope so every log line written while
// handling the request carries it (set up by http::request_id()).
class RequestScope {
 public:
  explicit RequestScope(std::string request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string previous_;
};
const std::string& current_request_id();

}  // namespace the5hc::log
