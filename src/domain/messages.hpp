#pragma once
// Messages that carry values: a msgid with `{name}` placeholders and the values to put in. Filled in here, in
// English; this is the one place to switch to i18n::args (common/i18n) so the catalog can translate them too.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace the5hc::domain {

std::string fill(std::string_view msgid, std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace the5hc::domain
