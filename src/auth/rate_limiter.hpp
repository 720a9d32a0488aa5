#pragma once
// In-memory rate limiting for the per-IP login limit (DOMAIN.md §7.1) and the API throttles (API.md §1.7).
//
// Algorithm: sliding-window counter. Each key keeps the number of allowed hits in the current fixed window
// (aligned to multiples of the period since the epoch) and in the previous one; a hit is allowed when
//     previous × (time left in the current window / period) + current + 1 ≤ count.
// This approximates a true sliding window without storing a timestamp per hit (1000/hour per user would
// otherwise mean 1000 timestamps per user) and avoids the fixed window's double burst at a boundary. Refused
// hits are not counted, so a client that keeps retrying is not locked out forever.
//
// Memory is bounded: keys whose two windows are over are purged as the table is used, and at most `max_keys`
// are kept (when full, the least recently hit key is evicted). Use one key per scope and rate, e.g.
// "login:203.0.113.9", "anon:203.0.113.9", "user:42"; a key hit with a different period starts over.
// Thread-safe; keys are spread over independently locked shards.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.hpp"
#include "config/config.hpp"

namespace the5hc::auth {

struct RateDecision {
  bool allowed = true;
  int retry_after = 0;  // when refused: whole seconds (≥ 1) after which the same hit would be allowed
};

// The refusal for a key whose windows hold `previous` and `current` allowed hits, `remaining_ms` (1..period) before
// the current window ends: how long until the same hit would be allowed. Shared by both kinds of counters.
RateDecision refusal(std::int64_t previous, std::int64_t current, std::int64_t remaining_ms, std::int64_t period_ms,
                     std::int64_t limit);

// Counters shared by several nodes (REDIS_URL, auth/redis_counters.hpp): the same sliding window, decided
// atomically in the shared store. nullopt when the store cannot answer; the limiter then counts in this process.
class SharedCounters {
 public:
  virtual ~SharedCounters() = default;
  virtual std::optional<RateDecision> hit(std::string_view key, const Rate& rate, TimePoint now) = 0;
};

class RateLimiter {
 public:
  explicit RateLimiter(std::size_t max_keys = 100'000);
  // From now on hits are counted in `shared` first, and in this process only while it does not answer.
  void share_through(std::unique_ptr<SharedCounters> shared) { shared_ = std::move(shared); }

  // Records a hit on `key` at `now` if `rate` allows it. `rate.count` and `rate.period_seconds` must be ≥ 1
  // (config guarantees it); otherwise throws Error(internal).
  RateDecision hit(std::string_view key, const Rate& rate, TimePoint now);
  // The same, counted in this process only.
  RateDecision hit_locally(std::string_view key, const Rate& rate, TimePoint now);

  std::size_t size() const;    // keys currently tracked
  void purge(TimePoint now);   // drops every key with nothing left to remember (also done automatically)

 private:
  struct Entry {
    std::int64_t period_ms = 0;
    std::int64_t window = 0;   // index of the current window: floor(time_ms / period_ms)
    std::int64_t previous = 0; // allowed hits in window - 1
    std::int64_t current = 0;  // allowed hits in window
    std::int64_t last_ms = 0;  // time of the last hit, for eviction when full
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Entry> entries;
    std::size_t hits_since_sweep = 0;
  };
  static constexpr std::size_t kShards = 16;

  static bool expired(const Entry& e, std::int64_t now_ms);
  void sweep(Shard& shard, std::int64_t now_ms);

  std::unique_ptr<SharedCounters> shared_;
  std::size_t max_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace the5hc::auth
