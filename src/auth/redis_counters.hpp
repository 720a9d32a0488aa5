#pragma once
// Rate-limit counters in Redis (REDIS_URL, OPERATIONS.md §1, API.md §1.7): with several nodes the per-IP login
// limit and the API throttles count across all of them. The sliding window of auth/rate_limiter.hpp is decided by
// one Lua script per hit, atomically in Redis. While Redis does not answer (down, slow, wrong URL) hits are counted
// per process: RateLimiter falls back, an error is logged at most every 30 s, and no request fails because of it.
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "auth/rate_limiter.hpp"

struct redisContext;

namespace the5hc::auth {

struct RedisAddress {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string password;
  int db = 0;
};
// redis://[[user]:password@]host[:port][/db]; throws Error(config) naming REDIS_URL otherwise.
RedisAddress parse_redis_url(const std::string& url);

class RedisCounters final : public SharedCounters {
 public:
  explicit RedisCounters(RedisAddress address, std::chrono::milliseconds timeout = std::chrono::milliseconds(250));
  ~RedisCounters() override;
  std::optional<RateDecision> hit(std::string_view key, const Rate& rate, TimePoint now) override;

 private:
  redisContext* connect();
  void give_back(redisContext* c);
  void unavailable(const std::string& why);

  RedisAddress address_;
  std::chrono::milliseconds timeout_;
  std::mutex mutex_;
  std::vector<redisContext*> idle_;
  std::chrono::steady_clock::time_point retry_after_{};  // no new connection attempt before (Redis was down)
  std::chrono::steady_clock::time_point last_logged_{};
};

}  // namespace the5hc::auth
