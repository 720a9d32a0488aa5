// Invitations end to end (DOMAIN.md §1.4, §6.4, §10.2; API.md §3.11, §3.12): who may invite whom, the creation
// rules, acceptance by a new and by an existing user, decline, cancel, lazy expiry, the audit rows and the
// trainer_joined notification for owners and seniors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/org_world.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class Invitations : public OrgWorldTest {
 protected:
  json invite(const std::string& who, const std::string& email, const std::string& role = "trainer") {
    auto r = world_->call(who, "POST", "/api/v1/invitations/", {{"email", email}, {"role", role}});
    EXPECT_EQ(r.status, 201) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  // The code travels in accept_url, whose last path segment it is.
  static std::string code_in(const json& list, const json& id) {
    for (const auto& i : list["results"])
      if (i["id"] == id && i["accept_url"].is_string()) {
        std::string u = i["accept_url"];
        u.pop_back();
        return u.substr(u.rfind('/') + 1);
      }
    ADD_FAILURE() << "invitation " << id << " not pending in " << list;
    return "";
  }
  std::string code_of(const json& id) { return code_in(world_->get("a_owner", "/api/v1/invitations/"), id); }
  HttpResponse accept(const json& body, const std::string& who = "") {
    return world_->call(who, "POST", "/api/v1/invitations/accept/", body);
  }
};

}  // namespace

TEST_F(Invitations, WhoMayInviteWhichRole) {
  auto& w = *world_;
  for (std::string role : {"owner", "senior", "trainer", "assistant"}) {
    auto email = "matrix-" + role + "@example.com";
    EXPECT_EQ(w.call("a_owner", "POST", "/api/v1/invitations/", {{"email", "o-" + email}, {"role", role}}).status,
              201)
        << "owner invites " << role;
    int senior_expected = role == "trainer" || role == "assistant" ? 201 : 403;
    EXPECT_EQ(w.call("a_senior", "POST", "/api/v1/invitations/", {{"email", "s-" + email}, {"role", role}}).status,
              senior_expected)
        << "senior invites " << role;
    EXPECT_EQ(w.call("a_trainer", "POST", "/api/v1/invitations/", {{"email", "t-" + email}, {"role", role}}).status,
              403);
    EXPECT_EQ(w.call("a_assistant", "POST", "/api/v1/invitations/", {{"email", "x-" + email}, {"role", role}}).status,
              403);
  }
  // a senior cannot cancel an owner's invitation of an owner, but can cancel a trainer's
  auto list = w.get("a_owner", "/api/v1/invitations/?status=pending")["results"];
  for (const auto& i : list) {
    std::string path = "/api/v1/invitations/" + std::to_string(i["id"].get<int>()) + "/cancel/";
    if (i["email"] == "o-matrix-owner@example.com") {
      EXPECT_EQ(w.call("a_senior", "POST", path).status, 403);
    }
    if (i["email"] == "o-matrix-trainer@example.com") {
      EXPECT_EQ(w.call("a_trainer", "POST", path).status, 403);
      auto cancelled = w.call("a_senior", "POST", path);
      ASSERT_EQ(cancelled.status, 200) << cancelled.body;
      EXPECT_EQ(json::parse(cancelled.body)["status_display"], "취소됨");
      EXPECT_EQ(json::parse(cancelled.body)["accept_url"], nullptr);
      EXPECT_EQ(w.call("a_owner", "POST", path).status, 400);  // pending only
    }
  }
  EXPECT_GE(w.sql().count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation_cancelled'"), 1);
  // clean up so the organisation's pending invitations do not matter to other tests
  // the list is kept in a variable: ranging over get(...)["results"] read the temporary after it died
  // (heap-use-after-free found by AddressSanitizer)
  const auto pending = w.get("a_owner", "/api/v1/invitations/?status=pending&page_size=100");
  for (const auto& i : pending["results"])
    w.call("a_owner", "POST", "/api/v1/invitations/" + std::to_string(i["id"].get<int>()) + "/cancel/");
}

TEST_F(Invitations, CreationRules) {
  auto& w = *world_;
  auto first = invite("a_owner", "Dup@Example.com");
  EXPECT_EQ(first["status"], "pending");
  EXPECT_EQ(first["invited_by_name"], "a_owner");
  EXPECT_NE(first["accept_url"].get<std::string>().find("/invitations/accept/"), std::string::npos);
  auto dup = w.call("a_senior", "POST", "/api/v1/invitations/", {{"email", "dup@example.com"}});
  EXPECT_EQ(dup.status, 400);
  EXPECT_EQ(json::parse(dup.body)["email"][0], "이미 초대가 발송된 이메일입니다.");
  auto member = w.call("a_owner", "POST", "/api/v1/invitations/", {{"email", "a_trainer@example.com"}});
  EXPECT_EQ(member.status, 400);
  EXPECT_EQ(json::parse(member.body)["email"][0], "이미 조직에 소속된 트레이너의 이메일입니다.");
  auto bad = w.call("a_owner", "POST", "/api/v1/invitations/", {{"email", "nope"}, {"role", "king"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(json::parse(bad.body).contains("role")) << bad.body;
  EXPECT_EQ(w.sql().count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation_sent' AND object_id = " +
                      std::to_string(first["id"].get<int>())),
            1);

  // a full organisation takes no invitations (studio B: 4 active, max lowered to 4)
  std::string org_b = "/api/v1/organizations/" + std::to_string(w.org_id("studio-b")) + "/";
  ASSERT_EQ(w.call("root", "PATCH", org_b, {{"max_trainers", 4}}).status, 200);
  auto full = w.call("b_owner", "POST", "/api/v1/invitations/", {{"email", "late@example.com"}});
  EXPECT_EQ(full.status, 400);
  EXPECT_EQ(json::parse(full.body)["non_field_errors"][0], "조직의 최대 트레이너 수(4명)에 도달했습니다.");
  auto english = w.call("b_owner", "POST", "/api/v1/invitations/", {{"email", "late@example.com"}},
                        {{"Accept-Language", "en"}});
  EXPECT_EQ(json::parse(english.body)["non_field_errors"][0],
            "The organization has reached its maximum number of trainers (4).");
  ASSERT_EQ(w.call("root", "PATCH", org_b, {{"max_trainers", 5}}).status, 200);
}

TEST_F(Invitations, ANewUserAcceptsAndOwnersAndSeniorsAreNotified) {
  auto& w = *world_;
  auto inv = invite("a_senior", "rookie@example.com", "assistant");
  std::string code = code_of(inv["id"]);
  auto lookup = w.call("", "GET", "/api/v1/invitations/lookup/?code=" + code);
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  EXPECT_EQ(json::parse(lookup.body)["organization_name"], "Studio A");
  EXPECT_EQ(json::parse(lookup.body)["role_display"], "어시스턴트");
  EXPECT_EQ(w.call("", "GET", "/api/v1/invitations/lookup/?code=unknown").status, 404);

  auto mismatch = accept({{"code", code}, {"username", "rookie"}, {"name", "Rookie Kim"},
                          {"password", "Rookie-pass-42"}, {"confirm_password", "Rookie-pass-43"}});
  EXPECT_EQ(mismatch.status, 400);
  EXPECT_EQ(json::parse(mismatch.body)["confirm_password"][0], "비밀번호가 일치하지 않습니다.");
  auto weak = accept({{"code", code}, {"username", "rookie"}, {"name", "Rookie Kim"}, {"password", "12345678"},
                      {"confirm_password", "12345678"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_TRUE(json::parse(weak.body).contains("password")) << weak.body;

  auto ok = accept({{"code", code}, {"username", "rookie"}, {"name", "Rookie Kim"}, {"password", "Rookie-pass-42"},
                    {"confirm_password", "Rookie-pass-42"}});
  ASSERT_EQ(ok.status, 201) << ok.body;
  auto body = json::parse(ok.body);
  EXPECT_EQ(body["user"]["email"], "rookie@example.com");
  EXPECT_EQ(body["user"]["trainer"]["role"], "assistant");
  EXPECT_EQ(body["user"]["trainer"]["organization"]["slug"], "studio-a");
  EXPECT_FALSE(body["access"].get<std::string>().empty());
  auto me = http_request(w.port(), "GET", "/api/v1/users/me/", "", bearer(body["access"]));
  EXPECT_EQ(me.status, 200);

  auto again = accept({{"code", code}, {"username", "rookie2"}, {"name", "R"}, {"password", "Rookie-pass-42"},
                       {"confirm_password", "Rookie-pass-42"}});
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(json::parse(again.body)["detail"], "초대가 만료되었거나 유효하지 않습니다.");
  EXPECT_EQ(json::parse(w.call("", "GET", "/api/v1/invitations/lookup/?code=" + code).body)["status"], "accepted");

  std::int64_t rookie = w.user_id("rookie");
  EXPECT_EQ(w.sql().count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation_accepted' AND user_id = " +
                      std::to_string(rookie)),
            1);
  // owner and senior are told (the senior who invited too: the actor is the one who joined); juniors are not
  for (std::string who : {"a_owner", "a_senior"}) {
    auto list = w.get(who, "/api/v1/notifications/?is_read=false");
    ASSERT_GE(list["count"].get<int>(), 1) << who;
    auto n = list["results"][0];
    EXPECT_EQ(n["type"], "trainer_joined");
    EXPECT_EQ(n["title"], "트레이너 합류");
    EXPECT_EQ(n["message"], "Rookie Kim님이 어시스턴트(으)로 합류했습니다.");
    EXPECT_EQ(n["is_read"], false);
  }
  auto english = w.call("a_owner", "GET", "/api/v1/notifications/", nullptr, {{"Accept-Language", "en"}});
  EXPECT_EQ(json::parse(english.body)["results"][0]["message"], "Rookie Kim joined as Assistant.");
  EXPECT_EQ(w.get("a_trainer", "/api/v1/notifications/")["count"], 0);
  EXPECT_EQ(w.get("a_assistant", "/api/v1/notifications/")["count"], 0);
  EXPECT_EQ(w.get("b_owner", "/api/v1/notifications/")["count"], 0);

  // read one, then all
  int unread = w.get("a_owner", "/api/v1/notifications/unread_count/")["count"];
  ASSERT_GE(unread, 1);
  int id = w.get("a_owner", "/api/v1/notifications/")["results"][0]["id"];
  std::string read_path = "/api/v1/notifications/" + std::to_string(id) + "/read/";
  EXPECT_EQ(w.call("a_senior", "POST", read_path).status, 404);  // someone else's
  EXPECT_EQ(w.call("b_owner", "POST", read_path).status, 404);
  auto read = w.call("a_owner", "POST", read_path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(json::parse(read.body)["is_read"], true);
  EXPECT_FALSE(json::parse(read.body)["read_at"].is_null());
  EXPECT_EQ(w.get("a_owner", "/api/v1/notifications/unread_count/")["count"], unread - 1);
  auto all = w.call("a_senior", "POST", "/api/v1/notifications/read_all/");
  ASSERT_EQ(all.status, 200);
  EXPECT_GE(json::parse(all.body)["updated"].get<int>(), 1);
  EXPECT_EQ(w.get("a_senior", "/api/v1/notifications/unread_count/")["count"], 0);
  EXPECT_EQ(w.get("a_senior", "/api/v1/notifications/?is_read=true")["count"].get<int>(),
            w.get("a_senior", "/api/v1/notifications/")["count"].get<int>());
}

TEST_F(Invitations, AnExistingUserAcceptsByLoggingIn) {
  auto& w = *world_;
  w.add_user("drifter", "", "");
  auto inv = invite("b_owner", "drifter@example.com", "senior");
  auto other = invite("b_owner", "someone-else@example.com");
  std::string code = code_in(w.get("b_owner", "/api/v1/invitations/"), inv["id"]);
  std::string other_code = code_in(w.get("b_owner", "/api/v1/invitations/"), other["id"]);
  EXPECT_EQ(accept({{"code", code}}).status, 400);  // anonymous without account fields
  auto wrong = accept({{"code", other_code}}, "drifter");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
  auto member = accept({{"code", code}}, "a_trainer");
  EXPECT_EQ(member.status, 400);
  auto ok = accept({{"code", code}}, "drifter");
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["user"]["trainer"]["role"], "senior");
  EXPECT_EQ(json::parse(ok.body)["user"]["trainer"]["organization"]["slug"], "studio-b");
  // b_owner is told; the new senior is not told about themself
  EXPECT_EQ(w.get("b_owner", "/api/v1/notifications/")["results"][0]["type"], "trainer_joined");
  EXPECT_EQ(w.get("drifter", "/api/v1/notifications/")["count"], 0);
}

TEST_F(Invitations, DeclineAndLazyExpiry) {
  auto& w = *world_;
  std::string org_a = "/api/v1/organizations/" + std::to_string(w.org_id("studio-a")) + "/";
  ASSERT_EQ(w.call("root", "PATCH", org_a, {{"max_trainers", 10}}).status, 200);  // the rookie filled it
  auto declined = invite("a_owner", "no-thanks@example.com");
  auto expiring = invite("a_owner", "too-late@example.com");
  std::string decline_code = code_of(declined["id"]), late_code = code_of(expiring["id"]);
  auto d = w.call("", "POST", "/api/v1/invitations/decline/", {{"code", decline_code}});
  ASSERT_EQ(d.status, 200) << d.body;
  EXPECT_EQ(json::parse(d.body)["status"], "declined");
  EXPECT_EQ(w.call("", "POST", "/api/v1/invitations/decline/", {{"code", decline_code}}).status, 400);
  EXPECT_EQ(w.call("", "POST", "/api/v1/invitations/decline/", {{"code", "unknown"}}).status, 404);
  EXPECT_EQ(w.sql().count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation_declined'"), 1);

  w.sql().exec("UPDATE invitations SET expires_at = '2020-01-01 00:00:00' WHERE id = " +
             std::to_string(expiring["id"].get<int>()));
  auto lookup = w.call("", "GET", "/api/v1/invitations/lookup/?code=" + late_code);
  ASSERT_EQ(lookup.status, 200);
  EXPECT_EQ(json::parse(lookup.body)["status"], "expired");
  EXPECT_EQ(json::parse(lookup.body)["status_display"], "만료됨");
  EXPECT_EQ(w.sql().count("SELECT COUNT(*) FROM invitations WHERE status = 'expired' AND id = " +
                      std::to_string(expiring["id"].get<int>())),
            1);
  auto late = accept({{"code", late_code}, {"username", "latecomer"}, {"name", "Late"},
                      {"password", "Rookie-pass-42"}, {"confirm_password", "Rookie-pass-42"}});
  EXPECT_EQ(late.status, 400);
  EXPECT_EQ(w.sql().count("SELECT COUNT(*) FROM users WHERE username = 'latecomer'"), 0);
  // the e-mail may be invited again once the old invitation expired
  invite("a_owner", "too-late@example.com");
}
