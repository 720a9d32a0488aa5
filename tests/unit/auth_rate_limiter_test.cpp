#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "auth/rate_limiter.hpp"
#include "common/error.hpp"

using namespace the5hc;
using namespace the5hc::auth;
using namespace std::chrono_literals;

namespace {
// A multiple of 60, 100, 900 and 3600 seconds, so windows of those periods start here.
const TimePoint T0{std::chrono::seconds{1'749'996'000}};
}  // namespace

TEST(AuthRateLimiter, AllowsUpToTheCountThenRefuses) {
  RateLimiter rl;
  const Rate r{3, 60};
  EXPECT_TRUE(rl.hit("k", r, T0).allowed);
  EXPECT_TRUE(rl.hit("k", r, T0 + 1s).allowed);
  EXPECT_TRUE(rl.hit("k", r, T0 + 2s).allowed);
  auto d = rl.hit("k", r, T0 + 3s);
  EXPECT_FALSE(d.allowed);
  // Next window starts at T0+60 with previous = 3; 3 × (60 - e)/60 + 1 ≤ 3 needs e ≥ 20 s: T0+80, 77 s from now.
  EXPECT_EQ(d.retry_after, 77);
  EXPECT_FALSE(rl.hit("k", r, T0 + 79s).allowed);
  EXPECT_TRUE(rl.hit("k", r, T0 + 80s).allowed);
}

TEST(AuthRateLimiter, PreviousWindowWeighsLessAsTimePasses) {
  RateLimiter rl;
  const Rate r{10, 100};
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(rl.hit("k", r, T0 + std::chrono::seconds(i)).allowed);
  // At the start of the next window the previous 10 still count fully; 10 × (100 - e)/100 ≤ 9 needs e ≥ 10 s.
  auto d = rl.hit("k", r, T0 + 100s);
  EXPECT_FALSE(d.allowed);
  EXPECT_EQ(d.retry_after, 10);
  EXPECT_FALSE(rl.hit("k", r, T0 + 109s).allowed);
  EXPECT_TRUE(rl.hit("k", r, T0 + 110s).allowed);
  // 10 × 0.9 + 1 = 10: the window is full again until more weight slides out (10 × 0.8 + 1 + 1 ≤ 10 at e = 20).
  auto d2 = rl.hit("k", r, T0 + 110s);
  EXPECT_FALSE(d2.allowed);
  EXPECT_EQ(d2.retry_after, 10);
  // Two windows later nothing is remembered.
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(rl.hit("k", r, T0 + 300s).allowed);
  EXPECT_FALSE(rl.hit("k", r, T0 + 300s).allowed);
}

TEST(AuthRateLimiter, NoDoubleBurstAcrossAWindowBoundary) {
  // A fixed window would allow 20 at 14:59 and 20 more at 15:00.
  RateLimiter rl;
  const Rate login{20, 900};
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(rl.hit("login:198.51.100.7", login, T0 + 899s).allowed);
  int allowed_after_boundary = 0;
  for (int i = 0; i < 20; ++i) allowed_after_boundary += rl.hit("login:198.51.100.7", login, T0 + 900s).allowed;
  EXPECT_EQ(allowed_after_boundary, 0);
}

TEST(AuthRateLimiter, RefusedHitsDoNotCount) {
  RateLimiter rl;
  const Rate r{2, 60};
  rl.hit("k", r, T0);
  rl.hit("k", r, T0);
  for (int i = 0; i < 100; ++i) ASSERT_FALSE(rl.hit("k", r, T0 + 10s).allowed);
  // With previous = 2, allowed again 30 s into the next window — the 100 refusals did not push that back.
  EXPECT_TRUE(rl.hit("k", r, T0 + 90s).allowed);
}

TEST(AuthRateLimiter, RetryAfterIsExactForRandomTraffic) {
  // Whenever a hit is refused with retry_after = n, the same hit n - 1 seconds later is still refused and
  // n seconds later is allowed.
  std::mt19937 rng(12345);
  for (Rate r : {Rate{1, 1}, Rate{1, 60}, Rate{3, 60}, Rate{20, 900}, Rate{100, 3600}, Rate{7, 13}}) {
    RateLimiter rl;
    TimePoint now = T0 + 17s;
    int refusals = 0;
    for (int step = 0; step < 3000; ++step) {
      // Gaps average half the sustainable interval, so the traffic is about twice what the rate allows.
      now += std::chrono::milliseconds(
          std::uniform_int_distribution<int>(0, r.period_seconds * 1000 / r.count)(rng));
      auto d = rl.hit("k", r, now);
      if (d.allowed) continue;
      ++refusals;
      ASSERT_GE(d.retry_after, 1);
      ASSERT_LE(d.retry_after, 2 * r.period_seconds);
      if (d.retry_after > 1) {
        ASSERT_FALSE(rl.hit("k", r, now + std::chrono::seconds(d.retry_after - 1)).allowed)
            << r.count << "/" << r.period_seconds << " step " << step;
      }
      now += std::chrono::seconds(d.retry_after);
      ASSERT_TRUE(rl.hit("k", r, now).allowed) << r.count << "/" << r.period_seconds << " step " << step;
    }
    EXPECT_GT(refusals, 0) << r.count << "/" << r.period_seconds;
  }
}

TEST(AuthRateLimiter, KeysAreIndependent) {
  RateLimiter rl;
  const Rate r{1, 3600};
  EXPECT_TRUE(rl.hit("anon:203.0.113.1", r, T0).allowed);
  EXPECT_FALSE(rl.hit("anon:203.0.113.1", r, T0).allowed);
  EXPECT_TRUE(rl.hit("anon:203.0.113.2", r, T0).allowed);
  EXPECT_TRUE(rl.hit("user:1", r, T0).allowed);
}

TEST(AuthRateLimiter, AChangedPeriodStartsOver) {
  RateLimiter rl;
  EXPECT_TRUE(rl.hit("k", Rate{1, 3600}, T0).allowed);
  EXPECT_FALSE(rl.hit("k", Rate{1, 3600}, T0).allowed);
  EXPECT_TRUE(rl.hit("k", Rate{1, 60}, T0).allowed);
}

TEST(AuthRateLimiter, ClockSteppingBackDoesNotResetOrCrash) {
  RateLimiter rl;
  const Rate r{2, 60};
  EXPECT_TRUE(rl.hit("k", r, T0 + 200s).allowed);
  EXPECT_TRUE(rl.hit("k", r, T0 + 200s).allowed);
  auto d = rl.hit("k", r, T0 + 100s);
  EXPECT_FALSE(d.allowed);
  EXPECT_GE(d.retry_after, 1);
}

TEST(AuthRateLimiter, InvalidRateThrows) {
  RateLimiter rl;
  EXPECT_THROW(rl.hit("k", Rate{0, 60}, T0), Error);
  EXPECT_THROW(rl.hit("k", Rate{1, 0}, T0), Error);
}

TEST(AuthRateLimiter, ExpiredKeysArePurged) {
  RateLimiter rl;
  const Rate r{5, 60};
  for (int i = 0; i < 500; ++i) rl.hit("ip:" + std::to_string(i), r, T0);
  EXPECT_EQ(rl.size(), 500u);
  rl.purge(T0 + 119s);  // the next window still weighs the counts
  EXPECT_EQ(rl.size(), 500u);
  rl.purge(T0 + 120s);
  EXPECT_EQ(rl.size(), 0u);
}

TEST(AuthRateLimiter, StaleKeysArePurgedAutomaticallyAsTrafficContinues) {
  RateLimiter rl;
  const Rate r{5, 60};
  for (int i = 0; i < 500; ++i) rl.hit("old:" + std::to_string(i), r, T0);
  // Enough later traffic, over enough keys to reach every shard, for each shard to sweep at least once.
  for (int i = 0; i < 40'000; ++i) rl.hit("new:" + std::to_string(i % 2000), r, T0 + 1h);
  EXPECT_EQ(rl.size(), 2000u);
}

TEST(AuthRateLimiter, MemoryIsBoundedUnderManyDistinctKeys) {
  RateLimiter rl(64);
  const Rate r{5, 3600};
  for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(rl.hit("ip:" + std::to_string(i), r, T0 + std::chrono::milliseconds(i)).allowed);
  EXPECT_LE(rl.size(), 64u);
  EXPECT_GT(rl.size(), 0u);
}

TEST(AuthRateLimiter, ConcurrentHitsOnOneKeyNeverExceedTheCount) {
  RateLimiter rl;
  const Rate r{500, 3600};
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) allowed += rl.hit("user:1", r, T0 + 5s).allowed;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 500);
}

TEST(AuthRateLimiter, ConcurrentHitsOnManyKeys) {
  RateLimiter rl;
  const Rate r{10, 60};
  std::atomic<int> allowed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 5000; ++i) allowed += rl.hit("k" + std::to_string((i * 7 + t) % 100), r, T0).allowed;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(allowed.load(), 100 * 10);
  EXPECT_EQ(rl.size(), 100u);
}
