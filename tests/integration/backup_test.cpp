// Backups and the restore drill (OPERATIONS.md §6, §9) through the real binary on the selected engine: data →
// backup → destroy → restore → migrate up → the same rows and a login; refusals that change nothing; a backup taken
// while 8 writers are busy restores to a consistent state.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/digest.hpp"
#include "support/harness.hpp"
#include "support/sql_probe.hpp"

using namespace the5hc::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kPassword = "Studio-pass-77";

Env drill_env(const TestDatabase& db) {
  auto env = base_env(db);
  env["BACKUP_DIR"] = db.dir() + "/backups";
  env["THROTTLE_USER"] = "100000/hour";
  env["LOGIN_RATE_LIMIT"] = "1000/minute";
  return env;
}

std::string create_client(int port, const std::string& token, const std::string& name) {
  auto headers = bearer(token);
  headers["Content-Type"] = "application/json";
  auto r = http_request(port, "POST", "/api/v1/clients/",
                        json{{"name", name}, {"age", 35}, {"gender", "female"}, {"height", 165}, {"weight", 60}}.dump(),
                        headers);
  return r.status == 201 ? name : "";
}

std::string clients_listing(int port, const std::string& token) {
  auto r = http_request(port, "GET", "/api/v1/clients/?ordering=name&page_size=100", "", bearer(token));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.body;
}

// The one backup of `dir` with `label` in its name.
std::string backup_named(const std::string& dir, const std::string& label) {
  for (const auto& e : fs::directory_iterator(dir)) {
    auto name = e.path().filename().string();
    if (name.find(label) != std::string::npos && !name.ends_with(".json")) return e.path().string();
  }
  return "";
}

void destroy(const TestDatabase& db, const Env& env) {
  if (db.postgres()) {
    auto down = run_the5hc({"migrate", "down", "999", "--yes"}, env, db.dir());
    ASSERT_EQ(down.exit_code, 0) << down.err;
  } else {
    std::string path = db.url().substr(std::string("sqlite:///").size());
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  }
}

class Backups : public ::testing::Test {
 protected:
  void SetUp() override {
    env = drill_env(db);
    auto up = run_the5hc({"migrate"}, env, db.dir());
    ASSERT_EQ(up.exit_code, 0) << up.err;
    create_user(db, "owner", kPassword, {"--create-organization", "Drill Studio"});
  }
  TestDatabase db;
  Env env;
};

}  // namespace

TEST_F(Backups, RestoreDrillBringsBackTheRowsAndTheLogin) {
  std::string before;
  {
    ServerProcess server(env, db.dir());
    auto token = login(server.port(), "owner", kPassword);
    for (auto name : {"김하늘", "이바다", "박산들"}) ASSERT_FALSE(create_client(server.port(), token, name).empty());
    before = clients_listing(server.port(), token);
  }
  auto created = run_the5hc({"backup", "create", "--label", "drill"}, env, db.dir());
  ASSERT_EQ(created.exit_code, 0) << created.out << created.err;
  std::string file = backup_named(env["BACKUP_DIR"], "drill");
  ASSERT_FALSE(file.empty());
  struct stat st {};
  ASSERT_EQ(stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto sidecar = json::parse(std::ifstream(file + ".json"));
  EXPECT_EQ(sidecar["engine"], db.postgres() ? "postgres" : "sqlite");
  EXPECT_EQ(sidecar["label"], "drill");
  EXPECT_EQ(sidecar["size"].get<long long>(), static_cast<long long>(fs::file_size(file)));
  EXPECT_EQ(sidecar["sha256"].get<std::string>().size(), 64u);
  EXPECT_GE(sidecar["schema_version"].get<int>(), 3);

  auto listed = run_the5hc({"backup", "list", "--json"}, env, db.dir());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  auto list = json::parse(listed.out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["file"], file);

  destroy(db, env);
  auto restored = run_the5hc({"backup", "restore", file, "--yes"}, env, db.dir());
  ASSERT_EQ(restored.exit_code, 0) << restored.out << restored.err;
  auto migrated = run_the5hc({"migrate", "up"}, env, db.dir());
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;

  ServerProcess server(env, db.dir());
  auto token = login(server.port(), "owner", kPassword);
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(clients_listing(server.port(), token), before);
}

TEST_F(Backups, RestoreTakesASafetyBackupFirstAndNeedsYes) {
  auto created = run_the5hc({"backup", "create", "--label", "first"}, env, db.dir());
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string file = backup_named(env["BACKUP_DIR"], "first");
  auto no_yes = run_the5hc({"backup", "restore", file}, env, db.dir());
  EXPECT_EQ(no_yes.exit_code, 2);
  EXPECT_TRUE(backup_named(env["BACKUP_DIR"], "pre-restore").empty());

  create_user(db, "later", kPassword);
  SqlProbe sql(db);
  sql.exec("CREATE TABLE later_feature (id INTEGER)");  // what a newer release's migration would add
  auto restored = run_the5hc({"backup", "restore", file, "--yes"}, env, db.dir());
  ASSERT_EQ(restored.exit_code, 0) << restored.out << restored.err;
  std::string safety = backup_named(env["BACKUP_DIR"], "pre-restore");
  ASSERT_FALSE(safety.empty()) << restored.out;
  EXPECT_EQ(sql.count("SELECT count(*) FROM users WHERE username = 'later'"), 0);
  EXPECT_ANY_THROW(sql.count("SELECT count(*) FROM later_feature"));  // the database is exactly the backup
  // The safety backup holds what was replaced: restoring it brings the later user back.
  ASSERT_EQ(run_the5hc({"backup", "restore", safety, "--yes"}, env, db.dir()).exit_code, 0);
  EXPECT_EQ(sql.count("SELECT count(*) FROM users WHERE username = 'later'"), 1);
}

TEST_F(Backups, DamagedTruncatedOrForeignFilesAreRefusedWithExit2AndNothingChanges) {
  auto created = run_the5hc({"backup", "create", "--label", "good"}, env, db.dir());
  ASSERT_EQ(created.exit_code, 0) << created.err;
  std::string good = backup_named(env["BACKUP_DIR"], "good");
  std::string dir = db.dir() + "/elsewhere";
  fs::create_directories(dir);
  create_user(db, "witness", kPassword);

  auto copy = [&](const std::string& name) {
    std::string f = dir + "/" + name;
    fs::copy_file(good, f);
    fs::copy_file(good + ".json", f + ".json");
    return f;
  };
  std::string truncated = copy("truncated");
  fs::resize_file(truncated, fs::file_size(truncated) / 2);
  std::string flipped = copy("flipped");
  {
    std::fstream f(flipped, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(flipped) / 2));
    f.put('\x5a');
  }
  std::string foreign = copy("foreign");
  {
    auto j = json::parse(std::ifstream(foreign + ".json"));
    j["engine"] = db.postgres() ? "sqlite" : "postgres";
    std::ofstream(foreign + ".json") << j.dump();
  }
  std::string lonely = dir + "/lonely";
  fs::copy_file(good, lonely);
  std::string junk = copy("junk");  // right size and checksum in its sidecar, but not a database of this engine
  {
    std::ofstream(junk, std::ios::binary | std::ios::trunc) << std::string(4096, 'x');
    auto j = json::parse(std::ifstream(junk + ".json"));
    j["size"] = 4096;
    j["sha256"] = the5hc::digest::sha256_hex(std::string(4096, 'x'));
    std::ofstream(junk + ".json") << j.dump();
  }

  for (const auto& f : {truncated, flipped, foreign, lonely, junk, dir + "/missing"}) {
    auto r = run_the5hc({"backup", "restore", f, "--yes"}, env, db.dir());
    EXPECT_EQ(r.exit_code, 2) << f << ": " << r.out << r.err;
    EXPECT_FALSE(r.err.empty()) << f;
  }
  EXPECT_TRUE(backup_named(env["BACKUP_DIR"], "pre-restore").empty());  // refused before the safety backup
  SqlProbe sql(db);
  EXPECT_EQ(sql.count("SELECT count(*) FROM users WHERE username = 'witness'"), 1);

  auto english = run_the5hc({"backup", "restore", truncated, "--yes"}, [&] {
    auto e = env;
    e["LC_ALL"] = "en_US.UTF-8";
    return e;
  }(), db.dir());
  EXPECT_NE(english.err.find("damaged or truncated"), std::string::npos) << english.err;
  auto bad_label = run_the5hc({"backup", "create", "--label", "../escape"}, env, db.dir());
  EXPECT_EQ(bad_label.exit_code, 2) << bad_label.err;
}

TEST_F(Backups, PruneKeepsRecentOnesAndAlwaysTheNewest) {
  for (auto label : {"a", "b", "c"})
    ASSERT_EQ(run_the5hc({"backup", "create", "--label", label}, env, db.dir()).exit_code, 0);
  // Age two of them by rewriting their sidecars' creation time.
  for (auto label : {"a", "b"}) {
    auto f = backup_named(env["BACKUP_DIR"], std::string("-") + label + ".");
    ASSERT_FALSE(f.empty()) << label;
    auto j = json::parse(std::ifstream(f + ".json"));
    j["created_at"] = label == std::string("a") ? "2020-01-01T00:00:00Z" : "2020-01-02T00:00:00Z";
    std::ofstream(f + ".json") << j.dump();
  }
  auto pruned = run_the5hc({"backup", "prune", "--keep-days", "7"}, env, db.dir());
  ASSERT_EQ(pruned.exit_code, 0) << pruned.err;
  auto list = json::parse(run_the5hc({"backup", "list", "--json"}, env, db.dir()).out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["label"], "c");

  // Only old ones left: the newest of them stays.
  auto f = list[0]["file"].get<std::string>();
  auto j = json::parse(std::ifstream(f + ".json"));
  j["created_at"] = "2020-01-03T00:00:00Z";
  std::ofstream(f + ".json") << j.dump();
  ASSERT_EQ(run_the5hc({"backup", "create", "--prune", "--label", "d"}, env, db.dir()).exit_code, 0);
  list = json::parse(run_the5hc({"backup", "list", "--json"}, env, db.dir()).out);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["label"], "d");
}

TEST_F(Backups, ABackupTakenWhileEightWritersAreBusyRestoresConsistently) {
  std::string file;
  long long written = 0;
  {
    ServerProcess server(env, db.dir());
    auto token = login(server.port(), "owner", kPassword);
    std::atomic<bool> stop{false};
    std::atomic<long long> ok{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w)
      writers.emplace_back([&, w] {
        for (int i = 0; !stop; ++i)
          if (!create_client(server.port(), token, "회원" + std::to_string(w) + "-" + std::to_string(i)).empty()) ++ok;
      });
    while (ok < 40) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto created = run_the5hc({"backup", "create", "--label", "busy"}, env, db.dir());
    long long during = ok;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
    for (auto& t : writers) t.join();
    written = ok;
    ASSERT_EQ(created.exit_code, 0) << created.out << created.err;
    EXPECT_GT(written, during) << "the writers kept writing after the backup";
    file = backup_named(env["BACKUP_DIR"], "busy");
  }
  destroy(db, env);
  auto restored = run_the5hc({"backup", "restore", file, "--yes"}, env, db.dir());
  ASSERT_EQ(restored.exit_code, 0) << restored.out << restored.err;
  SqlProbe sql(db);
  long long clients = sql.count("SELECT count(*) FROM clients");
  EXPECT_GE(clients, 40);
  EXPECT_LT(clients, written);
  // Each creation wrote its client and its audit row in one transaction: a consistent copy has both or neither.
  EXPECT_EQ(sql.count("SELECT count(*) FROM audit_log WHERE action = 'client_created'"), clients);
  if (!db.postgres()) {
    EXPECT_EQ(sql.text("PRAGMA integrity_check"), "ok");
  }
}
