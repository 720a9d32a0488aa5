#include "common/embedded.hpp"

#include "common/digest.hpp"

namespace the5hc::embedded {

std::vector<std::string> damaged(const std::vector<std::string_view>& required) {
  std::vector<std::string> out;
  for (const auto& f : all())
    if (digest::sha256_hex(f.data) != f.sha256) out.emplace_back(f.path);
  for (auto path : required)
    if (!find(path)) out.emplace_back(path);
  return out;
}

}  // namespace the5hc::embedded
