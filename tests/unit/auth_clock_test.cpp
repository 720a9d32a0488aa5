#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "common/clock.hpp"

using namespace the5hc;
using namespace std::chrono_literals;

TEST(AuthClock, TestClockIsSettableAndAdvances) {
  TestClock clock(TimePoint{1'750'000'000s});
  EXPECT_EQ(clock.now(), TimePoint{1'750'000'000s});
  clock.advance(90s);
  EXPECT_EQ(clock.now(), TimePoint{1'750'000'090s});
  clock.advance(250ms);
  EXPECT_EQ(clock.now(), TimePoint{1'750'000'090s} + 250ms);
  clock.set(TimePoint{42s});
  EXPECT_EQ(clock.now(), TimePoint{42s});
  const Clock& as_interface = clock;
  EXPECT_EQ(as_interface.now(), TimePoint{42s});
}

TEST(AuthClock, TestClockAdvancesAtomicallyFromSeveralThreads) {
  TestClock clock(TimePoint{0s});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) clock.advance(1ms);
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(clock.now(), TimePoint{4s});
}

TEST(AuthClock, SystemClockFollowsTheRealClock) {
  auto before = std::chrono::system_clock::now();
  auto t = SystemClock::instance().now();
  auto after = std::chrono::system_clock::now();
  EXPECT_LE(before, t);
  EXPECT_LE(t, after);
}
