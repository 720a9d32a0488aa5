#include "app/cli.hpp"

#include "common/i18n.hpp"

namespace the5hc::cli {

Error input_error(const FieldErrors& errors) {
  std::string line;
  for (const auto& [field, messages] : errors)
    for (const auto& m : messages)  // msgids may carry values (i18n::args): English text with them filled in
      line += (line.empty() ? "" : "; ") + field + ": " + i18n::translate(Lang::en, m);
  return Error(ErrorCode::usage, line.empty() ? "invalid input" : line);
}

}  // namespace the5hc::cli
