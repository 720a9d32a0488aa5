#include <iostream>

#include "app/cli.hpp"
#include "common/i18n.hpp"

namespace the5hc::cli {

Error input_error(const FieldErrors& errors) {
  Lang lang = message_language();
  std::string line;
  for (const auto& [field, messages] : errors)
    for (const auto& m : messages)  // msgids may carry values (i18n::args): the text with them filled in
      line += (line.empty() ? "" : "; ") + field + ": " + i18n::translate(lang, m);
  // Already translated: the message carries no msgid any more, and translate() passes unknown text through.
  return Error(ErrorCode::usage, line.empty() ? i18n::translate(lang, "Invalid input.") : line);
}

std::string error_text(const Error& e, Lang lang) {
  // A field error's message is also its first field message: say it once, under the field.
  bool fields_say_it = e.code() == ErrorCode::validation && !e.fields().empty();
  std::string text =
      "the5hc: " + i18n::translate(lang, fields_say_it ? "Invalid input." : std::string_view(e.message()), e.args) + "\n";
  for (const auto& [field, messages] : e.fields())
    for (const auto& m : messages) text += "  " + field + ": " + i18n::translate(lang, m, e.args) + "\n";
  return text;
}

}  // namespace the5hc::cli
