#pragma once
// Choices are stored as a code and shown with a Korean and an English label (DOMAIN.md §0). Each enum keeps one
// table of them, indexed by the enum's value, used both ways.
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace the5hc::domain {

struct Label {
  const char* code;
  const char* ko;
  const char* en;
};

template <class E, std::size_t N>
const Label& label_of(const std::array<Label, N>& table, E value) {
  return table[static_cast<std::size_t>(value)];
}

template <class E, std::size_t N>
std::optional<E> parse_code(const std::array<Label, N>& table, std::string_view code) {
  for (std::size_t i = 0; i < N; ++i)
    if (code == table[i].code) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace the5hc::domain
