#include "support/web_browser.hpp"

#include <gtest/gtest.h>

#include "http/message.hpp"
#include "support/suite_server.hpp"

namespace the5hc::testing {

HttpResponse WebBrowser::request(const std::string& method, const std::string& path, const std::string& body,
                                 std::map<std::string, std::string> headers) const {
  headers["Cookie"] = "sessionid=" + session + (headers.count("Cookie") ? "; " + headers["Cookie"] : "");
  if (method != "GET") {
    headers["X-CSRFToken"] = csrf;
    headers.emplace("Content-Type", "application/x-www-form-urlencoded");
  }
  return http_request(port, method, path, body, headers);
}

WebBrowser sign_in_browser(int port, const std::string& username, const std::string& password) {
  auto page = http_request(port, "GET", "/accounts/login/");
  EXPECT_EQ(page.status, 200);
  std::string cookie = "csrftoken=" + cookie_value(page, "csrftoken");
  auto r = http_request(port, "POST", "/accounts/login/",
                        "csrfmiddlewaretoken=" + http::url_encode(form_csrf_token(page.body)) +
                            "&email_or_username=" + username + "&password=" + http::url_encode(password),
                        {{"Cookie", cookie}, {"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(r.status, 303) << r.body;
  WebBrowser b{port, cookie_value(r, "sessionid"), ""};
  // The password page is open even to users who must change their password first.
  b.csrf = form_csrf_token(b.request("GET", "/accounts/password/").body);
  EXPECT_FALSE(b.csrf.empty());
  return b;
}

}  // namespace the5hc::testing
