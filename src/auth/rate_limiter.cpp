#include "auth/rate_limiter.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include "common/error.hpp"

namespace the5hc::auth {

namespace {

constexpr std::size_t kSweepEvery = 1024;  // hits per shard between opportunistic purges

std::int64_t to_ms(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return a / b + ((a % b != 0) && ((a < 0) == (b < 0))); }

}  // namespace

RateDecision refusal(std::int64_t previous, std::int64_t current, std::int64_t remaining, std::int64_t P,
                     std::int64_t L) {
  using i128 = __int128;
  // Earliest wait t (ms) after which the hit would be allowed.
  std::int64_t wait_ms;
  if (current + 1 <= L) {
    // Still possible in this window once enough of the previous window's weight has slid out.
    const auto slack = static_cast<std::int64_t>(static_cast<i128>(L - 1 - current) * P / previous);
    wait_ms = remaining - slack;
  } else {
    // Not before the next window, where the current count becomes the previous one.
    const auto keep = static_cast<std::int64_t>(static_cast<i128>(L - 1) * P / current);
    const std::int64_t into_next = P - keep;  // time into the next window for current × (P - t) ≤ (L - 1) × P
    wait_ms = into_next >= P ? remaining + P : remaining + into_next;
  }
  const std::int64_t seconds = std::max<std::int64_t>(1, ceil_div(wait_ms, 1000));
  return {false, static_cast<int>(std::min<std::int64_t>(seconds, std::numeric_limits<int>::max()))};
}

RateLimiter::RateLimiter(std::size_t max_keys) : max_per_shard_(std::max<std::size_t>(1, max_keys / kShards)) {}

bool RateLimiter::expired(const Entry& e, std::int64_t now_ms) {
  // Once the window after the entry's current one has passed too, both counters would weigh nothing.
  return floor_div(now_ms, e.period_ms) > e.window + 1;
}

void RateLimiter::sweep(Shard& shard, std::int64_t now_ms) {
  std::erase_if(shard.entries, [&](const auto& kv) { return expired(kv.second, now_ms); });
  shard.hits_since_sweep = 0;
}

RateDecision RateLimiter::hit(std::string_view key, const Rate& rate, TimePoint now) {
  if (rate.count < 1 || rate.period_seconds < 1) throw Error(ErrorCode::internal, "invalid rate");
  if (shared_)
    if (auto decision = shared_->hit(key, rate, now)) return *decision;
  return hit_locally(key, rate, now);
}

RateDecision RateLimiter::hit_locally(std::string_view key, const Rate& rate, TimePoint now) {
  if (rate.count < 1 || rate.period_seconds < 1) throw Error(ErrorCode::internal, "invalid rate");
  const std::int64_t P = static_cast<std::int64_t>(rate.period_seconds) * 1000;
  const std::int64_t L = rate.count;
  const std::int64_t now_ms = to_ms(now);
  const std::int64_t window = floor_div(now_ms, P);

  Shard& shard = shards_[std::hash<std::string_view>{}(key) % kShards];
  std::lock_guard lock(shard.mutex);
  if (++shard.hits_since_sweep >= kSweepEvery) sweep(shard, now_ms);

  auto it = shard.entries.find(std::string(key));
  if (it == shard.entries.end()) {
    if (shard.entries.size() >= max_per_shard_) {
      sweep(shard, now_ms);
      if (shard.entries.size() >= max_per_shard_) {
        auto oldest = std::min_element(shard.entries.begin(), shard.entries.end(),
                                       [](const auto& a, const auto& b) { return a.second.last_ms < b.second.last_ms; });
        shard.entries.erase(oldest);
      }
    }
    it = shard.entries.emplace(std::string(key), Entry{P, window, 0, 0, now_ms}).first;
  }
  Entry& e = it->second;
  if (e.period_ms != P) e = Entry{P, window, 0, 0, now_ms};
  if (window == e.window + 1) {
    e.previous = e.current;
    e.current = 0;
    e.window = window;
  } else if (window > e.window + 1) {
    e.previous = e.current = 0;
    e.window = window;
  }
  // A clock that stepped back into an earlier window is treated as the start of the entry's window.
  const std::int64_t elapsed = std::max<std::int64_t>(0, now_ms - e.window * P);
  const std::int64_t remaining = P - elapsed;  // 1..P

  // Exact integer form of previous × remaining / P + current + 1 ≤ L (128-bit: counts up to 1e8 times periods
  // of years in milliseconds overflow 64 bits).
  using i128 = __int128;
  if (static_cast<i128>(e.previous) * remaining <= static_cast<i128>(L - 1 - e.current) * P) {
    ++e.current;
    e.last_ms = std::max(e.last_ms, now_ms);
    return {true, 0};
  }

  return refusal(e.previous, e.current, remaining, P, L);
}

std::size_t RateLimiter::size() const {
  std::size_t n = 0;
  for (const auto& s : shards_) {
    std::lock_guard lock(s.mutex);
    n += s.entries.size();
  }
  return n;
}

void RateLimiter::purge(TimePoint now) {
  const std::int64_t now_ms = to_ms(now);
  for (auto& s : shards_) {
    std::lock_guard lock(s.mutex);
    sweep(s, now_ms);
  }
}

}  // namespace the5hc::auth
