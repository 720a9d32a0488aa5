#pragma once
// The account pages of the web UI (WEB.md §4.1): GET/POST /accounts/login/ and POST /accounts/logout/. They use
// the same login rules as the API (service::login) and keep the browser's identity in a web session.
#include "service/context.hpp"
#include "http/router.hpp"

namespace the5hc::web {

void register_account_routes(http::Router& router, const service::Dependencies& deps);

// `next` when it is a path on this site ("/clients/?page=2"), else "/": never another origin ("//evil", "https:",
// "/\\evil"), so a login link cannot send the user elsewhere.
std::string safe_next(const std::string& next);

}  // namespace the5hc::web
