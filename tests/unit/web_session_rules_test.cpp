// The pure parts of the session layer: cookie parsing and Set-Cookie values, the login page's `next` rule and the
// CSRF origin comparison.
#include <gtest/gtest.h>

#include "http/cookies.hpp"
#include "web/accounts.hpp"
#include "front/session.hpp"

using namespace the5hc;

TEST(Cookies, FindsTheNamedCookieAcrossHeadersAndIgnoresLookalikes) {
  http::Request req;
  req.headers.add("Cookie", "xsessionid=wrong; lang=ko;sessionid = abc ");
  req.headers.add("Cookie", "csrftoken=\"quoted\"; sessionid=second");
  EXPECT_EQ(http::cookie(req, "sessionid"), "abc");
  EXPECT_EQ(http::cookie(req, "csrftoken"), "quoted");
  EXPECT_EQ(http::cookie(req, "lang"), "ko");
  EXPECT_FALSE(http::cookie(req, "session").has_value());
  EXPECT_FALSE(http::cookie(http::Request{}, "sessionid").has_value());
}

TEST(Cookies, SetCookieCarriesTheRequestedAttributes) {
  EXPECT_EQ(http::set_cookie("sessionid", "v", {.max_age = 86400, .secure = true}),
            "sessionid=v; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax; Secure");
  EXPECT_EQ(http::set_cookie("lang", "en", {.http_only = false}), "lang=en; Path=/; SameSite=Lax");
}

TEST(LoginNext, OnlyPathsOfThisSiteAreFollowed) {
  EXPECT_EQ(web::safe_next("/clients/?page=2"), "/clients/?page=2");
  for (const char* bad : {"", "https://evil.example", "//evil.example", "/\\evil.example", "clients/",
                          "/x\r\nSet-Cookie: a=b", "javascript:alert(1)"})
    EXPECT_EQ(web::safe_next(bad), "/") << bad;
}

TEST(CsrfOrigin, OwnOriginOrTrustedEntriesOnly) {
  http::Request req;
  req.host = "Studio.example.com:8443";
  req.secure = true;
  std::vector<std::string> trusted = {"https://admin.example.com"};
  EXPECT_TRUE(front::trusted_origin(req, trusted, "https://studio.example.com:8443"));
  EXPECT_TRUE(front::trusted_origin(req, trusted, "https://ADMIN.example.com"));
  EXPECT_FALSE(front::trusted_origin(req, trusted, "http://studio.example.com:8443")) << "scheme differs";
  EXPECT_FALSE(front::trusted_origin(req, trusted, "https://studio.example.com")) << "port differs";
  EXPECT_FALSE(front::trusted_origin(req, trusted, "https://evil.example.com"));
  EXPECT_FALSE(front::trusted_origin(req, trusted, "null"));
}
