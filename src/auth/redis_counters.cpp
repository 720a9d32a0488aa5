#include "auth/redis_counters.hpp"

#include <hiredis/hiredis.h>

#include <cstdlib>

#include "common/error.hpp"
#include "common/log.hpp"

namespace the5hc::auth {
namespace {

// The sliding window of RateLimiter::hit_locally, decided in Redis. KEYS[1] = the counter's hash; ARGV = period
// (ms), limit, now (ms). A window behind the stored one (another node's clock is ahead) counts as the stored one.
// Returns {allowed, previous, current, remaining ms}; the caller computes Retry-After from them.
constexpr const char* kScript = R"lua(
local P = tonumber(ARGV[1]); local L = tonumber(ARGV[2]); local now = tonumber(ARGV[3])
local window = math.floor(now / P)
local s = redis.call('HMGET', KEYS[1], 'p', 'w', 'prev', 'cur')
local prev, cur = 0, 0
if tonumber(s[1]) == P then
  local w = tonumber(s[2])
  if w == window - 1 then prev = tonumber(s[4])
  elseif w >= window then prev = tonumber(s[3]); cur = tonumber(s[4]); window = w end
end
local remaining = P - math.max(0, now - window * P)
if prev * remaining <= (L - 1 - cur) * P then
  cur = cur + 1
  redis.call('HSET', KEYS[1], 'p', P, 'w', window, 'prev', prev, 'cur', cur)
  redis.call('PEXPIRE', KEYS[1], 2 * P + 1000)
  return {1, prev, cur, remaining}
end
return {0, prev, cur, remaining}
)lua";

struct ReplyDeleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using Reply = std::unique_ptr<redisReply, ReplyDeleter>;

timeval to_timeval(std::chrono::milliseconds ms) {
  return {static_cast<time_t>(ms.count() / 1000), static_cast<suseconds_t>((ms.count() % 1000) * 1000)};
}

[[noreturn]] void bad_url(const std::string& reason) { throw Error(ErrorCode::config, "REDIS_URL: " + reason); }

}  // namespace

RedisAddress parse_redis_url(const std::string& url) {
  const std::string scheme = "redis://";
  if (url.rfind(scheme, 0) != 0) bad_url("expected redis://host:6379/0");
  RedisAddress a;
  std::string rest = url.substr(scheme.size());
  if (auto at = rest.rfind('@'); at != std::string::npos) {
    std::string userinfo = rest.substr(0, at);
    auto colon = userinfo.find(':');
    a.password = colon == std::string::npos ? userinfo : userinfo.substr(colon + 1);
    rest = rest.substr(at + 1);
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    std::string db = rest.substr(slash + 1);
    rest = rest.substr(0, slash);
    if (!db.empty()) {
      char* end = nullptr;
      long n = std::strtol(db.c_str(), &end, 10);
      if (*end || n < 0 || n > 1000) bad_url("the database must be a number");
      a.db = static_cast<int>(n);
    }
  }
  auto parse_port = [](const std::string& text) {
    char* end = nullptr;
    long port = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end || port < 1 || port > 65535) bad_url("invalid port");
    return static_cast<int>(port);
  };
  if (!rest.empty() && rest.front() == '[') {  // [::1]:6379
    auto close = rest.find(']');
    if (close == std::string::npos) bad_url("unclosed [");
    std::string after = rest.substr(close + 1);
    if (!after.empty() && after.front() != ':') bad_url("invalid port");
    if (!after.empty()) a.port = parse_port(after.substr(1));
    rest = rest.substr(1, close - 1);
  } else if (auto colon = rest.rfind(':'); colon != std::string::npos) {
    a.port = parse_port(rest.substr(colon + 1));
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) bad_url("missing host");
  a.host = rest;
  return a;
}

RedisCounters::RedisCounters(RedisAddress address, std::chrono::milliseconds timeout)
    : address_(std::move(address)), timeout_(timeout) {}

RedisCounters::~RedisCounters() {
  for (auto* c : idle_) redisFree(c);
}

void RedisCounters::unavailable(const std::string& why) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  retry_after_ = now + std::chrono::seconds(1);  // requests do not each wait for a dead server's timeout
  if (now - last_logged_ < std::chrono::seconds(30)) return;
  last_logged_ = now;
  log::error("app", "Redis unavailable: rate limits are counted per process until it answers",
             {{"host", address_.host}, {"port", address_.port}, {"error", why}});
}

redisContext* RedisCounters::connect() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto* c = idle_.back();
      idle_.pop_back();
      return c;
    }
    if (std::chrono::steady_clock::now() < retry_after_) return nullptr;
  }
  redisContext* c = redisConnectWithTimeout(address_.host.c_str(), address_.port, to_timeval(timeout_));
  if (!c || c->err) {
    unavailable(c ? c->errstr : "cannot allocate a connection");
    if (c) redisFree(c);
    return nullptr;
  }
  redisSetTimeout(c, to_timeval(timeout_));
  auto setup = [&](Reply r) { return r && r->type != REDIS_REPLY_ERROR; };
  if ((!address_.password.empty() &&
       !setup(Reply(static_cast<redisReply*>(redisCommand(c, "AUTH %s", address_.password.c_str()))))) ||
      (address_.db != 0 && !setup(Reply(static_cast<redisReply*>(redisCommand(c, "SELECT %d", address_.db)))))) {
    unavailable(c->err ? c->errstr : "AUTH or SELECT refused");
    redisFree(c);
    return nullptr;
  }
  return c;
}

void RedisCounters::give_back(redisContext* c) {
  std::lock_guard lock(mutex_);
  if (idle_.size() < 64) idle_.push_back(c);
  else redisFree(c);
}

std::optional<RateDecision> RedisCounters::hit(std::string_view key, const Rate& rate, TimePoint now) {
  redisContext* c = connect();
  if (!c) return std::nullopt;
  const long long P = static_cast<long long>(rate.period_seconds) * 1000;
  const long long L = rate.count;
  const long long now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::string redis_key = "the5hc:rl:" + std::string(key);
  Reply r(static_cast<redisReply*>(
      redisCommand(c, "EVAL %s 1 %b %lld %lld %lld", kScript, redis_key.data(), redis_key.size(), P, L, now_ms)));
  if (!r || r->type != REDIS_REPLY_ARRAY || r->elements != 4) {
    std::string why = c->err ? c->errstr : (r && r->type == REDIS_REPLY_ERROR ? std::string(r->str, r->len) : "bad reply");
    redisFree(c);
    unavailable(why);
    return std::nullopt;
  }
  give_back(c);
  long long v[4];
  for (int i = 0; i < 4; ++i) v[i] = r->element[i]->integer;
  if (v[0] == 1) return RateDecision{true, 0};
  return refusal(v[1], v[2], std::max(1LL, v[3]), P, L);
}

}  // namespace the5hc::auth
