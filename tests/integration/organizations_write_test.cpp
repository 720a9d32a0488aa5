// Changing organisations and trainers (DOMAIN.md §1.1, §1.3, §6.2, §6.3; API.md §3.9, §3.10): who may edit, change
// roles, deactivate and reactivate; the last active owner is kept; every change leaves an audit row.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/org_world.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class OrganizationWrites : public OrgWorldTest {
 protected:
  std::string trainer(const std::string& username) {
    return "/api/v1/trainers/" + std::to_string(world_->trainer_id(username)) + "/";
  }
  std::int64_t audit_rows(const std::string& action) {
    return world_->sql().count("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }
};

}  // namespace

TEST_F(OrganizationWrites, OnlyOwnersAndSuperusersEditTheOrganisationAndOnlySuperusersMaxTrainers) {
  auto& w = *world_;
  std::string path = "/api/v1/organizations/" + std::to_string(w.org_id("studio-a")) + "/";
  for (std::string role : {"senior", "trainer", "assistant"})
    EXPECT_EQ(w.call("a_" + role, "PATCH", path, {{"phone", "02-555-1234"}}).status, 403) << role;
  auto before = audit_rows("organization_updated");
  auto r = w.call("a_owner", "PATCH", path, {{"phone", "02-555-1234"}, {"vat_rate_bp", 900}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(json::parse(r.body)["vat_rate_bp"], 900);
  EXPECT_EQ(audit_rows("organization_updated"), before + 1);
  auto entry = w.get("a_owner", "/api/v1/audit-log/?action=organization_updated")["results"][0];
  EXPECT_EQ(entry["before"], json({{"phone", nullptr}, {"vat_rate_bp", 1000}}));
  EXPECT_EQ(entry["after"], json({{"phone", "02-555-1234"}, {"vat_rate_bp", 900}}));
  EXPECT_EQ(entry["user_name"], "a_owner");
  EXPECT_EQ(entry["action_display"], "조직 수정");
  auto detail = w.get("a_owner", "/api/v1/audit-log/" + std::to_string(entry["id"].get<int>()) + "/");
  EXPECT_EQ(detail["object_repr"], "Studio A");
  for (std::string role : {"senior", "trainer", "assistant"})
    EXPECT_EQ(w.call("a_" + role, "GET", "/api/v1/audit-log/" + std::to_string(entry["id"].get<int>()) + "/").status,
              403)
        << role;

  auto max = w.call("a_owner", "PATCH", path, {{"max_trainers", 50}});
  EXPECT_EQ(max.status, 403) << max.body;
  auto bad = w.call("a_owner", "PATCH", path, {{"vat_rate_bp", 9000}, {"phone", "12"}, {"colour", "red"}});
  EXPECT_EQ(bad.status, 400);
  auto errors = json::parse(bad.body);
  EXPECT_TRUE(errors.contains("colour")) << errors;
  auto put_without_name = w.call("a_owner", "PUT", path, {{"phone", "02-555-1234"}});
  EXPECT_EQ(put_without_name.status, 400);
  EXPECT_EQ(json::parse(put_without_name.body)["name"][0], "이 필드는 필수입니다.");
  auto by_root = w.call("root", "PATCH", path, {{"max_trainers", 6}});
  ASSERT_EQ(by_root.status, 200) << by_root.body;
  EXPECT_EQ(json::parse(by_root.body)["max_trainers"], 6);
}

TEST_F(OrganizationWrites, CreatingOrganisations) {
  auto& w = *world_;
  auto member = w.call("a_trainer", "POST", "/api/v1/organizations/", {{"name", "Side Gym"}});
  EXPECT_EQ(member.status, 400);
  EXPECT_EQ(json::parse(member.body)["non_field_errors"][0], "이미 다른 조직에 소속되어 있습니다.");

  w.add_user("founder", "", "");
  auto created = w.call("founder", "POST", "/api/v1/organizations/", {{"name", "Founder Fitness"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto org = json::parse(created.body);
  EXPECT_EQ(org["slug"], "founder-fitness");
  EXPECT_EQ(org["trainer_count"], 1);
  w.login_as("founder");  // the token's actor is loaded per request; a new login is not needed, but harmless
  EXPECT_EQ(w.get("founder", "/api/v1/users/me/")["trainer"]["role"], "owner");

  auto by_root = w.call("root", "POST", "/api/v1/organizations/", {{"name", "Platform Studio"}, {"max_trainers", 2}});
  ASSERT_EQ(by_root.status, 201) << by_root.body;
  EXPECT_EQ(json::parse(by_root.body)["trainer_count"], 0);
  EXPECT_EQ(json::parse(by_root.body)["max_trainers"], 2);
  EXPECT_EQ(w.get("root", "/api/v1/users/me/")["trainer"], nullptr);

  w.add_user("loner2", "", "");
  EXPECT_EQ(w.call("loner2", "POST", "/api/v1/organizations/", {{"name", "X"}, {"max_trainers", 9}}).status, 403);
}

TEST_F(OrganizationWrites, TrainerProfileAndRoleMatrix) {
  auto& w = *world_;
  // who edits whose profile: owner others ✔, senior juniors ✔ / owner ✘, trainer/assistant others ✘, self ✔
  EXPECT_EQ(w.call("a_owner", "PATCH", trainer("a_senior"), {{"bio", "by owner"}}).status, 200);
  EXPECT_EQ(w.call("a_senior", "PATCH", trainer("a_trainer"), {{"bio", "by senior"}}).status, 200);
  EXPECT_EQ(w.call("a_senior", "PATCH", trainer("a_owner"), {{"bio", "x"}}).status, 403);
  EXPECT_EQ(w.call("a_trainer", "PATCH", trainer("a_assistant"), {{"bio", "x"}}).status, 403);
  EXPECT_EQ(w.call("a_assistant", "PATCH", trainer("a_trainer"), {{"bio", "x"}}).status, 403);
  auto self = w.call("a_assistant", "PATCH", trainer("a_assistant"),
                     {{"specialties", "재활\n다이어트"}, {"certifications", json::array({"NSCA-CPT"})},
                      {"years_of_experience", 3}, {"session_price", 60000}});
  ASSERT_EQ(self.status, 200) << self.body;
  EXPECT_EQ(json::parse(self.body)["specialties"], json::array({"재활", "다이어트"}));
  EXPECT_EQ(w.call("a_assistant", "PATCH", trainer("a_assistant"), {{"years_of_experience", 61}}).status, 400);
  EXPECT_GE(audit_rows("trainer_updated"), 3);

  // roles: owners (and the superuser) only
  for (std::string role : {"senior", "trainer", "assistant"})
    EXPECT_EQ(w.call("a_" + role, "PATCH", trainer("a_assistant"), {{"role", "trainer"}}).status, 403) << role;
  auto promoted = w.call("a_owner", "PATCH", trainer("a_assistant"), {{"role", "trainer"}});
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(json::parse(promoted.body)["role_display"], "트레이너");
  EXPECT_EQ(w.sql().count("SELECT COUNT(*) FROM audit_log WHERE action = 'role_changed' AND object_id = " +
                      std::to_string(w.trainer_id("a_assistant"))),
            1);
  EXPECT_EQ(w.call("root", "PATCH", trainer("a_assistant"), {{"role", "assistant"}}).status, 200);
  EXPECT_EQ(w.call("a_owner", "PATCH", trainer("a_assistant"), {{"role", "boss"}}).status, 400);
}

TEST_F(OrganizationWrites, TheLastActiveOwnerStays) {
  auto& w = *world_;
  auto demote = w.call("b_owner", "PATCH", trainer("b_owner"), {{"role", "senior"}});
  EXPECT_EQ(demote.status, 403) << demote.body;
  EXPECT_EQ(json::parse(demote.body)["detail"], "조직에는 최소 한 명의 소유자가 필요합니다.");
  auto by_root = w.call("root", "POST", trainer("b_owner") + "deactivate/");
  EXPECT_EQ(by_root.status, 403) << by_root.body;
  auto self = w.call("b_owner", "POST", trainer("b_owner") + "deactivate/");
  EXPECT_EQ(self.status, 400);
  EXPECT_EQ(json::parse(self.body)["detail"], "자기 자신은 비활성화할 수 없습니다.");

  // with a second owner the first may step down
  ASSERT_EQ(w.call("b_owner", "PATCH", trainer("b_senior"), {{"role", "owner"}}).status, 200);
  EXPECT_EQ(w.call("b_owner", "PATCH", trainer("b_owner"), {{"role", "senior"}}).status, 200);
  EXPECT_EQ(w.get("b_owner", trainer("b_owner"))["role"], "senior");
}

TEST_F(OrganizationWrites, DeactivationAndReactivation) {
  auto& w = *world_;
  w.add_user("a_temp", "studio-a", "trainer");
  auto refresh_tokens = [&] {
    return w.sql().count("SELECT COUNT(*) FROM refresh_tokens WHERE revoked_at IS NULL AND user_id = " +
                     std::to_string(w.user_id("a_temp")));
  };
  ASSERT_GT(refresh_tokens(), 0);
  // a web session of the same user (as the login form would leave one)
  w.sql().exec("INSERT INTO web_sessions (id, user_id, csrf_secret, created_at, expires_at, last_seen_at) VALUES "
               "('temp-session', " + std::to_string(w.user_id("a_temp")) +
               ", 'x', '2026-01-01 00:00:00', '2099-01-01 00:00:00', '2026-01-01 00:00:00')");
  EXPECT_EQ(w.call("a_trainer", "POST", trainer("a_temp") + "deactivate/").status, 403);
  EXPECT_EQ(w.call("a_assistant", "POST", trainer("a_temp") + "deactivate/").status, 403);
  EXPECT_EQ(w.call("a_senior", "POST", trainer("a_owner") + "deactivate/").status, 403);
  auto off = w.call("a_senior", "POST", trainer("a_temp") + "deactivate/");
  ASSERT_EQ(off.status, 200) << off.body;
  EXPECT_EQ(json::parse(off.body)["is_active"], false);
  EXPECT_FALSE(json::parse(off.body)["deactivated_at"].is_null());
  EXPECT_EQ(refresh_tokens(), 0);
  EXPECT_EQ(w.sql().count("SELECT COUNT(*) FROM web_sessions WHERE id = 'temp-session'"), 0);
  EXPECT_EQ(w.get("a_temp", "/api/v1/trainers/")["count"], 0);  // an inactive trainer sees nothing
  EXPECT_EQ(w.get("a_owner", "/api/v1/trainers/?is_active=false")["results"][0]["username"], "a_temp");
  EXPECT_EQ(audit_rows("trainer_deactivated"), 1);

  // reactivation needs room under max_trainers
  std::string org = "/api/v1/organizations/" + std::to_string(w.org_id("studio-a")) + "/";
  int active = w.get("a_owner", org)["trainer_count"];
  ASSERT_EQ(w.call("root", "PATCH", org, {{"max_trainers", active}}).status, 200);
  auto full = w.call("a_owner", "POST", trainer("a_temp") + "activate/");
  EXPECT_EQ(full.status, 400) << full.body;
  EXPECT_NE(full.body.find("최대 트레이너 수(" + std::to_string(active) + "명)"), std::string::npos) << full.body;
  ASSERT_EQ(w.call("root", "PATCH", org, {{"max_trainers", active + 1}}).status, 200);
  auto on = w.call("a_owner", "POST", trainer("a_temp") + "activate/");
  ASSERT_EQ(on.status, 200) << on.body;
  EXPECT_EQ(json::parse(on.body)["is_active"], true);
  EXPECT_EQ(audit_rows("trainer_activated"), 1);
  ASSERT_EQ(w.call("root", "PATCH", org, {{"max_trainers", 10}}).status, 200);
}

TEST_F(OrganizationWrites, TrainerStatsCountTheTrainersRecords) {
  auto& w = *world_;
  auto client = w.call("a_trainer", "POST", "/api/v1/clients/",
                       {{"name", "회원 김"}, {"age", 35}, {"gender", "female"}, {"height", 165}, {"weight", 60}});
  ASSERT_EQ(client.status, 201) << client.body;
  auto package = w.call("a_trainer", "POST", "/api/v1/packages/",
                        {{"client", json::parse(client.body)["id"]}, {"package_name", "10회"},
                         {"total_amount", 500000}, {"total_sessions", 10}});
  ASSERT_EQ(package.status, 201) << package.body;
  auto stats = w.get("a_trainer", trainer("a_trainer"))["stats"];
  EXPECT_EQ(stats["active_packages"], 1);
  EXPECT_EQ(stats["revenue_30d"], 500000);
  EXPECT_EQ(w.get("a_senior", trainer("a_trainer"))["stats"]["revenue_30d"], 500000);
  EXPECT_EQ(w.get("a_assistant", trainer("a_trainer"))["stats"]["revenue_30d"], nullptr);
  EXPECT_EQ(w.get("a_owner", trainer("a_trainer"))["client_count"], 1);
}
