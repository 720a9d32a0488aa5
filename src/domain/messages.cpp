#include "domain/messages.hpp"

#include "common/i18n.hpp"

namespace the5hc::domain {

std::string fill(std::string_view msgid,
                 std::initializer_list<std::pair<std::string_view, std::string>> values) {
  return i18n::args(msgid, values);
}

}  // namespace the5hc::domain
