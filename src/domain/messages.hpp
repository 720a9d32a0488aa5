#pragma once
// Messages that carry values: a msgid with `{name}` placeholders and the values to put in, encoded with
// i18n::args so the edge translates the msgid and then fills the values in (i18n::translate(Lang::en, m) gives the
// English text).
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace the5hc::domain {

std::string fill(std::string_view msgid, std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace the5hc::domain
