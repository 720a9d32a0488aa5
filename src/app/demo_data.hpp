#pragma once
// The demo studio of `the5hc demo-data` (OPERATIONS.md §2): "데모 피트니스 센터" with owner `demo`, `demo-trainer`
// and `demo-assistant`, about 50 clients with assessment histories (some outdoor, some with the questionnaire),
// and 6 packages with bookings, completions and payments over the last 7 weeks. Everything is written through the
// use cases (service/), under a simulated clock that walks through the past so that booking rules, timestamps,
// audit rows and notifications look as if the studio had been used; deterministic for a given day.
#include <string>

#include "common/clock.hpp"

namespace the5hc {
struct Config;
namespace store {
class Database;
}

namespace app {

inline constexpr const char* kDemoOrganization = "데모 피트니스 센터";
inline constexpr const char* kDemoPassword = "demo-pass-1234";

struct DemoSummary {
  bool created = false;  // false: the demo users already existed and nothing was written
  int clients = 0, assessments = 0, questionnaires = 0, packages = 0, sessions = 0, payments = 0;
};

// Creates the demo studio unless the user `demo` exists. `now` is the real present; nothing is dated after it
// except the bookings of the coming week.
DemoSummary load_demo_data(store::Database& db, const Config& config, TimePoint now);

}  // namespace app
}  // namespace the5hc
