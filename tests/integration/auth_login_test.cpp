// Login over the API with the rules of DOMAIN.md §7.1 (the lockout sequence of §12 #48) and bearer authentication.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {
class LoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto env = base_env(db_);
    ASSERT_EQ(run_the5hc({"migrate"}, env, db_.dir()).exit_code, 0);
    create_user(db_, "owner1", "Studio-pass-77", {"--create-organization", "Studio A"});
    server_ = std::make_unique<ServerProcess>(env, db_.dir());
  }
  HttpResponse attempt(const std::string& who, const std::string& password) {
    return http_request(server_->port(), "POST", "/api/v1/auth/login/",
                        json{{"email_or_username", who}, {"password", password}}.dump());
  }
  TestDatabase db_;
  std::unique_ptr<ServerProcess> server_;
};
}  // namespace

TEST_F(LoginTest, TokensAuthenticateTheUserByUsernameOrEmail) {
  auto r = attempt("OWNER1", "Studio-pass-77");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body);
  EXPECT_EQ(body["user"]["username"], "owner1");
  EXPECT_EQ(body["user"]["trainer"]["role"], "owner");
  EXPECT_EQ(body["user"]["trainer"]["organization"]["slug"], "studio-a");
  auto me = server_->get("/api/v1/users/me/", bearer(body["access"]));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(json::parse(me.body)["email"], "owner1@example.com");
  EXPECT_EQ(attempt("owner1@example.com", "Studio-pass-77").status, 200);
}

TEST_F(LoginTest, MissingOrBadTokensAre401WithTheApiShape) {
  auto anonymous = server_->get("/api/v1/users/me/");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(json::parse(anonymous.body)["code"], "not_authenticated");
  EXPECT_EQ(anonymous.header("www-authenticate"), "Bearer realm=\"api\"");
  auto refresh_as_access = json::parse(attempt("owner1", "Studio-pass-77").body)["refresh"].get<std::string>();
  auto wrong_type = server_->get("/api/v1/users/me/", bearer(refresh_as_access));
  EXPECT_EQ(wrong_type.status, 401);
  EXPECT_EQ(json::parse(wrong_type.body)["code"], "token_not_valid");
  // alg=none: header {"alg":"none","typ":"JWT"}, payload {"token_type":"access","user_id":1,...}, no signature
  std::string none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
                     "eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwidXNlcl9pZCI6MSwiZXhwIjo0MTAyNDQ0ODAwLCJpYXQiOjE3MDAwMDAwMDAsImp0aSI6ImFiYyJ9.";
  EXPECT_EQ(server_->get("/api/v1/users/me/", bearer(none)).status, 401);
}

TEST_F(LoginTest, FiveFailuresLockTheAccountEvenForTheRightPassword) {
  for (int i = 0; i < 4; ++i) {
    auto r = attempt("owner1", "wrong-password");
    ASSERT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(json::parse(r.body)["code"], "invalid_credentials");
  }
  auto fifth = attempt("owner1", "wrong-password");
  EXPECT_EQ(fifth.status, 401);
  auto locked = attempt("owner1", "Studio-pass-77");
  EXPECT_EQ(locked.status, 403) << locked.body;
  auto metrics = server_->get("/metrics").body;
  EXPECT_NE(metrics.find("the5hc_login_attempts_total{result=\"failure\"} 5"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("the5hc_login_attempts_total{result=\"locked\"} 1"), std::string::npos);
  auto body = json::parse(locked.body);
  EXPECT_EQ(body["code"], "account_locked");
  EXPECT_NE(body["detail"].get<std::string>().find("30분"), std::string::npos) << body;
  EXPECT_FALSE(locked.header("retry-after").empty());
  // The same keys for unknown users, wrong passwords and locked accounts (DOMAIN.md §7.1).
  auto unknown = json::parse(attempt("nobody", "whatever-123").body);
  std::vector<std::string> keys_locked, keys_unknown;
  for (auto& [k, v] : body.items()) keys_locked.push_back(k);
  for (auto& [k, v] : unknown.items()) keys_unknown.push_back(k);
  EXPECT_EQ(keys_locked, keys_unknown);
}

TEST_F(LoginTest, BadBodiesAre400WithFieldErrors) {
  auto r = http_request(server_->port(), "POST", "/api/v1/auth/login/", R"({"email_or_username":"x","extra":1})");
  EXPECT_EQ(r.status, 400);
  auto body = json::parse(r.body);
  EXPECT_EQ(body["password"][0], "이 필드는 필수입니다.");
  EXPECT_EQ(body["extra"][0], "허용되지 않는 필드입니다.");
  auto malformed = http_request(server_->port(), "POST", "/api/v1/auth/login/", "{nope");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_TRUE(json::parse(malformed.body).contains("detail"));
  auto form = http_request(server_->port(), "POST", "/api/v1/auth/login/", "a=b", {{"Content-Type", "text/plain"}});
  EXPECT_EQ(form.status, 415);
}
