#pragma once
// A browser signed in through the web login form, for the server-rendered pages' tests: its session cookie and the
// CSRF token of its pages; requests carry both like HTMX does.
#include <map>
#include <string>

#include "support/harness.hpp"

namespace the5hc::testing {

struct WebBrowser {
  int port = 0;
  std::string session, csrf;
  // POSTs are form-encoded and carry the X-CSRFToken header.
  HttpResponse request(const std::string& method, const std::string& path, const std::string& body = "",
                       std::map<std::string, std::string> headers = {}) const;
};

WebBrowser sign_in_browser(int port, const std::string& username, const std::string& password);

}  // namespace the5hc::testing
