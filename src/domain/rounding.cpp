#include "domain/rounding.hpp"

#include <cmath>
#include <cstdio>

namespace the5hc::domain {

namespace {
constexpr double nudge = 1e-9;
}

double round1(double x) { return std::round((x + std::copysign(nudge, x)) * 10.0) / 10.0; }

std::int64_t round0(double x) { return static_cast<std::int64_t>(std::llround(x + std::copysign(nudge, x))); }

std::int64_t round_div(std::int64_t a, std::int64_t b) { return (2 * a + b) / (2 * b); }

bool at_least(double v, double threshold) { return v >= threshold - nudge; }

std::string format1(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", round1(x));
  return buf;
}

}  // namespace the5hc::domain
