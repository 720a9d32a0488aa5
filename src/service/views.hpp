#pragma once
// The shapes use cases return so that a caller renders from one call: the rows and the zone their dates and
// timestamps are shown in (the organisation's, else Config::time_zone).
#include <cstdint>
#include <string>
#include <vector>

namespace the5hc::service {

// One object as shown.
template <class Row>
struct Shown {
  Row row;
  std::string zone;
};

// A list as shown: `count` is the total over every page (the rows' own number for unpaged lists).
template <class Row>
struct Rows {
  std::int64_t count = 0;
  std::vector<Row> results;
  std::string zone;
};

}  // namespace the5hc::service
