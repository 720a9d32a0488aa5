#pragma once
// DOMAIN.md §0 rounding. The rules are stated in exact arithmetic; with double a nudge of 1e-9 toward the sign
// before rounding makes 2.4000000000000004 → 2.4 and 76.25 → 76.3 (binary noise never decides a half).
#include <cstdint>
#include <string>

namespace the5hc::domain {

// round half away from zero to one decimal
double round1(double x);
// round half up (away from zero) to an integer
std::int64_t round0(double x);
// round0(a / b) for a ≥ 0, b > 0 in integers: (2a + b) div 2b (DOMAIN.md §4)
std::int64_t round_div(std::int64_t a, std::int64_t b);
// v ≥ threshold, tolerant of binary noise in sums and means of one-decimal inputs
bool at_least(double v, double threshold);
// round1(x) printed with exactly one decimal ("22.9", "-3.0")
std::string format1(double x);

}  // namespace the5hc::domain
