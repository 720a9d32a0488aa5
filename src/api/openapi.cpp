#include "api/openapi.hpp"

#include <map>
#include <stdexcept>

#include "common/embedded.hpp"
#include "http/json_response.hpp"

namespace the5hc::api {
namespace {

using nlohmann::json;

json parse(std::string_view path, std::string_view text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::logic_error(std::string(path) + ": " + e.what());
  }
}

// Adds `from` (an object of named entries) into `into`; `owners` remembers which file defined each key so a
// clash names both files.
void merge_named(json& into, const json& from, const std::string& what, std::string_view file,
                 std::map<std::string, std::string>& owners) {
  for (const auto& [name, value] : from.items()) {
    std::string key = what + " " + name;
    if (into.contains(name) && into[name] != value)
      throw std::logic_error(key + " is defined differently in " + owners[key] + " and " + std::string(file));
    into[name] = value;
    owners.emplace(key, std::string(file));
  }
}

json build() {
  auto base_text = embedded::find("openapi/base.json");
  if (!base_text) throw std::logic_error("openapi/base.json is not embedded");
  json doc = parse("openapi/base.json", *base_text);
  std::map<std::string, std::string> owners;
  for (const auto& f : embedded::all()) {
    if (!f.path.starts_with("openapi/paths/") || !f.path.ends_with(".json")) continue;
    json part = parse(f.path, f.data);
    // Named locals: iterating items() of a temporary would dangle.
    const json paths = part.value("paths", json::object());
    const json components = part.value("components", json::object());
    for (const auto& [path, operations] : paths.items())
      merge_named(doc["paths"][path], operations, "operation on " + path + ":", f.path, owners);
    for (const auto& [section, entries] : components.items())
      merge_named(doc["components"][section], entries, "components/" + section + "/", f.path, owners);
  }
  return doc;
}

}  // namespace

json openapi_document() { return build(); }

const std::string& openapi_json() {
  static const std::string text = http::dump_json(build());
  return text;
}

}  // namespace the5hc::api
