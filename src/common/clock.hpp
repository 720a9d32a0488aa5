#pragma once
// Time source. Code that decides by time (token expiry, locks, rate windows) takes `now` as a parameter or a
// Clock& so tests can move time deliberately instead of sleeping.
#include <atomic>
#include <chrono>

namespace the5hc {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
  static SystemClock& instance() {
    static SystemClock clock;
    return clock;
  }
};

// Settable clock for tests; atomic because the code under test may read it from worker threads.
class TestClock final : public Clock {
 public:
  explicit TestClock(TimePoint start = TimePoint{std::chrono::seconds{1'750'000'000}})
      : ticks_(start.time_since_epoch().count()) {}
  TimePoint now() const override { return TimePoint{TimePoint::duration{ticks_.load()}}; }
  void set(TimePoint t) { ticks_.store(t.time_since_epoch().count()); }
  void advance(TimePoint::duration d) { ticks_.fetch_add(d.count()); }

 private:
  std::atomic<TimePoint::duration::rep> ticks_;
};

}  // namespace the5hc
