// JWT lifecycle over HTTP (API.md §2, §3.8): refresh rotation and reuse detection, tampered and expired tokens,
// verify, logout, password change; the lock expiry and the legacy bcrypt upgrade of DOMAIN.md §7.1/§7.3.
#include <crypt.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "auth/jwt.hpp"
#include "common/clock.hpp"
#include "common/time.hpp"
#include "support/suite_server.hpp"

using namespace the5hc;
using namespace the5hc::testing;
using nlohmann::json;

namespace {

const std::string& kPassword = kSuitePassword;

class TokenTest : public SuiteFixture<TokenTest> {
 protected:

  static json post(const std::string& path, const json& body, int expected,
                   const std::map<std::string, std::string>& headers = {}) {
    auto r = http_request(server_->port(), "POST", path, body.dump(), headers);
    EXPECT_EQ(r.status, expected) << path << " " << r.body;
    return r.body.empty() ? json() : json::parse(r.body);
  }
  static json login_as(const std::string& user, const std::string& password = kPassword) {
    return post("/api/v1/auth/login/", {{"email_or_username", user}, {"password", password}}, 200);
  }
  static int me_status(const std::string& access) { return server_->get("/api/v1/users/me/", bearer(access)).status; }
};

}  // namespace

TEST_F(TokenTest, RefreshRotatesWithinTheFamilyAndReuseRevokesTheWholeFamily) {
  create_user(*db_, "rotator", kPassword);
  auto first = login_as("rotator");
  auto second = post("/api/v1/auth/refresh/", {{"refresh", first["refresh"]}}, 200);
  ASSERT_TRUE(second.contains("access") && second.contains("refresh")) << second;
  EXPECT_EQ(me_status(second["access"]), 200);
  auto third = post("/api/v1/auth/refresh/", {{"refresh", second["refresh"]}}, 200);
  EXPECT_EQ(sql_->count("SELECT count(DISTINCT family_id) FROM refresh_tokens t JOIN users u ON u.id = t.user_id "
                        "WHERE u.username = 'rotator'"), 1);
  EXPECT_EQ(sql_->count("SELECT count(*) FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE "
                        "u.username = 'rotator' AND replaced_by_jti IS NOT NULL AND rotated_at IS NOT NULL"), 2);

  // The first token was rotated already: presenting it again is reuse.
  auto reused = post("/api/v1/auth/refresh/", {{"refresh", first["refresh"]}}, 401);
  EXPECT_EQ(reused["code"], "token_not_valid");
  // ... and the newest token of the family stops working too.
  EXPECT_EQ(post("/api/v1/auth/refresh/", {{"refresh", third["refresh"]}}, 401)["code"], "token_not_valid");
  EXPECT_EQ(post("/api/v1/auth/verify/", {{"token", third["refresh"]}}, 401)["code"], "token_not_valid");
  EXPECT_EQ(sql_->count("SELECT count(*) FROM refresh_tokens t JOIN users u ON u.id = t.user_id WHERE "
                        "u.username = 'rotator' AND revoked_at IS NULL"), 0);
  EXPECT_EQ(sql_->count("SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE "
                        "u.username = 'rotator' AND a.action = 'refresh_token_reused'"), 1);
  EXPECT_NE(server_->output().find("refresh token reused"), std::string::npos) << "security log line";

  // Another login starts a new family that is unaffected.
  auto fresh = login_as("rotator");
  post("/api/v1/auth/refresh/", {{"refresh", fresh["refresh"]}}, 200);
}

TEST_F(TokenTest, TamperedExpiredAndWrongTypeTokensAre401) {
  create_user(*db_, "tamper", kPassword);
  auto tokens = login_as("tamper");
  std::string access = tokens["access"];
  auto user_id = tokens["user"]["id"].get<std::int64_t>();
  const std::string secret = env_.at("SECRET_KEY");

  // One changed character in the payload (user_id or exp) breaks the signature.
  std::string tampered = access;
  auto dot = tampered.find('.') + 5;
  tampered[dot] = tampered[dot] == 'A' ? 'B' : 'A';
  EXPECT_EQ(me_status(tampered), 401);
  auto other_key = auth::issue(auth::TokenType::access, user_id, std::chrono::minutes(5), SystemClock().now(),
                               "another-secret-key-of-sufficient-length-0123456789-abcdef");
  EXPECT_EQ(me_status(other_key.token), 401);
  EXPECT_EQ(post("/api/v1/auth/verify/", {{"token", other_key.token}}, 401)["code"], "token_not_valid");

  // Signed with the server's key but expired an hour ago (beyond the 30 s leeway).
  auto past = SystemClock().now() - std::chrono::hours(2);
  auto expired = auth::issue(auth::TokenType::access, user_id, std::chrono::hours(1), past, secret);
  EXPECT_EQ(me_status(expired.token), 401);
  EXPECT_EQ(post("/api/v1/auth/verify/", {{"token", expired.token}}, 401)["code"], "token_not_valid");
  auto live = auth::issue(auth::TokenType::access, user_id, std::chrono::hours(1), SystemClock().now(), secret);
  EXPECT_EQ(me_status(live.token), 200) << "a token crafted the same way but current is accepted";

  // An expired refresh token whose row exists and is neither rotated nor revoked: only its age refuses it.
  auto old_refresh = auth::issue(auth::TokenType::refresh, user_id, std::chrono::hours(1), past, secret);
  sql_->exec("INSERT INTO refresh_tokens (jti, family_id, user_id, issued_at, expires_at) VALUES ('" +
             old_refresh.claims.jti + "', 'crafted-family', " + std::to_string(user_id) +
             ", '2020-01-01 00:00:00', '2020-01-01 01:00:00')");
  EXPECT_EQ(post("/api/v1/auth/refresh/", {{"refresh", old_refresh.token}}, 401)["code"], "token_not_valid");

  // An access token is not a refresh token, and garbage is not a token.
  EXPECT_EQ(post("/api/v1/auth/refresh/", {{"refresh", access}}, 401)["code"], "token_not_valid");
  EXPECT_EQ(post("/api/v1/auth/refresh/", {{"refresh", "not.a.token"}}, 401)["code"], "token_not_valid");
  EXPECT_TRUE(post("/api/v1/auth/refresh/", json::object(), 400).contains("refresh"));
  EXPECT_EQ(post("/api/v1/auth/verify/", {{"token", access}}, 200), json::object());
  EXPECT_EQ(post("/api/v1/auth/verify/", {{"token", tokens["refresh"]}}, 200), json::object());

  // An inactive user's tokens stop working.
  sql_->exec("UPDATE users SET is_active = 0 WHERE username = 'tamper'");
  EXPECT_EQ(me_status(access), 401);
  EXPECT_EQ(post("/api/v1/auth/refresh/", {{"refresh", tokens["refresh"]}}, 401)["code"], "token_not_valid");
}

TEST_F(TokenTest, LogoutRevokesTheFamily) {
  create_user(*db_, "leaver", kPassword);
  auto tokens = login_as("leaver");
  auto rotated = post("/api/v1/auth/refresh/", {{"refresh", tokens["refresh"]}}, 200);
  auto r = http_request(server_->port(), "POST", "/api/v1/auth/logout/", json{{"refresh", tokens["refresh"]}}.dump());
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(post("/api/v1/auth/refresh/", {{"refresh", rotated["refresh"]}}, 401)["code"], "token_not_valid");
  EXPECT_EQ(http_request(server_->port(), "POST", "/api/v1/auth/logout/", json{{"refresh", rotated["refresh"]}}.dump())
                .status, 204) << "already revoked is fine";
  EXPECT_EQ(post("/api/v1/auth/logout/", {{"refresh", "garbage"}}, 401)["code"], "token_not_valid");
  EXPECT_TRUE(post("/api/v1/auth/logout/", json::object(), 400).contains("refresh"));
  EXPECT_EQ(sql_->count("SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE "
                        "u.username = 'leaver' AND a.action = 'logout'"), 1);
}

TEST_F(TokenTest, AnExpiredLockNoLongerRefusesTheRightPassword) {
  create_user(*db_, "locked1", kPassword);
  for (int i = 0; i < 5; ++i)
    post("/api/v1/auth/login/", {{"email_or_username", "locked1"}, {"password", "wrong-password"}}, 401);
  EXPECT_EQ(post("/api/v1/auth/login/", {{"email_or_username", "locked1"}, {"password", kPassword}}, 403)["code"],
            "account_locked");
  // The 30 minutes are over (moved into the past rather than waited for).
  sql_->exec("UPDATE users SET locked_until = '2020-01-01 00:00:00' WHERE username = 'locked1'");
  login_as("locked1");
  EXPECT_EQ(sql_->text("SELECT locked_until FROM users WHERE username = 'locked1'"), "<null>");
  EXPECT_EQ(sql_->count("SELECT failed_login_attempts FROM users WHERE username = 'locked1'"), 0);
}

TEST_F(TokenTest, ALegacyBcryptPasswordLogsInAndIsUpgradedToArgon2id) {
  create_user(*db_, "legacy1", kPassword);
  crypt_data data{};
  char setting[CRYPT_GENSALT_OUTPUT_SIZE];
  ASSERT_NE(crypt_gensalt_rn("$2b$", 4, nullptr, 0, setting, sizeof setting), nullptr);
  const char* hashed = crypt_rn("Old-legacy-pass-5", setting, &data, sizeof data);
  ASSERT_NE(hashed, nullptr);
  std::string bcrypt = hashed;
  ASSERT_EQ(bcrypt.rfind("$2b$04$", 0), 0u) << bcrypt;
  sql_->exec("UPDATE users SET password_hash = '" + bcrypt + "' WHERE username = 'legacy1'");

  post("/api/v1/auth/login/", {{"email_or_username", "legacy1"}, {"password", kPassword}}, 401);
  login_as("legacy1", "Old-legacy-pass-5");
  EXPECT_EQ(sql_->text("SELECT password_hash FROM users WHERE username = 'legacy1'").rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(sql_->count("SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE "
                        "u.username = 'legacy1' AND a.action = 'password_upgraded'"), 1);
  login_as("legacy1", "Old-legacy-pass-5");  // the new hash verifies the same password
}

TEST_F(TokenTest, ChangingThePasswordRevokesEveryFamilyAndReturnsNewTokens) {
  create_user(*db_, "changer", kPassword);
  auto a = login_as("changer");
  auto b = login_as("changer");
  const std::string path = "/api/v1/users/change_password/";
  auto bad = post(path, {{"old_password", "nope-nope-1"}, {"new_password", "12345678"}, {"confirm_password", "x"}},
                  400, bearer(a["access"]));
  EXPECT_EQ(bad["old_password"][0], "현재 비밀번호가 올바르지 않습니다.");
  EXPECT_EQ(bad["confirm_password"][0], "새 비밀번호가 일치하지 않습니다.");
  EXPECT_TRUE(bad.contains("new_password")) << bad;
  EXPECT_EQ(post(path, {{"old_password", kPassword}}, 401)["code"], "not_authenticated");

  auto ok = post(path, {{"old_password", kPassword}, {"new_password", "Brand-new-pass-9"},
                        {"confirm_password", "Brand-new-pass-9"}}, 200, bearer(a["access"]));
  EXPECT_EQ(ok["detail"], "비밀번호가 성공적으로 변경되었습니다.");
  EXPECT_EQ(me_status(ok["access"]), 200);
  for (const auto& old : {a, b})
    EXPECT_EQ(post("/api/v1/auth/refresh/", {{"refresh", old["refresh"]}}, 401)["code"], "token_not_valid");
  post("/api/v1/auth/refresh/", {{"refresh", ok["refresh"]}}, 200);
  EXPECT_EQ(sql_->count("SELECT count(*) FROM audit_log a JOIN users u ON u.id = a.user_id WHERE "
                        "u.username = 'changer' AND a.action = 'password_changed'"), 1);
  post("/api/v1/auth/login/", {{"email_or_username", "changer"}, {"password", kPassword}}, 401);
  login_as("changer", "Brand-new-pass-9");
}

TEST_F(TokenTest, PatchMeChangesNameEmailAndLanguage) {
  create_user(*db_, "patcher", kPassword);
  create_user(*db_, "other1", kPassword);
  auto access = login_as("patcher")["access"].get<std::string>();
  auto patch = [&](const json& body) {
    return http_request(server_->port(), "PATCH", "/api/v1/users/me/", body.dump(), bearer(access));
  };
  auto r = patch({{"name", "김트레이너"}, {"email", "New@Example.com"}, {"language", "en"}, {"username", "ignored"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto me = json::parse(r.body);
  EXPECT_EQ(me["name"], "김트레이너");
  EXPECT_EQ(me["email"], "New@Example.com");
  EXPECT_EQ(me["language"], "en");
  EXPECT_EQ(me["username"], "patcher");

  auto taken = patch({{"email", "OTHER1@example.com"}});
  EXPECT_EQ(taken.status, 400);
  EXPECT_TRUE(json::parse(taken.body).contains("email")) << taken.body;
  auto bad = patch({{"language", "fr"}, {"name", ""}, {"password", "x"}});
  EXPECT_EQ(bad.status, 400);
  auto errors = json::parse(bad.body);
  EXPECT_TRUE(errors.contains("password")) << "not writable";
  EXPECT_EQ(sql_->text("SELECT email FROM users WHERE username = 'patcher'"), "New@Example.com");
}

namespace {

// The configured zone (TIME_ZONE) is the only fallback: an actor without an organisation sees it, a member their
// organisation's zone, which comes with the actor from authentication.
class ConfiguredZone : public SuiteFixture<ConfiguredZone> {
 public:
  static Env suite_env() { return {{"TIME_ZONE", "UTC"}}; }
};

bool ends_with(const json& value, const std::string& suffix) {
  return value.is_string() && value.get<std::string>().ends_with(suffix);
}

}  // namespace

TEST_F(ConfiguredZone, ActorsWithoutAnOrganisationSeeTheConfiguredZoneMembersTheirOrganisations) {
  create_user(*db_, "zone_root", kPassword, {"--superuser"});
  create_user(*db_, "zone_owner", kPassword, {"--create-organization", "Zone Studio"});
  auto root = login(server_->port(), "zone_root", kPassword);
  auto owner = login(server_->port(), "zone_owner", kPassword);
  auto call = [&](const std::string& token, const std::string& method, const std::string& path,
                  const json& body = nullptr) {
    auto r = http_request(server_->port(), method, path, body.is_null() ? "" : body.dump(), bearer(token));
    EXPECT_LT(r.status, 300) << method << " " << path << " " << r.body;
    return r.body.empty() ? json() : json::parse(r.body);
  };
  auto org = call(owner, "GET", "/api/v1/users/me/")["trainer"]["organization"]["id"].get<std::int64_t>();
  call(owner, "PATCH", "/api/v1/organizations/" + std::to_string(org) + "/", {{"timezone", "Asia/Seoul"}});
  auto client = call(owner, "POST", "/api/v1/clients/",
                     {{"name", "Zone Client"}, {"age", 30}, {"gender", "female"}, {"height", 165}, {"weight", 60}});
  auto package = call(owner, "POST", "/api/v1/packages/",
                      {{"client", client["id"]}, {"package_name", "Zone"}, {"total_amount", 300000},
                       {"total_sessions", 3}, {"payment_method", "cash"}});
  EXPECT_TRUE(ends_with(package["created_at"], "+09:00")) << package;
  EXPECT_TRUE(ends_with(package["payment"]["created_at"], "+09:00")) << package;
  std::string path = "/api/v1/packages/" + std::to_string(package["id"].get<std::int64_t>()) + "/";
  EXPECT_TRUE(ends_with(call(owner, "GET", path)["created_at"], "+09:00"));
  EXPECT_TRUE(ends_with(call(owner, "GET", "/api/v1/users/me/")["date_joined"], "+09:00"));
  // the superuser belongs to no organisation: the configured zone, never a built-in one
  EXPECT_TRUE(ends_with(call(root, "GET", path)["created_at"], "+00:00"));
  EXPECT_TRUE(ends_with(call(root, "GET", "/api/v1/packages/?client=" + std::to_string(client["id"].get<int>()))
                            ["results"][0]["created_at"], "+00:00"));
  EXPECT_TRUE(ends_with(call(root, "GET", "/api/v1/users/me/")["date_joined"], "+00:00"));

  // typed sort keys: sessions without a time count as the earliest of their day, in lists and in the calendar
  auto today = the5hc::local_date(std::chrono::system_clock::now(), "Asia/Seoul");
  auto d1 = the5hc::add_days(today, 1).str(), d2 = the5hc::add_days(today, 2).str();
  auto book = [&](const std::string& date, const json& time) {
    json body = {{"package", package["id"]}, {"session_date", date}};
    if (!time.is_null()) body["session_time"] = time;
    return call(owner, "POST", "/api/v1/sessions/", body)["id"].get<std::int64_t>();
  };
  auto evening = book(d1, "19:00"), untimed = book(d1, nullptr), morning = book(d2, "07:00");
  auto ids = [&](const std::string& query) {
    std::vector<std::int64_t> out;
    auto list = call(owner, "GET", "/api/v1/sessions/" + query);
    for (const auto& s : list["results"]) out.push_back(s["id"].get<std::int64_t>());
    return out;
  };
  EXPECT_EQ(ids(""), (std::vector<std::int64_t>{morning, evening, untimed}));
  EXPECT_EQ(ids("?ordering=session_date"), (std::vector<std::int64_t>{untimed, evening, morning}));
  EXPECT_EQ(ids("?ordering=-created_at"), (std::vector<std::int64_t>{morning, untimed, evening}));
  auto month = call(owner, "GET", "/api/v1/sessions/calendar/?year=" + d1.substr(0, 4) + "&month=" +
                                      std::to_string(std::stoi(d1.substr(5, 2))));
  ASSERT_EQ(month[d1].size(), 2u) << month;
  EXPECT_EQ(month[d1][0]["id"], untimed);
  EXPECT_EQ(month[d1][1]["id"], evening);
}
