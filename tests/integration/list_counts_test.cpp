// The counts of migration 0011 (issue 11) on the selected engine: the "count" of a plain client list is read from
// the organisation's or the trainer's row, that of a plain assessment list from the organisation's, so every way a
// client or an assessment comes, goes or changes hands must keep those rows equal to counting — and the lists must
// say what counting says.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

// Organisations and trainers whose kept count differs from counting their clients.
constexpr const char* kWrongOrganizations =
    "SELECT count(*) FROM organizations o WHERE o.client_count <> "
    "(SELECT count(*) FROM clients c WHERE c.organization_id = o.id)";
constexpr const char* kWrongAssessmentCounts =
    "SELECT count(*) FROM organizations o WHERE o.assessment_count <> "
    "(SELECT count(*) FROM assessments a WHERE a.organization_id = o.id)";
constexpr const char* kWrongTrainers =
    "SELECT count(*) FROM trainers t WHERE t.client_count <> (SELECT count(*) FROM clients c WHERE c.trainer_id = t.id)";

class ListCounts : public RecordsApiTest {
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

TEST_F(ListCounts, EveryChangeOfClientsKeepsTheListCountTrue) {
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

TEST_F(ListCounts, EveryChangeOfAssessmentsKeepsTheListCountTrue) {
  auto count_of = [](const std::string& who, const std::string& query = "") {
    auto r = call(who, "GET", "/api/v1/assessments/" + query);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body.value("count", -1LL);
  };
  auto organization_assessments = [](const std::string& owner) {
    return sql_count("SELECT count(*) FROM assessments WHERE organization_id = (SELECT organization_id FROM trainers t "
                     "JOIN users u ON u.id = t.user_id WHERE u.username = '" + owner + "')");
  };
  auto expect_counts = [&](const char* step) {
    EXPECT_EQ(sql_count(kWrongAssessmentCounts), 0) << step;
    for (const char* owner : {"owner1", "owner2"}) EXPECT_EQ(count_of(owner), organization_assessments(owner)) << step;
  };
  expect_counts("start");
  const long long before = count_of("owner1");
  auto c = client("owner1", {{"name", "평가카운트"}});
  std::vector<long long> ids;
  for (int i = 0; i < 3; ++i) {
    auto r = call("owner1", "POST", "/api/v1/assessments/", {{"client", c}, {"date", seoul_date(-i)}, {"push_up_reps", 20}});
    ASSERT_EQ(r.status, 201) << r.raw;
    ids.push_back(r.body["id"].get<long long>());
  }
  auto other = client("owner2", {{"name", "다른스튜디오"}});
  ASSERT_EQ(call("owner2", "POST", "/api/v1/assessments/", {{"client", other}, {"push_up_reps", 15}}).status, 201);
  EXPECT_EQ(count_of("owner1"), before + 3);
  expect_counts("created");

  ASSERT_EQ(call("owner1", "DELETE", "/api/v1/assessments/" + std::to_string(ids[0]) + "/").status, 204);
  EXPECT_EQ(count_of("owner1"), before + 2);
  expect_counts("deleted over the API");
  sql_exec("DELETE FROM assessments WHERE id = " + std::to_string(ids[1]));
  expect_counts("deleted by SQL");
  ASSERT_EQ(call("owner1", "DELETE", "/api/v1/clients/" + std::to_string(c) + "/").status, 204);
  expect_counts("the client deleted with its assessment");

  // A filtered list counts its matches.
  EXPECT_EQ(count_of("owner1", "?is_complete=false"),
            organization_assessments("owner1") -
                sql_count("SELECT count(*) FROM assessments WHERE is_complete = 1 AND organization_id = (SELECT "
                          "organization_id FROM trainers t JOIN users u ON u.id = t.user_id WHERE u.username = 'owner1')"));
}
