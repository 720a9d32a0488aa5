#include "app/cli.hpp"

namespace the5hc::cli {

Error input_error(const FieldErrors& errors) {
  std::string line;
  for (const auto& [field, messages] : errors)
    for (const auto& m : messages) line += (line.empty() ? "" : "; ") + field + ": " + m;
  return Error(ErrorCode::usage, line.empty() ? "invalid input" : line);
}

}  // namespace the5hc::cli
