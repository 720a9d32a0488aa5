#pragma once
// Reference data (DOMAIN.md §1.8): test standards and normative data as the tables hold them, so an edit by the
// platform owner counts in scoring and percentiles.
#include <vector>

#include "domain/reference_data.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

std::vector<domain::TestStandard> load_test_standards(soci::session& sql);  // active rows
std::vector<domain::NormativeRow> load_normative_data(soci::session& sql);

}  // namespace the5hc::store
