#pragma once
// Labels of the audit-log actions of DOMAIN.md §10.1 (회원 등록 / Client created …), for action_display.
#include <span>
#include <string_view>

#include "domain/label.hpp"

namespace the5hc::domain {

// nullptr for an action without a label (shown as its code).
const Label* audit_action_label(std::string_view action);
// Every labelled action in the order of DOMAIN.md §10.1 (the audit page's 작업 filter).
std::span<const Label> audit_action_labels();

}  // namespace the5hc::domain
