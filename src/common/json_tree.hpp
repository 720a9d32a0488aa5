#pragma once
// nlohmann::json trees as text, written with json_text's quoting and numbers instead of nlohmann's serializer: its
// per-character escaping and grisu2 were a tenth of an assessment create (issue 11), which answers with a tree and
// stores two more. Same text as dump(-1, ' ', false, error_handler_t::replace) — objects in the tree's (sorted) key
// order, invalid UTF-8 as U+FFFD — except that a double never gets a 17th digit it does not need, and DEL is
// escaped (\u007f); both read back the same.
#include <nlohmann/json.hpp>
#include <string>

namespace the5hc {

void append_json(std::string& out, const nlohmann::json& v);
inline std::string json_text(const nlohmann::json& v) {
  std::string out;
  append_json(out, v);
  return out;
}

}  // namespace the5hc
