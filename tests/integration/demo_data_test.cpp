// `the5hc demo-data` (OPERATIONS.md §2): the demo studio through the real binary, once, DEBUG only.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/harness.hpp"

using namespace the5hc::testing;
using nlohmann::json;

TEST(DemoData, CreatesALivingStudioOnceAndPrintsTheLogin) {
  TestDatabase db;
  auto env = base_env(db);
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  auto first = run_the5hc({"demo-data"}, env, db.dir());
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("demo-pass-1234"), std::string::npos) << first.out;

  ServerProcess server(env, db.dir());
  auto owner = login(server.port(), "demo", "demo-pass-1234");
  auto me = json::parse(server.get("/api/v1/users/me/", bearer(owner)).body);
  EXPECT_EQ(me["trainer"]["organization"]["name"], "데모 피트니스 센터");
  EXPECT_EQ(me["trainer"]["role"], "owner");
  auto trainer = json::parse(server.get("/api/v1/users/me/", bearer(login(server.port(), "demo-trainer",
                                                                          "demo-pass-1234"))).body);
  EXPECT_EQ(trainer["trainer"]["role"], "trainer");
  EXPECT_EQ(json::parse(server.get("/api/v1/users/me/", bearer(login(server.port(), "demo-assistant",
                                                                     "demo-pass-1234"))).body)["trainer"]["role"],
            "assistant");

  auto count = [&](const std::string& path) {
    auto r = server.get(path, bearer(owner));
    EXPECT_EQ(r.status, 200) << path << " " << r.body;
    return r.status == 200 ? json::parse(r.body)["count"].get<int>() : -1;
  };
  int clients = count("/api/v1/clients/");
  int assessments = count("/api/v1/assessments/");
  EXPECT_GE(clients, 45);
  EXPECT_LE(clients, 55);
  EXPECT_GT(assessments, clients);
  EXPECT_GT(count("/api/v1/assessments/?test_environment=outdoor"), 0);
  EXPECT_EQ(count("/api/v1/packages/"), 6);
  EXPECT_GT(count("/api/v1/sessions/?status=completed"), 0);
  EXPECT_GT(count("/api/v1/sessions/?status=scheduled"), 0);
  EXPECT_GE(count("/api/v1/payments/"), 6);

  auto again = run_the5hc({"demo-data"}, env, db.dir());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("demo-pass-1234"), std::string::npos);
  EXPECT_EQ(count("/api/v1/clients/"), clients);
  EXPECT_EQ(count("/api/v1/assessments/"), assessments);
  EXPECT_EQ(count("/api/v1/packages/"), 6);
}

TEST(DemoData, IsRefusedOutsideDebugWithoutForce) {
  TestDatabase db;
  auto env = base_env(db);
  ASSERT_EQ(run_the5hc({"migrate"}, env, db.dir()).exit_code, 0);
  env["DEBUG"] = "false";
  env["ALLOWED_HOSTS"] = "127.0.0.1";
  auto refused = run_the5hc({"demo-data"}, env, db.dir());
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  auto debug_env = base_env(db);
  ServerProcess server(debug_env, db.dir());
  auto r = http_request(server.port(), "POST", "/api/v1/auth/login/",
                        json{{"email_or_username", "demo"}, {"password", "demo-pass-1234"}}.dump());
  EXPECT_EQ(r.status, 401) << "nothing may be written when refused";
}
