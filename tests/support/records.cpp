#include "support/records.hpp"

#include <soci/soci.h>

#include <chrono>
#include <cstdio>

#include "config/config.hpp"
#include "store/database.hpp"

namespace the5hc::testing {

TestDatabase* RecordsApiTest::db_ = nullptr;
ServerProcess* RecordsApiTest::server_ = nullptr;
std::map<std::string, std::string>* RecordsApiTest::tokens_ = nullptr;

void RecordsApiTest::SetUpTestSuite() {
  db_ = new TestDatabase();
  auto env = base_env(*db_);
  ASSERT_EQ(run_the5hc({"migrate"}, env, db_->dir()).exit_code, 0);
  create_user(*db_, "owner1", "Studio-pass-77", {"--create-organization", "Studio A"});
  create_user(*db_, "trainer1", "Studio-pass-77", {"--organization", "studio-a", "--role", "trainer"});
  create_user(*db_, "owner2", "Studio-pass-77", {"--create-organization", "Studio B"});
  server_ = new ServerProcess(env, db_->dir());
  tokens_ = new std::map<std::string, std::string>();
  for (const char* who : {"owner1", "trainer1", "owner2"}) (*tokens_)[who] = login(server_->port(), who, "Studio-pass-77");
}

void RecordsApiTest::TearDownTestSuite() {
  delete server_;
  delete tokens_;
  delete db_;
  server_ = nullptr;
  db_ = nullptr;
}

RecordsApiTest::Reply RecordsApiTest::call(const std::string& who, const std::string& method, const std::string& path,
                                           const nlohmann::json& body, const std::string& lang) {
  auto headers = bearer((*tokens_)[who]);
  if (!lang.empty()) headers["Accept-Language"] = lang;
  if (!body.is_null()) headers["Content-Type"] = "application/json";
  auto r = http_request(server_->port(), method, path, body.is_null() ? "" : body.dump(), headers);
  Reply out{r.status, nullptr, r.body};
  if (!r.body.empty()) out.body = nlohmann::json::parse(r.body, nullptr, false);
  return out;
}

long long RecordsApiTest::client(const std::string& who, const nlohmann::json& fields) {
  nlohmann::json body = {{"name", "김철수"}, {"age", 35}, {"gender", "male"}, {"height", 175}, {"weight", 80}};
  for (auto& [k, v] : fields.items()) body[k] = v;
  auto r = call(who, "POST", "/api/v1/clients/", body);
  EXPECT_EQ(r.status, 201) << r.raw;
  return r.body.value("id", 0LL);
}

long long RecordsApiTest::sql_count(const std::string& query) {
  store::Database db(parse_database_url(db_->url()), 1);
  long long n = -1;
  db.read([&](soci::session& s) { s << query, soci::into(n); });
  return n;
}

void RecordsApiTest::sql_exec(const std::string& statement) {
  store::Database db(parse_database_url(db_->url()), 1);
  db.write([&](soci::session& s) { s << statement; });
}

std::string RecordsApiTest::seoul_date(int days) {
  using namespace std::chrono;
  auto t = floor<std::chrono::days>(system_clock::now() + hours(9) + std::chrono::days(days));
  year_month_day ymd{t};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buf;
}

}  // namespace the5hc::testing
