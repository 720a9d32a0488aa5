// The client counts of migration 0011 (issue 11) on the selected engine: the "count" of a plain client list is read
// from the organisation's or the trainer's row, so every way a client comes, goes or changes trainer must keep
// those rows equal to counting the clients — and the list must say what counting says.
#include <gtest/gtest.h>

#include <string>

#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

// Organisations and trainers whose kept count differs from counting their clients.
constexpr const char* kWrongOrganizations =
    "SELECT count(*) FROM organizations o WHERE o.client_count <> "
    "(SELECT count(*) FROM clients c WHERE c.organization_id = o.id)";
constexpr const char* kWrongTrainers =
    "SELECT count(*) FROM trainers t WHERE t.client_count <> (SELECT count(*) FROM clients c WHERE c.trainer_id = t.id)";

class ClientCounts : public RecordsApiTest {
 protected:
  static long long trainer_of(const std::string& username) {
    return sql_count("SELECT t.id FROM trainers t JOIN users u ON u.id = t.user_id WHERE u.username = '" + username + "'");
  }
  static long long listed(const std::string& who, const std::string& query = "") {
    auto r = call(who, "GET", "/api/v1/clients/" + query);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body.value("count", -1LL);
  }
  // What each user's plain list says against counting the clients that user sees.
  static void expect_counts(const char* step) {
    EXPECT_EQ(sql_count(kWrongOrganizations), 0) << step;
    EXPECT_EQ(sql_count(kWrongTrainers), 0) << step;
    for (const char* owner : {"owner1", "owner2"})
      EXPECT_EQ(listed(owner), sql_count("SELECT count(*) FROM clients WHERE organization_id = (SELECT organization_id "
                                         "FROM trainers WHERE id = " + std::to_string(trainer_of(owner)) + ")"))
          << step << ": " << owner;
    EXPECT_EQ(listed("trainer1"),
              sql_count("SELECT count(*) FROM clients WHERE trainer_id = " + std::to_string(trainer_of("trainer1"))))
        << step << ": trainer1 sees only the clients in their care";
  }
};

}  // namespace

TEST_F(ClientCounts, EveryChangeOfClientsKeepsTheListCountTrue) {
  expect_counts("start");
  const long long before = listed("owner1");
  auto a = client("owner1", {{"name", "카운트하나"}, {"gender", "female"}});
  auto b = client("owner1", {{"name", "카운트둘"}});
  client("trainer1", {{"name", "카운트셋"}});
  client("owner2", {{"name", "카운트넷"}});
  EXPECT_EQ(listed("owner1"), before + 3) << "two by the owner, one by the trainer of the same studio";
  expect_counts("created");

  auto moved = call("owner1", "PATCH", "/api/v1/clients/" + std::to_string(b) + "/", {{"trainer", trainer_of("trainer1")}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  expect_counts("handed to trainer1");

  ASSERT_EQ(call("owner1", "DELETE", "/api/v1/clients/" + std::to_string(a) + "/").status, 204);
  EXPECT_EQ(listed("owner1"), before + 2);
  expect_counts("deleted over the API");

  sql_exec("DELETE FROM clients WHERE id = " + std::to_string(b));  // a write the API does not make
  expect_counts("deleted by SQL");

  // A filtered list still counts its matches, not the kept figure.
  EXPECT_EQ(listed("owner1", "?gender=female"),
            sql_count("SELECT count(*) FROM clients WHERE gender = 'female' AND organization_id = (SELECT "
                      "organization_id FROM trainers WHERE id = " + std::to_string(trainer_of("owner1")) + ")"));
}
