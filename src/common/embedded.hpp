#pragma once
// Files compiled into the binary (migrations, templates, catalogs, static assets); see cmake/embed.cmake.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace the5hc::embedded {

struct File {
  std::string_view path;  // relative to the repository root, e.g. "migrations/0001_initial.up.sqlite.sql"
  std::string_view data;
  std::string_view sha256;  // hex SHA-256 of the file when it was embedded
};

const std::vector<File>& all();

// Paths of embedded files whose content no longer matches its build-time SHA-256 (a damaged binary), plus those of
// `required` that are not embedded at all. Empty = everything intact (`check`, E009).
std::vector<std::string> damaged(const std::vector<std::string_view>& required);

inline std::optional<std::string_view> find(std::string_view path) {
  for (const auto& f : all())
    if (f.path == path) return f.data;
  return std::nullopt;
}

}  // namespace the5hc::embedded
