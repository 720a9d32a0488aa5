#pragma once
// Labels of the audit-log actions of DOMAIN.md §10.1 (회원 등록 / Client created …), for action_display.
#include <string_view>

#include "domain/label.hpp"

namespace the5hc::domain {

// nullptr for an action without a label (shown as its code).
const Label* audit_action_label(std::string_view action);

}  // namespace the5hc::domain
