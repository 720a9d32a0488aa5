// The client summary columns of migration 0010 (issue 11) on the selected engine (and 0011's client and assessment counts): every write path — over HTTP, by
// direct SQL (moves, deletes the API does not offer), the legacy importer, recalculation and demo data — leaves them
// equal to what the rows they describe say (the correlated subqueries the client list ran before).
#include <gtest/gtest.h>

#include <soci/soci.h>

#include <random>
#include <set>
#include <thread>

#include "config/config.hpp"
#include "store/database.hpp"
#include "support/records.hpp"

using namespace the5hc::testing;
using nlohmann::json;

namespace {

// One line per client, "id count=… latest=… score=… packages=… session=… scheduled=… activity=…", from the
// columns or from the rows. Both in one engine's own text forms, so the two dumps compare as strings.
std::string line_sql(const std::string& count, const std::string& latest, const std::string& score,
                     const std::string& packages, const std::string& session, const std::string& scheduled,
                     const std::string& activity) {
  return "CAST(c.id AS TEXT) || ' count=' || CAST(" + count + " AS TEXT) || ' latest=' || coalesce(" + latest +
         ", '-') || ' score=' || coalesce(CAST(" + score + " AS TEXT), '-') || ' packages=' || CAST(" + packages +
         " AS TEXT) || ' session=' || coalesce(" + session + ", '-') || ' scheduled=' || coalesce(" + scheduled +
         ", '-') || ' activity=' || coalesce(" + activity + ", '-')";
}

std::string columns_sql() {
  return line_sql("c.assessment_count", "c.latest_assessment_date", "c.latest_overall_score", "c.active_package_count",
                  "c.latest_session_date", "c.latest_scheduled_session_date", "c.latest_activity_date");
}

std::string rows_sql() {
  const std::string latest_assessment = "(SELECT a.date FROM assessments a WHERE a.client_id = c.id ORDER BY a.date DESC, a.id DESC LIMIT 1)";
  const std::string latest_session =
      "(SELECT max(s.session_date) FROM sessions s WHERE s.client_id = c.id AND s.status <> 'cancelled')";
  return line_sql(
      "(SELECT count(*) FROM assessments a WHERE a.client_id = c.id)", latest_assessment,
      "(SELECT a.overall_score FROM assessments a WHERE a.client_id = c.id ORDER BY a.date DESC, a.id DESC LIMIT 1)",
      "(SELECT count(*) FROM session_packages p WHERE p.client_id = c.id AND p.is_active = 1 AND p.remaining_sessions > 0)",
      latest_session,
      "(SELECT max(s.session_date) FROM sessions s WHERE s.client_id = c.id AND s.status = 'scheduled')",
      "CASE WHEN coalesce(" + latest_assessment + ", '') >= coalesce(" + latest_session + ", '') THEN " +
          latest_assessment + " ELSE " + latest_session + " END");
}

std::string dump(const std::string& url, const std::string& line, const std::string& where = "") {
  the5hc::store::Database db(the5hc::parse_database_url(url), 1);
  std::string out;
  db.read([&](soci::session& sql) {
    soci::rowset<std::string> rows = sql.prepare << "SELECT " + line + " FROM clients c " + where + " ORDER BY c.id";
    for (const auto& r : rows) out += r + "\n";
  });
  return out;
}

class ClientSummary : public RecordsApiTest {
 protected:
  static std::string columns(long long id) { return dump(db_->url(), columns_sql(), "WHERE c.id = " + std::to_string(id)); }
  static std::string rows(long long id) { return dump(db_->url(), rows_sql(), "WHERE c.id = " + std::to_string(id)); }
  static json ok(const Reply& r, int status = 200) {
    EXPECT_EQ(r.status, status) << r.raw;
    return r.body;
  }
  static std::string in_days(int n) { return seoul_date(n); }
  static std::string path(const std::string& base, const json& id, const std::string& action = "") {
    return base + id.dump() + "/" + action;
  }
};

}  // namespace

TEST_F(ClientSummary, EveryWritePathMovesTheColumns) {
  auto id = client("owner1", {{"name", "요약회원"}});
  auto other = client("owner1", {{"name", "요약회원둘"}});
  const std::string n = std::to_string(id), o = std::to_string(other);
  auto expect = [&](const std::string& want, const char* step) {
    EXPECT_EQ(columns(id), n + " " + want + "\n") << step;
    EXPECT_EQ(columns(id), rows(id)) << step;
    EXPECT_EQ(columns(other), rows(other)) << step;
  };
  auto score_of = [&](const json& a) {
    return sql_->text("SELECT CAST(overall_score AS TEXT) FROM assessments WHERE id = " + a["id"].dump());
  };
  expect("count=0 latest=- score=- packages=0 session=- scheduled=- activity=-", "new client");

  // assessments: create, an older one, moved later by an edit, a changed score, deleted
  auto a = ok(call("owner1", "POST", "/api/v1/assessments/",
                   {{"client", id}, {"date", in_days(-3)}, {"push_up_reps", 26}, {"toe_touch_distance", 2}}), 201);
  expect("count=1 latest=" + in_days(-3) + " score=" + score_of(a) + " packages=0 session=- scheduled=- activity=" +
             in_days(-3), "assessment created");
  auto b = ok(call("owner1", "POST", "/api/v1/assessments/", {{"client", id}, {"date", in_days(-40)}, {"push_up_reps", 10}}), 201);
  expect("count=2 latest=" + in_days(-3) + " score=" + score_of(a) + " packages=0 session=- scheduled=- activity=" +
             in_days(-3), "an older assessment leaves the latest alone");
  ok(call("owner1", "PATCH", path("/api/v1/assessments/", b["id"]), {{"date", in_days(-1)}}));
  expect("count=2 latest=" + in_days(-1) + " score=" + score_of(b) + " packages=0 session=- scheduled=- activity=" +
             in_days(-1), "an edit moves the older assessment to the latest date");
  auto before = score_of(b);
  ok(call("owner1", "PATCH", path("/api/v1/assessments/", b["id"]), {{"push_up_reps", 40}}));
  EXPECT_NE(score_of(b), before) << "the edit changes the overall score";
  expect("count=2 latest=" + in_days(-1) + " score=" + score_of(b) + " packages=0 session=- scheduled=- activity=" +
             in_days(-1), "a new overall score of the latest assessment");
  EXPECT_EQ(call("owner1", "DELETE", path("/api/v1/assessments/", b["id"])).status, 204);
  expect("count=1 latest=" + in_days(-3) + " score=" + score_of(a) + " packages=0 session=- scheduled=- activity=" +
             in_days(-3), "assessment deleted");
  const std::string assessed = "count=1 latest=" + in_days(-3) + " score=" + score_of(a);

  // packages and sessions: book, complete, cancel, use up, deactivate
  auto p = ok(call("owner1", "POST", "/api/v1/packages/",
                   {{"client", id}, {"package_name", "2회"}, {"total_amount", 100000}, {"total_sessions", 2}}), 201);
  expect(assessed + " packages=1 session=- scheduled=- activity=" + in_days(-3), "package created");
  auto s1 = ok(call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", in_days(2)}}), 201);
  expect(assessed + " packages=1 session=" + in_days(2) + " scheduled=" + in_days(2) + " activity=" + in_days(2),
         "session booked");
  auto s2 = ok(call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", in_days(5)}}), 201);
  ok(call("owner1", "POST", path("/api/v1/sessions/", s2["id"], "cancel/"), {{"reason", "개인 사정"}}));
  expect(assessed + " packages=1 session=" + in_days(2) + " scheduled=" + in_days(2) + " activity=" + in_days(2),
         "a cancelled session is no activity");
  ok(call("owner1", "POST", path("/api/v1/sessions/", s1["id"], "complete/")));
  expect(assessed + " packages=1 session=" + in_days(2) + " scheduled=- activity=" + in_days(2), "session completed");
  auto s3 = ok(call("owner1", "POST", "/api/v1/sessions/", {{"package", p["id"]}, {"session_date", in_days(1)}}), 201);
  ok(call("owner1", "POST", path("/api/v1/sessions/", s3["id"], "complete/")));
  expect(assessed + " packages=0 session=" + in_days(2) + " scheduled=- activity=" + in_days(2), "package used up");
  auto q = ok(call("owner1", "POST", "/api/v1/packages/",
                   {{"client", id}, {"package_name", "5회"}, {"total_amount", 250000}, {"total_sessions", 5}}), 201);
  expect(assessed + " packages=1 session=" + in_days(2) + " scheduled=- activity=" + in_days(2), "second package");
  ok(call("owner1", "PATCH", path("/api/v1/packages/", q["id"]), {{"is_active", false}}));
  expect(assessed + " packages=0 session=" + in_days(2) + " scheduled=- activity=" + in_days(2), "package deactivated");
  ok(call("owner1", "PATCH", path("/api/v1/packages/", q["id"]), {{"is_active", true}}));
  auto s4 = ok(call("owner1", "POST", "/api/v1/sessions/", {{"package", q["id"]}, {"session_date", in_days(9)}}), 201);
  ok(call("owner1", "PATCH", path("/api/v1/sessions/", s4["id"]), {{"session_date", in_days(7)}}));
  expect(assessed + " packages=1 session=" + in_days(7) + " scheduled=" + in_days(7) + " activity=" + in_days(7),
         "session rescheduled");

  // what no API does but any writer may: delete a session, move rows to another client
  sql_->exec("DELETE FROM sessions WHERE id = " + s4["id"].dump());
  expect(assessed + " packages=1 session=" + in_days(2) + " scheduled=- activity=" + in_days(2), "session deleted");
  sql_->exec("UPDATE assessments SET client_id = " + o + " WHERE id = " + a["id"].dump());
  sql_->exec("UPDATE sessions SET client_id = " + o + " WHERE client_id = " + n);
  sql_->exec("UPDATE session_packages SET client_id = " + o + " WHERE client_id = " + n);
  expect("count=0 latest=- score=- packages=0 session=- scheduled=- activity=-", "rows moved away");
  EXPECT_EQ(columns(other), std::to_string(other) + " " + assessed + " packages=1 session=" + in_days(2) +
                                " scheduled=- activity=" + in_days(2) + "\n");

  // the list, search and detail show the columns
  auto listed = ok(call("owner1", "GET", "/api/v1/clients/?search=요약회원둘"));
  ASSERT_EQ(listed["count"], 1);
  EXPECT_EQ(listed["results"][0]["assessment_count"], 1);
  EXPECT_EQ(listed["results"][0]["latest_assessment_date"], in_days(-3));
  EXPECT_EQ(listed["results"][0]["activity_status"], "active");
  EXPECT_EQ(ok(call("owner1", "GET", "/api/v1/clients/" + n + "/"))["activity_status"], "inactive");
}

// Many clients, writes in a random order through the API and by SQL, then the columns of every client in the
// database against its rows; a client deleted with its rows (cascade) takes its columns along.
TEST_F(ClientSummary, MixedWorkloadLeavesTheColumnsEqualToTheRows) {
  std::mt19937 random(20261205);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  std::vector<long long> clients;
  for (int i = 0; i < 6; ++i) clients.push_back(client(i % 2 ? "trainer1" : "owner1", {{"name", "혼합" + std::to_string(i)}}));
  std::vector<json> assessments, packages, sessions;
  for (int step = 0; step < 60; ++step) {
    long long c = clients[pick(static_cast<int>(clients.size()))];
    switch (pick(8)) {
      case 0:
      case 1:
        assessments.push_back(ok(call("owner1", "POST", "/api/v1/assessments/",
                                      {{"client", c}, {"date", seoul_date(-pick(60))}, {"push_up_reps", pick(40)}}), 201));
        break;
      case 2:
        if (!assessments.empty())
          call("owner1", "PATCH", "/api/v1/assessments/" + assessments[pick(static_cast<int>(assessments.size()))]["id"].dump() + "/",
               {{"date", seoul_date(-pick(60))}, {"toe_touch_distance", pick(10)}});
        break;
      case 3:
        if (!assessments.empty()) {
          auto i = pick(static_cast<int>(assessments.size()));
          call("owner1", "DELETE", "/api/v1/assessments/" + assessments[i]["id"].dump() + "/");
          assessments.erase(assessments.begin() + i);
        }
        break;
      case 4:
        packages.push_back(ok(call("owner1", "POST", "/api/v1/packages/",
                                   {{"client", c}, {"package_name", "혼합"}, {"total_amount", 90000},
                                    {"total_sessions", 1 + pick(3)}}), 201));
        break;
      case 5:
        if (!packages.empty()) {
          auto r = call("owner1", "POST", "/api/v1/sessions/",
                        {{"package", packages[pick(static_cast<int>(packages.size()))]["id"]}, {"session_date", seoul_date(pick(20))}});
          if (r.status == 201) sessions.push_back(r.body);  // 400 once a package has no session left
        }
        break;
      case 6:
        if (!sessions.empty())
          call("owner1", "POST", "/api/v1/sessions/" + sessions[pick(static_cast<int>(sessions.size()))]["id"].dump() +
                                     (pick(2) ? "/complete/" : "/cancel/"),
               json::object());
        break;
      case 7:
        if (!sessions.empty()) sql_->exec("DELETE FROM sessions WHERE id = " + sessions[pick(static_cast<int>(sessions.size()))]["id"].dump());
        break;
    }
  }
  // A client without money records can be deleted: its assessments and sessions go by cascade.
  auto gone = client("owner1", {{"name", "혼합삭제"}});
  ok(call("owner1", "POST", "/api/v1/assessments/", {{"client", gone}, {"date", seoul_date(-2)}, {"push_up_reps", 5}}), 201);
  EXPECT_EQ(call("owner1", "DELETE", "/api/v1/clients/" + std::to_string(gone) + "/").status, 204);

  EXPECT_GT(sql_->count("SELECT count(*) FROM clients WHERE assessment_count > 0"), 0);
  EXPECT_GT(sql_->count("SELECT count(*) FROM clients WHERE latest_session_date IS NOT NULL"), 0);
  EXPECT_EQ(dump(db_->url(), columns_sql()), dump(db_->url(), rows_sql()));
}

// Writers of one client at once (on PostgreSQL truly concurrent transactions): each sees the others' committed rows
// when it recomputes, so none is lost from the count or the latest assessment.
TEST_F(ClientSummary, ParallelWritersOfOneClientAreAllCounted) {
  auto id = client("owner1", {{"name", "동시평가"}});
  ok(call("owner1", "POST", "/api/v1/packages/",
          {{"client", id}, {"package_name", "동시"}, {"total_amount", 500000}, {"total_sessions", 10}}), 201);
  constexpr int kWriters = 16;
  std::vector<int> statuses(kWriters);
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      statuses[i] = call("owner1", "POST", "/api/v1/assessments/",
                         {{"client", id}, {"date", seoul_date(-i)}, {"push_up_reps", 10 + i}}).status;
    });
  for (auto& w : writers) w.join();
  EXPECT_EQ(std::count(statuses.begin(), statuses.end(), 201), kWriters);
  EXPECT_EQ(columns(id), rows(id));
  EXPECT_EQ(sql_->count("SELECT assessment_count FROM clients WHERE id = " + std::to_string(id)), kWriters);
  // the organisation's assessment count (0011) adds up the concurrent writers too
  EXPECT_EQ(sql_->count("SELECT count(*) FROM organizations o WHERE o.assessment_count <> (SELECT count(*) FROM "
                        "assessments a WHERE a.organization_id = o.id)"),
            0);
}

// A new assessment moves the summary without recomputing it (migration 0014): among rows of one date the highest id
// is the latest, whatever order the rows arrive in — concurrent writers of one day, and rows written with their ids
// out of order (as only direct SQL can).
TEST_F(ClientSummary, SameDayAssessmentsAreOrderedByIdWhateverOrderTheyArrive) {
  auto id = client("owner1", {{"name", "같은날평가"}});
  const std::string day = seoul_date(-1);
  constexpr int kWriters = 8;
  std::vector<std::thread> writers;
  for (int i = 0; i < kWriters; ++i)
    writers.emplace_back([&, i] {
      EXPECT_EQ(call("owner1", "POST", "/api/v1/assessments/", {{"client", id}, {"date", day}, {"push_up_reps", 5 + 4 * i}})
                    .status,
                201);
    });
  for (auto& w : writers) w.join();
  EXPECT_EQ(columns(id), rows(id));

  const std::string c = std::to_string(id);
  const long long top = sql_->count("SELECT max(id) FROM assessments");
  auto insert = [&](long long row_id, const std::string& date, double score) {
    sql_->exec("INSERT INTO assessments (id, organization_id, client_id, trainer_id, date, client_age, client_weight, "
               "overall_score, created_at, updated_at) SELECT " + std::to_string(row_id) +
               ", organization_id, client_id, trainer_id, '" + date + "', client_age, client_weight, " +
               std::to_string(score) + ", created_at, updated_at FROM assessments WHERE client_id = " + c +
               " ORDER BY id LIMIT 1");
  };
  insert(top + 100, day, 91.5);  // the latest: the highest id of the latest date
  EXPECT_EQ(columns(id), rows(id));
  insert(top + 50, day, 12.5);  // same date, lower id: not the latest
  EXPECT_EQ(columns(id), rows(id));
  insert(top + 200, seoul_date(-5), 33.5);  // highest id, older date: not the latest
  EXPECT_EQ(columns(id), rows(id));
  EXPECT_EQ(sql_->count("SELECT CAST(latest_overall_score * 10 AS INTEGER) FROM clients WHERE id = " + c), 915);
  insert(top + 150, seoul_date(0), 44.5);  // a later date: the latest, lower id or not
  EXPECT_EQ(columns(id), rows(id));
  EXPECT_EQ(sql_->count("SELECT assessment_count FROM clients WHERE id = " + c), kWriters + 4);
}

// The legacy importer, recalculation and demo data write with the triggers in place; the migration's backfill
// computes the same columns again after down and up.
TEST(ClientSummaryMigration, ImportRecalculateDemoDataAndBackfillAgree) {
  TestDatabase db;
  auto env = base_env(db);
  auto imported = migrate_and_import_legacy_fixture(db, env);
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  ASSERT_EQ(run_the5hc({"recalculate", "--include-legacy"}, env, db.dir()).exit_code, 0);
  auto demo = run_the5hc({"demo-data"}, env, db.dir());
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;

  auto columns = dump(db.url(), columns_sql());
  EXPECT_EQ(columns, dump(db.url(), rows_sql()));
  SqlProbe probe(db);
  EXPECT_GT(probe.count("SELECT count(*) FROM clients WHERE assessment_count > 0"), 10);
  EXPECT_GT(probe.count("SELECT count(*) FROM clients WHERE latest_scheduled_session_date IS NOT NULL"), 0);
  EXPECT_GT(probe.count("SELECT count(*) FROM clients WHERE active_package_count > 0"), 0);

  // The client and assessment counts of 0011 are kept the same way.
  const char* wrong_counts =
      "SELECT (SELECT count(*) FROM organizations o WHERE o.client_count <> (SELECT count(*) FROM clients c WHERE "
      "c.organization_id = o.id) OR o.assessment_count <> (SELECT count(*) FROM assessments a WHERE "
      "a.organization_id = o.id)) + (SELECT count(*) FROM trainers t WHERE t.client_count <> (SELECT count(*) FROM "
      "clients c WHERE c.trainer_id = t.id))";
  EXPECT_EQ(probe.count(wrong_counts), 0);

  // Back to before 0010, and up again: every migration from 0010 on, counted from the migrations directory.
  std::set<std::string> since_0010;
  for (const auto& f : std::filesystem::directory_iterator(std::string(THE5HC_SOURCE_DIR) + "/migrations"))
    if (auto name = f.path().filename().string(); name.size() > 4 && name.substr(0, 4) >= "0010") since_0010.insert(name.substr(0, 4));
  auto down = run_the5hc({"migrate", "down", std::to_string(since_0010.size()), "--yes"}, env, db.dir());
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  auto up = run_the5hc({"migrate", "up"}, env, db.dir());
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(dump(db.url(), columns_sql()), columns) << "the backfill gives what the triggers kept";
  EXPECT_EQ(probe.count(wrong_counts), 0) << "the counts' backfill";
}
