// The template renderer (web/view.cpp, kainjow mustache over the embedded templates/) and the page formatters
// (web/format.cpp) with hostile data values. The first bytes pick a template; every name its text (and its
// partials') uses gets a value chosen by the fuzzer — absent, a hostile string, true/false, a number, or a list of
// such objects — so sections, inverted sections and loops all run. Every string starts with "<fz", so the output
// must never contain "<fz": user data is always HTML-escaped (WEB.md §8; only {{{content}}}, the page's own
// rendered HTML, is unescaped and gets a fixed value here). Rendering must not throw for any data.
#include <fuzzer/FuzzedDataProvider.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "common/embedded.hpp"
#include "fuzz_support.hpp"
#include "web/format.hpp"
#include "web/view.hpp"

using namespace the5hc;
using nlohmann::json;

namespace {

struct Template {
  std::string name;
  std::vector<std::string> names;  // data names used by it and by the partials it includes
};

std::vector<Template> load_templates() {
  std::map<std::string, std::string> text;
  for (const auto& f : embedded::all())
    if (f.path.starts_with("templates/") && f.path.ends_with(".html"))
      text[std::string(f.path.substr(10, f.path.size() - 15))] = std::string(f.data);
  std::vector<Template> out;
  for (const auto& [name, body] : text) {
    std::set<std::string> names;
    std::vector<std::string> todo{name};
    std::set<std::string> seen;
    while (!todo.empty()) {
      std::string current = todo.back();
      todo.pop_back();
      if (!seen.insert(current).second || !text.count(current)) continue;
      const std::string& t = text[current];
      // Tags: {{name}}, {{{name}}}, {{#name}}, {{^name}}, {{/name}}, {{&name}}, {{> partial}}, {{! comment}}.
      for (size_t open = t.find("{{"); open != std::string::npos; open = t.find("{{", open + 2)) {
        size_t close = t.find("}}", open + 2);
        if (close == std::string::npos) break;
        std::string tag = t.substr(open + 2, close - open - 2);
        while (!tag.empty() && (tag.front() == '{' || tag.front() == ' ')) tag.erase(0, 1);
        char kind = tag.empty() ? '!' : tag.front();
        if (kind == '#' || kind == '^' || kind == '/' || kind == '>' || kind == '&' || kind == '!') tag.erase(0, 1);
        while (!tag.empty() && tag.front() == ' ') tag.erase(0, 1);
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '}')) tag.pop_back();
        if (tag.empty() || kind == '!' || kind == '/') continue;
        if (kind == '>') todo.push_back(tag);
        else if (tag != "t" && tag != "content") names.insert(tag.substr(0, tag.find('.')));
      }
    }
    out.push_back({name, std::vector<std::string>(names.begin(), names.end())});
  }
  return out;
}

json value(FuzzedDataProvider& in, const std::vector<std::string>& names, int depth);

json object(FuzzedDataProvider& in, const std::vector<std::string>& names, int depth) {
  json o = json::object();
  for (const auto& n : names) {
    if (in.remaining_bytes() == 0) break;
    json v = value(in, names, depth);
    if (!v.is_discarded()) o[n] = std::move(v);
  }
  return o;
}

json value(FuzzedDataProvider& in, const std::vector<std::string>& names, int depth) {
  switch (in.ConsumeIntegralInRange(0, 7)) {
    case 0: case 1: return json(json::value_t::discarded);
    case 2: case 3: return "<fz" + in.ConsumeRandomLengthString(40);
    case 4: return in.ConsumeBool();
    case 5: return in.ConsumeBool() ? json(in.ConsumeIntegral<std::int64_t>()) : json(in.ConsumeFloatingPoint<double>());
    case 6: return nullptr;
    default: {
      if (depth >= 2) return "<fz";
      if (in.ConsumeBool()) return object(in, names, depth + 1);  // {{client.name}}
      json list = json::array();
      for (int n = in.ConsumeIntegralInRange(0, 2); n > 0; --n) list.push_back(object(in, names, depth + 1));
      return list;
    }
  }
}

void formatters(FuzzedDataProvider& in) {
  static const char* zones[] = {"Asia/Seoul", "UTC", "America/New_York", "Europe/London"};
  Lang lang = in.ConsumeBool() ? Lang::ko : Lang::en;
  (void)web::money(in.ConsumeIntegral<std::int64_t>());
  (void)web::one_decimal(in.ConsumeFloatingPoint<double>());
  std::string text = in.ConsumeRandomLengthString(40);
  (void)web::long_date(text, lang);
  std::string zone = in.ConsumeBool() ? zones[in.ConsumeIntegralInRange(0, 3)] : in.ConsumeRandomLengthString(20);
  (void)web::local_date_time(text, zone);
  (void)web::local_day(text, zone);
  // Up to 200 years back (system_clock counts nanoseconds: ±292 years fit).
  TimePoint now = std::chrono::system_clock::now();
  TimePoint then = now - std::chrono::seconds(in.ConsumeIntegralInRange<std::int64_t>(-86400, 200LL * 86400 * 365));
  (void)web::relative_time(then, now, lang);
  (void)web::plural(lang, "{n} day ago", "{n} days ago", in.ConsumeIntegral<std::int64_t>());
}

}  // namespace

const std::vector<Template>* templates_ = nullptr;

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  templates_ = new std::vector<Template>(load_templates());
  (void)i18n::catalog_size();  // parse the catalogs outside the first input's time limit
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<Template>& templates = *templates_;
  FuzzedDataProvider in(data, size);
  const Template& t = templates[in.ConsumeIntegralInRange<std::size_t>(0, templates.size() - 1)];
  Lang lang = in.ConsumeBool() ? Lang::ko : Lang::en;
  fuzz::expect_only_product_errors("formatters", [&] { formatters(in); });
  json root = object(in, t.names, 0);
  root["content"] = "<main>page</main>";
  std::string html;
  fuzz::expect_only_product_errors(t.name.c_str(), [&] { html = web::render(t.name, root, lang); });
  if (html.find("<fz") != std::string::npos)
    fuzz::fail("unescaped data in " + t.name + ": " + html.substr(html.find("<fz"), 80));
  return 0;
}
