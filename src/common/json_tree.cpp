#include "common/json_tree.hpp"

#include <charconv>

#include "common/json_text.hpp"

namespace the5hc {

void append_json(std::string& out, const nlohmann::json& v) {
  using Type = nlohmann::json::value_t;
  char buf[24];
  switch (v.type()) {
    case Type::object: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!first) out += ',';
        first = false;
        append_json_string(out, it.key());  // keys may be a request's own (field errors): quoted like values
        out += ':';
        append_json(out, it.value());
      }
      out += '}';
      return;
    }
    case Type::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v) {
        if (!first) out += ',';
        first = false;
        append_json(out, item);
      }
      out += ']';
      return;
    }
    case Type::string: append_json_string(out, v.get_ref<const std::string&>()); return;
    case Type::boolean: out += v.get<bool>() ? "true" : "false"; return;
    case Type::number_integer: out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get<std::int64_t>()).ptr); return;
    case Type::number_unsigned: out.append(buf, std::to_chars(buf, buf + sizeof buf, v.get<std::uint64_t>()).ptr); return;
    case Type::number_float: append_json_number(out, v.get<double>()); return;
    case Type::binary: out += v.dump(); return;  // never built by this program; nlohmann's own form
    case Type::null:
    case Type::discarded: out += "null"; return;
  }
}

}  // namespace the5hc
