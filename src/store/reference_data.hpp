#pragma once
// Reference data (DOMAIN.md §1.8): test standards and normative data as the tables hold them, so an edit by the
// platform owner counts in scoring and percentiles.
#include <cstdint>
#include <string>
#include <vector>

#include "domain/reference_data.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

std::vector<domain::TestStandard> load_test_standards(soci::session& sql);  // active rows
std::vector<domain::NormativeRow> load_normative_data(soci::session& sql);

// Which database and which state of its reference tables (standards, norms, MCQ bank): `stamp` changes with every
// write to them (triggers of migration 0004), so equal stamps mean equal data.
struct ReferenceStamp {
  std::string instance;
  std::int64_t stamp = 0;
  bool operator==(const ReferenceStamp&) const = default;
};
ReferenceStamp reference_stamp(soci::session& sql);

}  // namespace the5hc::store
