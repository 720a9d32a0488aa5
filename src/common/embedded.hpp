#pragma once
// Files compiled into the binary (migrations, templates, catalogs, static assets); see cmake/embed.cmake.
#include <optional>
#include <string_view>
#include <vector>

namespace the5hc::embedded {

struct File {
  std::string_view path;  // relative to the repository root, e.g. "migrations/0001_initial.up.sqlite.sql"
  std::string_view data;
};

const std::vector<File>& all();

inline std::optional<std::string_view> find(std::string_view path) {
  for (const auto& f : all())
    if (f.path == path) return f.data;
  return std::nullopt;
}

}  // namespace the5hc::embedded
