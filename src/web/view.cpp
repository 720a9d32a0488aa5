#include "web/view.hpp"

#include <kainjow/mustache.hpp>
#include <map>
#include <stdexcept>

#include "common/embedded.hpp"

namespace the5hc::web {
namespace {

namespace mu = kainjow::mustache;

constexpr std::string_view kPrefix = "templates/";
constexpr std::string_view kSuffix = ".html";

// name ("clients/list") → text, built once from the embedded files.
const std::map<std::string, std::string_view, std::less<>>& templates() {
  static const auto table = [] {
    std::map<std::string, std::string_view, std::less<>> t;
    for (const auto& f : embedded::all())
      if (f.path.starts_with(kPrefix) && f.path.ends_with(kSuffix)) {
        std::string_view name = f.path.substr(kPrefix.size(), f.path.size() - kPrefix.size() - kSuffix.size());
        t.emplace(std::string(name), f.data);
      }
    return t;
  }();
  return table;
}

// Mustache has no numbers or null: numbers become their text, null and false are false (a section skips them).
mu::data to_data(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mu::data d{mu::data::type::object};
      for (const auto& [k, v] : j.items()) d.set(k, to_data(v));
      return d;
    }
    case json::value_t::array: {
      mu::data d{mu::data::type::list};
      for (const auto& v : j) d.push_back(to_data(v));
      return d;
    }
    case json::value_t::string: return mu::data{j.get<std::string>()};
    case json::value_t::boolean: return mu::data{j.get<bool>()};
    case json::value_t::null: return mu::data{false};
    default: return mu::data{j.dump()};
  }
}

}  // namespace

std::string render(const std::string& name, const json& data, Lang lang) {
  const auto& all = templates();
  auto it = all.find(name);
  if (it == all.end()) throw std::runtime_error("no template " + name);
  mu::data root = to_data(data);
  // Partials share the lookup of data names, so only fragments ("_flash", "clients/_table") are partials: a page
  // name such as "error" must not shadow a data field of the same name.
  for (const auto& [partial_name, text] : all) {
    auto slash = partial_name.rfind('/');
    if (partial_name[slash == std::string::npos ? 0 : slash + 1] != '_') continue;
    std::string_view body = text;
    root.set(partial_name, mu::partial{[body] { return std::string(body); }});
  }
  root.set("t", mu::lambda{[lang](const std::string& msgid) { return i18n::tr(lang, msgid); }});
  mu::mustache tmpl{std::string(it->second)};
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  std::string out = tmpl.render(root);
  if (!tmpl.is_valid()) throw std::runtime_error("template " + name + ": " + tmpl.error_message());
  return out;
}

std::vector<std::string> template_msgids() {
  std::vector<std::string> out;
  for (const auto& [name, text] : templates()) {
    for (size_t at = text.find("{{#t}}"); at != std::string_view::npos; at = text.find("{{#t}}", at + 1)) {
      size_t start = at + 6, end = text.find("{{/t}}", start);
      if (end == std::string_view::npos) break;
      out.emplace_back(text.substr(start, end - start));
    }
  }
  return out;
}

}  // namespace the5hc::web
