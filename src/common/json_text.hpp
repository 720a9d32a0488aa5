#pragma once
// Minimal JSON string quoting for hot paths (log lines, tiny bodies) that should not pull in nlohmann-json.
#include <string>
#include <string_view>

namespace the5hc {

// Appends `s` as a JSON string literal (with quotes). UTF-8 passes through unescaped (Korean stays readable);
// control characters are escaped; bytes that are not valid UTF-8 become U+FFFD so the output is always valid JSON.
void append_json_string(std::string& out, std::string_view s);
inline std::string json_quote(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace the5hc
