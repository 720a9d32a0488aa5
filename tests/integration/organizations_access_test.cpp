// Who may read what (DOMAIN.md §6, API.md §1.4, §3.8–§3.13): each role × each read route, objects of another
// organisation answering 404 and never appearing in lists or counts, the superuser seeing every organisation.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/org_world.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

class OrganizationAccess : public OrgWorldTest {
 protected:
  static void SetUpTestSuite() {
    OrgWorldTest::SetUpTestSuite();
    // objects of studio B that studio A must never reach
    auto r = world_->call("b_owner", "POST", "/api/v1/invitations/", {{"email", "newcomer@example.com"}});
    ASSERT_EQ(r.status, 201) << r.body;
    b_invitation_ = json::parse(r.body)["id"];
  }
  static std::int64_t b_invitation_;
};
std::int64_t OrganizationAccess::b_invitation_ = 0;

std::string id_path(const std::string& base, std::int64_t id) { return base + std::to_string(id) + "/"; }

}  // namespace

TEST_F(OrganizationAccess, ReadRoutesByRole) {
  auto& w = *world_;
  std::string org_a = id_path("/api/v1/organizations/", w.org_id("studio-a"));
  std::string colleague = id_path("/api/v1/trainers/", w.trainer_id("a_owner"));
  std::string colleague_user = id_path("/api/v1/users/", w.user_id("a_owner"));
  struct Row {
    std::string path;
    std::map<std::string, int> status;  // owner, senior, trainer, assistant
  };
  std::vector<Row> rows = {
      {"/api/v1/organizations/", {{"owner", 200}, {"senior", 200}, {"trainer", 200}, {"assistant", 200}}},
      {org_a, {{"owner", 200}, {"senior", 200}, {"trainer", 200}, {"assistant", 200}}},
      {"/api/v1/trainers/", {{"owner", 200}, {"senior", 200}, {"trainer", 200}, {"assistant", 200}}},
      {colleague, {{"owner", 200}, {"senior", 200}, {"trainer", 200}, {"assistant", 200}}},
      {"/api/v1/users/", {{"owner", 200}, {"senior", 200}, {"trainer", 200}, {"assistant", 200}}},
      {colleague_user, {{"owner", 200}, {"senior", 200}, {"trainer", 200}, {"assistant", 200}}},
      {"/api/v1/invitations/", {{"owner", 200}, {"senior", 200}, {"trainer", 403}, {"assistant", 403}}},
      {"/api/v1/audit-log/", {{"owner", 200}, {"senior", 403}, {"trainer", 403}, {"assistant", 403}}},
      {"/api/v1/notifications/", {{"owner", 200}, {"senior", 200}, {"trainer", 200}, {"assistant", 200}}},
      {"/api/v1/notifications/unread_count/", {{"owner", 200}, {"senior", 200}, {"trainer", 200}, {"assistant", 200}}},
  };
  for (const auto& row : rows) {
    for (const auto& [role, expected] : row.status) {
      auto r = w.call("a_" + role, "GET", row.path);
      EXPECT_EQ(r.status, expected) << role << " GET " << row.path << ": " << r.body;
    }
    EXPECT_EQ(w.call("", "GET", row.path).status, 401) << row.path;
    EXPECT_EQ(w.call("root", "GET", row.path).status, 200) << "superuser GET " << row.path;
  }
  auto denied = w.call("a_senior", "GET", "/api/v1/audit-log/");
  EXPECT_EQ(json::parse(denied.body)["detail"], "이 작업을 수행할 권한이 없습니다.");
}

TEST_F(OrganizationAccess, AnotherOrganisationsObjectsAre404ForEveryRole) {
  auto& w = *world_;
  std::int64_t b_audit = w.sql().count("SELECT MAX(id) FROM audit_log WHERE organization_id = " +
                                   std::to_string(w.org_id("studio-b")));
  ASSERT_GT(b_audit, 0);
  std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", id_path("/api/v1/organizations/", w.org_id("studio-b"))},
      {"PATCH", id_path("/api/v1/organizations/", w.org_id("studio-b"))},
      {"PUT", id_path("/api/v1/organizations/", w.org_id("studio-b"))},
      {"GET", id_path("/api/v1/trainers/", w.trainer_id("b_trainer"))},
      {"PATCH", id_path("/api/v1/trainers/", w.trainer_id("b_trainer"))},
      {"POST", id_path("/api/v1/trainers/", w.trainer_id("b_trainer")) + "deactivate/"},
      {"POST", id_path("/api/v1/trainers/", w.trainer_id("b_trainer")) + "activate/"},
      {"GET", id_path("/api/v1/users/", w.user_id("b_trainer"))},
      {"POST", id_path("/api/v1/invitations/", b_invitation_) + "cancel/"},
      {"GET", id_path("/api/v1/audit-log/", b_audit)},
  };
  for (std::string role : {"owner", "senior", "trainer", "assistant"})
    for (const auto& [method, path] : routes) {
      json body = method == "GET" || method == "POST" ? json(nullptr) : json{{"name", "Taken over"}};
      if (path.find("/trainers/") != std::string::npos && method == "PATCH") body = {{"bio", "x"}};
      auto r = w.call("a_" + role, method, path, body);
      EXPECT_EQ(r.status, 404) << role << " " << method << " " << path << ": " << r.body;
      EXPECT_EQ(json::parse(r.body)["detail"], "찾을 수 없습니다.");
    }
  // nothing changed in studio B
  EXPECT_EQ(w.get("b_owner", id_path("/api/v1/organizations/", w.org_id("studio-b")))["name"], "Studio B");
  EXPECT_EQ(w.get("b_owner", "/api/v1/invitations/")["results"][0]["status"], "pending");
}

TEST_F(OrganizationAccess, ListsAndCountsHoldOnlyTheOwnOrganisation) {
  auto& w = *world_;
  auto orgs = w.get("a_trainer", "/api/v1/organizations/");
  EXPECT_EQ(orgs["count"], 1);
  EXPECT_EQ(orgs["results"][0]["slug"], "studio-a");
  EXPECT_EQ(orgs["results"][0]["trainer_count"], 4);
  EXPECT_EQ(orgs["results"][0]["can_add_trainer"], true);

  auto trainers = w.get("a_assistant", "/api/v1/trainers/");
  EXPECT_EQ(trainers["count"], 4);
  ASSERT_EQ(trainers["results"].size(), 4u) << trainers;
  for (const auto& t : trainers["results"]) EXPECT_EQ(t["organization"], w.org_id("studio-a")) << t;
  EXPECT_EQ(w.get("a_owner", "/api/v1/trainers/?search=b_trainer")["count"], 0);
  EXPECT_EQ(w.get("a_owner", "/api/v1/trainers/?role=senior")["results"][0]["username"], "a_senior");
  // revenue: the trainer themself and those who see the organisation dashboard; never a colleague
  std::string senior = "/api/v1/trainers/" + std::to_string(w.trainer_id("a_senior")) + "/";
  EXPECT_EQ(w.get("a_owner", senior)["stats"]["revenue_30d"], 0);
  EXPECT_EQ(w.get("a_senior", senior)["stats"]["revenue_30d"], 0);
  EXPECT_EQ(w.get("a_trainer", senior)["stats"]["revenue_30d"], nullptr);
  EXPECT_EQ(w.get("a_assistant", senior)["stats"]["revenue_30d"], nullptr);
  EXPECT_EQ(w.get("a_trainer", senior)["stats"]["assessments_total"], 0);

  auto users = w.get("a_senior", "/api/v1/users/");
  EXPECT_EQ(users["count"], 4);
  ASSERT_EQ(users["results"].size(), 4u) << users;
  for (const auto& u : users["results"]) EXPECT_EQ(u["trainer"]["organization"]["slug"], "studio-a") << u;
  EXPECT_EQ(w.get("a_owner", "/api/v1/users/?search=b_")["count"], 0);

  EXPECT_EQ(w.get("a_owner", "/api/v1/invitations/")["count"], 0);  // B's invitation is not listed
  // studio B has rows (at least its invitation) that studio A's log must not show
  ASSERT_GE(w.sql().count("SELECT COUNT(*) FROM audit_log WHERE organization_id = " +
                          std::to_string(w.org_id("studio-b"))),
            1);
  auto audit = w.get("a_owner", "/api/v1/audit-log/?page_size=100");
  EXPECT_EQ(audit["count"], w.sql().count("SELECT COUNT(*) FROM audit_log WHERE organization_id = " +
                                          std::to_string(w.org_id("studio-a"))));
  EXPECT_EQ(audit["results"].size(), audit["count"].get<std::size_t>()) << audit;
  for (const auto& a : audit["results"]) EXPECT_EQ(a["organization"], w.org_id("studio-a")) << a;
}

TEST_F(OrganizationAccess, SuperuserSeesEveryOrganisation) {
  auto& w = *world_;
  auto orgs = w.get("root", "/api/v1/organizations/");
  EXPECT_GE(orgs["count"].get<int>(), 2);
  EXPECT_EQ(w.get("root", "/api/v1/trainers/?search=b_trainer")["count"], 1);
  EXPECT_GE(w.get("root", "/api/v1/users/")["count"].get<int>(), 9);
  EXPECT_EQ(w.get("root", id_path("/api/v1/trainers/", w.trainer_id("b_senior")))["role"], "senior");
  auto invitations = w.get("root", "/api/v1/invitations/");
  EXPECT_GE(invitations["count"].get<int>(), 1);
}

TEST_F(OrganizationAccess, UsersAreReadOnlyAndAUserWithoutMembershipSeesOnlyThemself) {
  auto& w = *world_;
  auto path = id_path("/api/v1/users/", w.user_id("a_trainer"));
  for (std::string method : {"PUT", "PATCH", "DELETE"}) {
    auto r = w.call("a_owner", method, path, json{{"name", "x"}});
    EXPECT_EQ(r.status, 405) << method << " " << r.body;
    EXPECT_NE(r.header("allow").find("GET"), std::string::npos);
  }
  w.add_user("loner", "", "");
  EXPECT_EQ(w.get("loner", "/api/v1/users/")["count"], 0);
  EXPECT_EQ(w.get("loner", "/api/v1/organizations/")["count"], 0);
  EXPECT_EQ(w.get("loner", "/api/v1/trainers/")["count"], 0);
  EXPECT_EQ(w.get("loner", "/api/v1/invitations/")["count"], 0);
  EXPECT_EQ(w.get("loner", "/api/v1/notifications/")["count"], 0);
  EXPECT_EQ(w.get("loner", id_path("/api/v1/users/", w.user_id("loner")))["username"], "loner");
  EXPECT_EQ(w.call("loner", "GET", path).status, 404);
  auto invite = w.call("loner", "POST", "/api/v1/invitations/", {{"email", "x@example.com"}});
  EXPECT_EQ(invite.status, 403) << invite.body;
  EXPECT_EQ(json::parse(invite.body)["detail"], "조직에 소속되어 있지 않습니다.");
}
