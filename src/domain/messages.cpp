#include "domain/messages.hpp"

namespace the5hc::domain {

std::string fill(std::string_view msgid,
                 std::initializer_list<std::pair<std::string_view, std::string>> values) {
  std::string s(msgid);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + std::string(name) + "}";
    for (auto pos = s.find(placeholder); pos != std::string::npos; pos = s.find(placeholder, pos + value.size()))
      s.replace(pos, placeholder.size(), value);
  }
  return s;
}

}  // namespace the5hc::domain
