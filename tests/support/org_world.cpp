#include "support/org_world.hpp"

#include <gtest/gtest.h>

namespace the5hc::testing {

OrgWorld::OrgWorld(SuiteServer& suite) : suite_(suite) {
  const auto& db = suite_.db;
  create_user(db, "root", kPassword, {"--superuser"});
  for (std::string s : {"a", "b"}) {
    std::string studio = s == "a" ? "Studio A" : "Studio B";
    create_user(db, s + "_owner", kPassword, {"--create-organization", studio});
    for (std::string role : {"senior", "trainer", "assistant"})
      create_user(db, s + "_" + role, kPassword, {"--organization", "studio-" + s, "--role", role});
  }
  for (std::string who : {"root", "a_owner", "a_senior", "a_trainer", "a_assistant", "b_owner", "b_senior",
                          "b_trainer", "b_assistant"})
    login_as(who);
}

void OrgWorld::login_as(const std::string& who, const std::string& password) {
  tokens_[who] = login(port(), who, password);
}

void OrgWorld::add_user(const std::string& username, const std::string& slug, const std::string& role) {
  if (slug.empty()) create_user(suite_.db, username, kPassword);
  else create_user(suite_.db, username, kPassword, {"--organization", slug, "--role", role});
  login_as(username);
}

HttpResponse OrgWorld::call(const std::string& who, const std::string& method, const std::string& path,
                            const nlohmann::json& body, std::map<std::string, std::string> headers) {
  if (!who.empty()) headers["Authorization"] = "Bearer " + tokens_.at(who);
  if (!body.is_null()) headers["Content-Type"] = "application/json";
  return http_request(port(), method, path, body.is_null() ? "" : body.dump(), headers);
}

nlohmann::json OrgWorld::get(const std::string& who, const std::string& path) {
  auto r = call(who, "GET", path);
  EXPECT_EQ(r.status, 200) << who << " GET " << path << ": " << r.body;
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

std::int64_t OrgWorld::org_id(const std::string& slug) {
  return sql().count("SELECT id FROM organizations WHERE slug = '" + slug + "'");
}

std::int64_t OrgWorld::user_id(const std::string& username) {
  return sql().count("SELECT id FROM users WHERE username = '" + username + "'");
}

std::int64_t OrgWorld::trainer_id(const std::string& username) {
  return sql().count("SELECT t.id FROM trainers t JOIN users u ON u.id = t.user_id WHERE u.username = '" + username +
                     "'");
}

}  // namespace the5hc::testing
