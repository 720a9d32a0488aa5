#pragma once
// Templates (WEB.md §2, §8): templates/<name>.html, embedded in the binary and rendered with kainjow mustache from
// a JSON view model. Fragments — templates whose file name starts with "_" — are also partials under their name
// ({{> clients/_table}}), so a page and the fragment that HTMX swaps are the same text. Visible text is written in English inside {{#t}}…{{/t}} and
// translated for the request's language (the msgids of locale/ko/LC_MESSAGES/web.po); texts with values are
// translated by the handler (i18n::args) and passed as data.
//
// Escaping: {{value}} is HTML-escaped, which is right for element text and double-quoted attribute values but not
// for href, style or script: user data never goes there (ids are numbers, URLs are built from them).
#include <nlohmann/json.hpp>
#include <string>

#include "common/i18n.hpp"

namespace the5hc::web {

using nlohmann::json;

// Renders templates/<name>.html. Throws std::runtime_error for a missing or malformed template (a programming
// error, answered with 500).
std::string render(const std::string& name, const json& data, Lang lang);

// The msgids of every {{#t}}…{{/t}} section in the templates (for the catalog completeness test).
std::vector<std::string> template_msgids();

}  // namespace the5hc::web
