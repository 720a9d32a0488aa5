#pragma once
// /static/ (WEB.md §1, OPERATIONS.md §4): only files embedded under static/ (ours and the npm bundles copied to
// static/vendor/), each at ONE content-hashed URL, "static/app.js" → "/static/app.3f9c1a2b7d.js", served with
// `Cache-Control: public, max-age=31536000, immutable`. Every other /static/ path is 404: nothing is read from the
// file system, so there is no path to traverse.
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace the5hc::http {

// The URL of an embedded asset named relative to static/ ("app.js", "vendor/htmx.min.js"), for templates.
// Throws std::invalid_argument for a name that is not embedded: a broken link is a programming error.
std::string static_url(std::string_view name);

// One GET route per embedded static file, at its hashed URL.
void register_static_routes(Router& router);

}  // namespace the5hc::http
