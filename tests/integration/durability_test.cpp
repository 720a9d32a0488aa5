// Crash durability and storage failures of the real server (issue 17 part 2), run as the ctest entries
// durability_sqlite / durability_postgres (CMakeLists.txt; integration_* leave these suites out).
//   DurabilityKill: 8 writers create clients, assessments and bookings (and complete some) while the server is
//     killed with SIGKILL at a random moment, several times; after each restart every acknowledged write is there,
//     no package is overdrawn, and SQLite's integrity_check and foreign_key_check are clean.
//   DurabilityStorage (SQLite): a full disk (a small tmpfs filled by a ballast file; without the right to mount, the
//     server's RLIMIT_FSIZE) and a read-only database file (chattr +i as root, who ignores mode bits; chmod a-w
//     otherwise) answer a clear 503 — JSON under /api/, an error page on the web, Korean by default and English
//     with Accept-Language: en — change nothing, and the server recovers without a restart once space is back /
//     the file is writable again.
//   DurabilityStorage (PostgreSQL): a private PostgreSQL server stopped under the running server → 503 for API and
//     pages and /readyz; started again → the very next request succeeds; turned read-only → writes 503, reads 200.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <latch>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <thread>
#include <vector>

#include "common/time.hpp"
#include "config/config.hpp"
#include "http/message.hpp"
#include "store/database.hpp"
#include "support/harness.hpp"
#include "support/sql_probe.hpp"
#include "support/suite_server.hpp"
#include "support/web_browser.hpp"

using namespace the5hc::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kPassword = "Studio-pass-77";
const std::string kStorageKo =
    "데이터베이스 저장 공간이 가득 찼거나 읽기 전용이어서 저장하지 못했습니다. 아무것도 변경되지 않았습니다. "
    "잠시 후 다시 시도해주세요.";
const std::string kStorageEn =
    "The change could not be saved: the database storage is full or read-only. Nothing was changed. "
    "Please try again later.";
const std::string kUnreachableKo = "지금 데이터베이스에 연결할 수 없습니다. 아무것도 변경되지 않았습니다. 잠시 후 다시 시도해주세요.";
const std::string kUnreachableEn =
    "The database cannot be reached right now. Nothing was changed. Please try again shortly.";

Env durable_env(const std::string& database_url, const TestDatabase& db) {
  Env env = base_env(db);
  env["DATABASE_URL"] = database_url;
  env["THROTTLE_USER"] = "1000000/hour";
  env["THROTTLE_ANON"] = "100000/hour";
  env["LOGIN_RATE_LIMIT"] = "10000/15m";
  env["WORKER_THREADS"] = "16";
  env["DB_POOL_SIZE"] = "8";
  return env;
}

// migrate + an owner of a new studio, on env's database.
void prepare_studio(const Env& env, const std::string& dir) {
  auto migrated = run_the5hc({"migrate"}, env, dir);
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  auto created = run_the5hc({"create-user", "owner", "--email", "owner@example.com", "--name", "owner",
                             "--password-stdin", "--create-organization", "Durable Studio"},
                            env, dir, kPassword + "\n");
  ASSERT_EQ(created.exit_code, 0) << created.out << created.err;
}

json client_body(const std::string& name) {
  return {{"name", name}, {"age", 34}, {"gender", "female"}, {"height", 163}, {"weight", 58}};
}

json assessment_body(std::int64_t client) {
  return {{"client", client},          {"date", "2025-06-09"},       {"push_up_reps", 26},
          {"push_up_type", "standard"}, {"farmer_carry_time", 50},    {"farmer_carry_weight", 40},
          {"toe_touch_distance", 2},    {"shoulder_mobility_score", 2}};
}

std::string tomorrow() {
  return the5hc::add_days(the5hc::local_date(std::chrono::system_clock::now(), "Asia/Seoul"), 1).str();
}

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string s;
  for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
  return s.empty() ? "0" : s;
}

// SQL on a database URL of the test's choosing (TestDatabase's own SqlProbe knows only its default URL).
class UrlProbe {
 public:
  explicit UrlProbe(const std::string& url) : db_(the5hc::parse_database_url(url), 2) {}
  long long count(const std::string& sql) {
    return db_.read([&](soci::session& s) {
      long long n = 0;
      s << sql, soci::into(n);
      return n;
    });
  }
  std::string text(const std::string& sql) {
    return db_.read([&](soci::session& s) {
      std::string t;
      s << sql, soci::into(t);
      return t;
    });
  }

 private:
  the5hc::store::Database db_;
};

// ---- kill -9 under 8 writers ----

// What the server acknowledged (2xx) — it must all be there after any crash.
struct Ledger {
  std::mutex m;
  std::vector<std::int64_t> clients, assessments, sessions, completed;
  void add(std::vector<std::int64_t>& list, std::int64_t id) {
    std::lock_guard lock(m);
    list.push_back(id);
  }
};

HttpResponse api(int port, const std::string& token, const std::string& method, const std::string& path,
                 const json& body = nullptr, std::map<std::string, std::string> headers = {}) {
  headers.merge(bearer(token));
  headers.emplace("Content-Type", "application/json");
  return http_request(port, method, path, body.is_null() ? "" : body.dump(), headers);
}

std::int64_t created_id(const HttpResponse& r) {
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? json::parse(r.body)["id"].get<std::int64_t>() : 0;
}

// One writer until the server dies under it: client, assessment, booking in turn; half of its bookings completed.
// Bookings of all writers race for the same two small packages, so some are refused (4xx) once they are full.
void write_until_killed(int w, int port, const std::string& token, std::int64_t own_client,
                        const std::vector<std::int64_t>& packages, const std::string& tag, Ledger& ledger) {
  for (int k = 0; k < 10000; ++k) {
    HttpResponse r;
    int op = (w + k) % 3;
    try {
      if (op == 0) {
        r = api(port, token, "POST", "/api/v1/clients/", client_body("내구 " + tag + "-" + std::to_string(w) + "-" +
                                                                       std::to_string(k)));
        if (r.status == 201) ledger.add(ledger.clients, json::parse(r.body)["id"].get<std::int64_t>());
      } else if (op == 1) {
        r = api(port, token, "POST", "/api/v1/assessments/", assessment_body(own_client));
        if (r.status == 201) ledger.add(ledger.assessments, json::parse(r.body)["id"].get<std::int64_t>());
      } else {
        r = api(port, token, "POST", "/api/v1/sessions/",
                {{"package", packages[k % packages.size()]}, {"session_date", tomorrow()}});
        if (r.status == 201) {
          auto id = json::parse(r.body)["id"].get<std::int64_t>();
          ledger.add(ledger.sessions, id);
          if (k % 2 == 0) {
            r = api(port, token, "POST", "/api/v1/sessions/" + std::to_string(id) + "/complete/");
            if (r.status == 200) ledger.add(ledger.completed, id);
          }
        }
      }
    } catch (const std::exception&) {
      return;  // the server is gone
    }
    if (r.status == 0) return;  // cut off mid-answer
    // Refused bookings (package full) are 4xx; a 5xx is never right while the server runs.
    if (r.status >= 500) ADD_FAILURE() << "writer " << w << " op " << op << ": " << r.status << " " << r.body;
  }
}

void expect_everything_acknowledged_is_there(SqlProbe& probe, Ledger& ledger, bool sqlite) {
  std::lock_guard lock(ledger.m);
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM clients WHERE id IN (" + id_list(ledger.clients) + ")"),
            static_cast<long long>(ledger.clients.size()));
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM assessments WHERE id IN (" + id_list(ledger.assessments) + ")"),
            static_cast<long long>(ledger.assessments.size()));
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM sessions WHERE id IN (" + id_list(ledger.sessions) + ")"),
            static_cast<long long>(ledger.sessions.size()));
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM sessions WHERE status = 'completed' AND id IN (" +
                        id_list(ledger.completed) + ")"),
            static_cast<long long>(ledger.completed.size()));
  // No package overdrawn: booked + consumed within its sessions, and its counter agrees with its sessions.
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM session_packages p WHERE p.remaining_sessions < 0 "
                        "OR (SELECT COUNT(*) FROM sessions s WHERE s.package_id = p.id AND s.status = 'scheduled') + "
                        "(SELECT COALESCE(SUM(s.sessions_used), 0) FROM sessions s WHERE s.package_id = p.id) "
                        "> p.total_sessions "
                        "OR p.remaining_sessions <> p.total_sessions - "
                        "(SELECT COALESCE(SUM(s.sessions_used), 0) FROM sessions s WHERE s.package_id = p.id)"),
            0);
  if (sqlite) {
    EXPECT_EQ(probe.text("PRAGMA integrity_check"), "ok");
    EXPECT_EQ(probe.count("SELECT COUNT(*) FROM pragma_foreign_key_check"), 0);
  }
}

TEST(DurabilityKill, EveryAcknowledgedWriteSurvivesRepeatedKillNineUnderEightWriters) {
  TestDatabase db;
  Env env = durable_env(db.url(), db);
  prepare_studio(env, db.dir());
  auto server = std::make_unique<ServerProcess>(env, db.dir());
  std::string token = login(server->port(), "owner", kPassword);
  ASSERT_FALSE(token.empty());
  std::vector<std::int64_t> own_clients;  // one per writer, for its assessments
  for (int w = 0; w < 8; ++w)
    own_clients.push_back(created_id(api(server->port(), token, "POST", "/api/v1/clients/",
                                         client_body("평가 회원 " + std::to_string(w)))));

  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  std::cout << "[ seed     ] " << seed << "\n";
  SqlProbe probe(db);
  Ledger ledger;
  // Six kills per engine by default (~15 s); THE5HC_DURABILITY_ROUNDS=N for a longer hunt.
  const int rounds = std::getenv("THE5HC_DURABILITY_ROUNDS") ? std::atoi(std::getenv("THE5HC_DURABILITY_ROUNDS")) : 6;
  for (int round = 0; round < rounds; ++round) {
    // Two packages of 6 sessions per round, shared by all writers.
    std::vector<std::int64_t> packages;
    for (int i = 0; i < 2; ++i)
      packages.push_back(created_id(api(server->port(), token, "POST", "/api/v1/packages/",
                                        {{"client", own_clients[(2 * round + i) % 8]},
                                         {"package_name", "6회 PT"},
                                         {"total_amount", 300000},
                                         {"total_sessions", 6}})));
    const auto kill_after = std::chrono::milliseconds(std::uniform_int_distribution<int>(150, 1200)(rng));
    std::latch start(9);
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w)
      writers.emplace_back([&, w] {
        start.arrive_and_wait();
        write_until_killed(w, server->port(), token, own_clients[w], packages, std::to_string(round), ledger);
      });
    start.arrive_and_wait();
    std::this_thread::sleep_for(kill_after);
    server->signal(SIGKILL);
    for (auto& t : writers) t.join();
    server->wait(10000);
    server.reset();
    std::size_t acknowledged = ledger.clients.size() + ledger.assessments.size() + ledger.sessions.size();
    std::cout << "[ round " << round << "  ] kill -9 after " << kill_after.count() << " ms; " << acknowledged
              << " writes acknowledged so far\n";

    server = std::make_unique<ServerProcess>(env, db.dir());  // recovery happens on open
    expect_everything_acknowledged_is_there(probe, ledger, !db.postgres());
    if (::testing::Test::HasFailure()) break;
  }
  EXPECT_GE(ledger.clients.size(), 10u);
  EXPECT_GE(ledger.assessments.size(), 10u);
  EXPECT_GE(ledger.sessions.size(), 8u);
  // The restarted server serves what was acknowledged before the last crash.
  auto last = api(server->port(), token, "GET", "/api/v1/clients/" + std::to_string(ledger.clients.back()) + "/");
  EXPECT_EQ(last.status, 200) << last.body;
  std::cout << "[ durable  ] " << ledger.clients.size() << " clients, " << ledger.assessments.size()
            << " assessments, " << ledger.sessions.size() << " bookings (" << ledger.completed.size()
            << " completed) acknowledged across " << rounds << " kills, all present\n";
}

// ---- storage failures ----

// A command of the test environment; true when it exited 0.
bool sh(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

// A full disk under a running server, and space back. The most real way this machine allows:
//   tmpfs: the database lives on a small tmpfs (needs root or CAP_SYS_ADMIN to mount), filled by a ballast file —
//     the file system itself answers ENOSPC (SQLITE_FULL), exactly as a full data volume would;
//   otherwise RLIMIT_FSIZE: the server's file size limit (prlimit, no privilege needed) is lowered to the database
//     file's size, so that the files stop growing (EFBIG, SQLITE_IOERR_WRITE); SIGXFSZ is ignored by the server,
//     which inherits the disposition from this test. THE5HC_DURABILITY_NO_MOUNT=1 forces this way.
class DiskFull {
 public:
  explicit DiskFull(const std::string& dir) : volume_(dir + "/volume") {
    fs::create_directories(volume_);
    if (!std::getenv("THE5HC_DURABILITY_NO_MOUNT"))
      mounted_ = mount("the5hc-durability", volume_.c_str(), "tmpfs", 0, "size=6m") == 0;
    if (!mounted_) signal(SIGXFSZ, SIG_IGN);  // before the server is spawned: it inherits the ignored signal
  }
  ~DiskFull() {
    if (mounted_) umount2(volume_.c_str(), MNT_DETACH);
    signal(SIGXFSZ, SIG_DFL);
  }
  const char* how() const { return mounted_ ? "tmpfs filled by a ballast file" : "RLIMIT_FSIZE of the server"; }
  std::string database_url() const { return "sqlite:///" + volume_ + "/studio.db"; }

  void fill(int server_pid) {
    if (!mounted_) {
      set_file_size_limit(server_pid, fs::file_size(volume_ + "/studio.db"));
      return;
    }
    int fd = open((volume_ + "/ballast").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ASSERT_GE(fd, 0);
    std::vector<char> block(64 * 1024, 'x');
    for (std::size_t size = block.size(); size > 0; size /= 2)
      while (write(fd, block.data(), size) > 0) {
      }
    fsync(fd);
    close(fd);
  }
  void make_room(int server_pid) {
    if (mounted_) fs::remove(volume_ + "/ballast");
    else set_file_size_limit(server_pid, RLIM_INFINITY);
  }

 private:
  static void set_file_size_limit(int pid, rlim_t bytes) {
    rlimit limit{};
    ASSERT_EQ(prlimit(pid, RLIMIT_FSIZE, nullptr, &limit), 0);
    limit.rlim_cur = bytes;
    ASSERT_EQ(prlimit(pid, RLIMIT_FSIZE, &limit, nullptr), 0);
  }
  std::string volume_;
  bool mounted_ = false;
};

// The 503 of a refused write: JSON with the message in the request's language, Retry-After.
void expect_json_503(const HttpResponse& r, const std::string& message) {
  EXPECT_EQ(r.status, 503) << r.body;
  EXPECT_FALSE(r.header("retry-after").empty());
  if (r.status == 503) {
    EXPECT_EQ(json::parse(r.body).value("detail", ""), message) << r.body;
  }
}
// ... and of a web page: HTML with the message.
void expect_page_503(const HttpResponse& r, const std::string& message) {
  EXPECT_EQ(r.status, 503) << r.body.substr(0, 300);
  EXPECT_NE(r.header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(r.body.find(message), std::string::npos) << r.body.substr(0, 2000);
}

std::string form_client(const std::string& name) {
  return "name=" + the5hc::http::url_encode(name) + "&age=30&gender=female&height=160&weight=55";
}

// Writes during a storage failure: the API and the web form each refused, in Korean and in English, nothing saved.
// Returns the names that were refused.
std::vector<std::string> expect_writes_refused(int port, const std::string& token, const WebBrowser& browser,
                                               const std::string& ko, const std::string& en, const std::string& tag) {
  std::vector<std::string> refused;
  auto name = [&](const std::string& what) {
    refused.push_back(tag + " " + what);
    return refused.back();
  };
  expect_json_503(api(port, token, "POST", "/api/v1/clients/", client_body(name("api ko"))), ko);
  expect_json_503(api(port, token, "POST", "/api/v1/clients/", client_body(name("api en")), {{"Accept-Language", "en"}}),
                  en);
  expect_page_503(browser.request("POST", "/clients/add/", form_client(name("web ko"))), ko);
  auto htmx = browser.request("POST", "/clients/add/", form_client(name("web htmx")), {{"HX-Request", "true"}});
  EXPECT_EQ(htmx.status, 503);
  EXPECT_NE(htmx.header("hx-trigger").find("showMessage"), std::string::npos);  // a toast; the page stays
  // Pages follow the signed-in user's language setting (Korean here); a visitor's follows Accept-Language: the
  // login form, which writes the new session.
  auto login_page = http_request(port, "GET", "/accounts/login/", "", {{"Accept-Language", "en"}});
  std::string cookie = "csrftoken=" + cookie_value(login_page, "csrftoken");
  expect_page_503(http_request(port, "POST", "/accounts/login/",
                               "csrfmiddlewaretoken=" + the5hc::http::url_encode(form_csrf_token(login_page.body)) +
                                   "&email_or_username=owner&password=" + the5hc::http::url_encode(kPassword),
                               {{"Cookie", cookie},
                                {"Content-Type", "application/x-www-form-urlencoded"},
                                {"Accept-Language", "en"}}),
                  en);
  return refused;
}

// After recovery: the refused names are absent, nothing else is half written, the file is sound.
void expect_nothing_half_written(UrlProbe& probe, const std::vector<std::string>& refused, bool sqlite) {
  for (const auto& name : refused)
    EXPECT_EQ(probe.count("SELECT COUNT(*) FROM clients WHERE name = '" + name + "'"), 0) << name;
  // every client has its audit entry and no audit entry lacks its client: they were written together or not at all
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM audit_log WHERE action = 'client_created'"),
            probe.count("SELECT COUNT(*) FROM clients"));
  if (sqlite) {
    EXPECT_EQ(probe.text("PRAGMA integrity_check"), "ok");
  }
}

// Retries `write` a few times: the first write after recovery may meet the previous failure's last moments.
HttpResponse first_success(const std::function<HttpResponse()>& write, int expected) {
  HttpResponse r;
  for (int attempt = 0; attempt < 5; ++attempt) {
    r = write();
    if (r.status == expected) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return r;
}

TEST(DurabilityStorage, DiskFullAnswers503AndRecoversWithoutRestart) {
  if (postgres_selected()) GTEST_SKIP() << "SQLite: the PostgreSQL server's disk is not the test's to fill";
  TestDatabase scratch;
  DiskFull disk(scratch.dir());
  const std::string url = disk.database_url();
  Env env = durable_env(url, scratch);
  prepare_studio(env, scratch.dir());
  ServerProcess server(env, scratch.dir());
  std::string token = login(server.port(), "owner", kPassword);
  WebBrowser browser = sign_in_browser(server.port(), "owner", kPassword);
  created_id(api(server.port(), token, "POST", "/api/v1/clients/", client_body("디스크 전")));

  disk.fill(server.pid());
  std::cout << "[ full     ] by " << disk.how() << "\n";
  // Writes may still fit in pages the WAL already has; the first that needs a new block is refused, and every
  // write after it until space is back.
  std::vector<std::string> acknowledged, refused;
  for (int i = 0; i < 300 && refused.empty(); ++i) {
    std::string name = "가득 " + std::to_string(i);
    auto r = api(server.port(), token, "POST", "/api/v1/clients/", client_body(name));
    ASSERT_TRUE(r.status == 201 || r.status == 503) << r.status << " " << r.body;
    (r.status == 201 ? acknowledged : refused).push_back(name);
    if (r.status == 503) expect_json_503(r, kStorageKo);
  }
  ASSERT_FALSE(refused.empty()) << "300 writes fitted on a full disk";
  for (auto& name : expect_writes_refused(server.port(), token, browser, kStorageKo, kStorageEn, "가득 찬"))
    refused.push_back(name);
  // The operator finds the cause in the log (SQLite's code and message: "database or disk is full").
  EXPECT_NE(server.output().find("the database refused the request"), std::string::npos) << server.output();
  // Reads need no space.
  EXPECT_EQ(api(server.port(), token, "GET", "/api/v1/clients/").status, 200);
  EXPECT_EQ(browser.request("GET", "/clients/").status, 200);

  disk.make_room(server.pid());
  auto again = first_success(
      [&] { return api(server.port(), token, "POST", "/api/v1/clients/", client_body("공간 회복")); }, 201);
  EXPECT_EQ(again.status, 201) << again.body;
  auto form = first_success([&] { return browser.request("POST", "/clients/add/", form_client("공간 회복 웹")); }, 303);
  EXPECT_EQ(form.status, 303) << form.body.substr(0, 300);

  UrlProbe probe(url);
  for (const auto& name : acknowledged)
    EXPECT_EQ(probe.count("SELECT COUNT(*) FROM clients WHERE name = '" + name + "'"), 1) << name;
  expect_nothing_half_written(probe, refused, true);
  std::cout << "[ refused  ] " << acknowledged.size() << " writes fitted, " << refused.size()
            << " refused with 503, recovered without restart\n";
}

// The database file made read-only for the server: chattr +i when the test runs as root (root ignores mode bits),
// chmod a-w otherwise. Undone by the destructor.
class ReadOnlyFile {
 public:
  explicit ReadOnlyFile(std::string path) : path_(std::move(path)) {
    if (geteuid() == 0) {
      immutable_ = sh("chattr +i '" + path_ + "'");
      applied_ = immutable_;
    } else {
      fs::permissions(path_, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                      fs::perm_options::remove);
      applied_ = true;
    }
  }
  ~ReadOnlyFile() { undo(); }
  bool applied() const { return applied_; }
  void undo() {
    if (!applied_) return;
    if (immutable_) sh("chattr -i '" + path_ + "'");
    else fs::permissions(path_, fs::perms::owner_write, fs::perm_options::add);
    applied_ = false;
  }

 private:
  std::string path_;
  bool immutable_ = false, applied_ = false;
};

TEST(DurabilityStorage, ReadOnlyDatabaseAnswers503AndRecoversWithoutRestart) {
  if (postgres_selected()) GTEST_SKIP() << "SQLite: a database file";
  TestDatabase db;
  Env env = durable_env(db.url(), db);
  prepare_studio(env, db.dir());
  std::string token;
  std::string session;
  {
    ServerProcess first(env, db.dir());  // signs in while the file is writable (a login writes)
    token = login(first.port(), "owner", kPassword);
    session = sign_in_browser(first.port(), "owner", kPassword).session;
    created_id(api(first.port(), token, "POST", "/api/v1/clients/", client_body("읽기 전용 전")));
    first.signal(SIGTERM);
    ASSERT_EQ(first.wait(10000), 0);
  }
  const std::string file = db.dir() + "/test.db";
  ReadOnlyFile read_only(file);
  if (!read_only.applied()) GTEST_SKIP() << "chattr +i is not supported on " << db.dir();

  ServerProcess server(env, db.dir());
  WebBrowser browser{server.port(), session, ""};
  browser.csrf = form_csrf_token(browser.request("GET", "/accounts/password/").body);
  // Reads work from a read-only file.
  auto list = api(server.port(), token, "GET", "/api/v1/clients/");
  EXPECT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(browser.request("GET", "/clients/").status, 200);
  auto refused = expect_writes_refused(server.port(), token, browser, kStorageKo, kStorageEn, "읽기 전용");

  read_only.undo();
  auto again =
      first_success([&] { return api(server.port(), token, "POST", "/api/v1/clients/", client_body("쓰기 회복")); }, 201);
  EXPECT_EQ(again.status, 201) << again.body;
  auto form = first_success([&] { return browser.request("POST", "/clients/add/", form_client("쓰기 회복 웹")); }, 303);
  EXPECT_EQ(form.status, 303) << form.body.substr(0, 300);
  UrlProbe probe(db.url());
  expect_nothing_half_written(probe, refused, true);
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM clients WHERE name IN ('쓰기 회복', '쓰기 회복 웹')"), 2);
}

// A PostgreSQL server of the test's own, to stop and start under the running the5hc (the shared one of
// scripts/test.sh serves other tests at the same time). As root it runs as the postgres user.
class PrivatePostgres {
 public:
  explicit PrivatePostgres(const std::string& dir) : dir_(dir + "/pg"), port_(free_port()) {
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec_))
      if (fs::exists(entry.path() / "bin/pg_ctl") && entry.path().string() + "/bin" > bin_)
        bin_ = entry.path().string() + "/bin";
    if (bin_.empty()) return;
    fs::create_directories(dir_);
    as_ = geteuid() == 0 ? "runuser -u postgres -- " : "";
    if (geteuid() == 0) sh("chown postgres '" + dir_ + "'");
    ok_ = sh(as_ + bin_ + "/initdb -D " + dir_ + "/data -U postgres -A trust -E UTF8 --locale=C.UTF-8 -N") && start();
  }
  ~PrivatePostgres() {
    if (!bin_.empty()) sh(as_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m immediate stop");
  }
  bool ok() const { return ok_; }
  std::string url() const { return "postgres://postgres@127.0.0.1:" + std::to_string(port_) + "/postgres"; }
  bool start() {
    return sh(as_ + bin_ + "/pg_ctl -D " + dir_ + "/data -l " + dir_ + "/server.log -w -o \"-h 127.0.0.1 -p " +
              std::to_string(port_) + " -k " + dir_ + " -c fsync=off\" start");
  }
  bool stop() { return sh(as_ + bin_ + "/pg_ctl -D " + dir_ + "/data -m fast -w stop"); }

 private:
  std::string dir_, bin_, as_;
  int port_;
  bool ok_ = false;
  std::error_code ec_;
};

// The whole PostgreSQL server read-only (ALTER SYSTEM: every session, as after a failover to a standby) or not.
void set_read_only(const std::string& url, bool on) {
  soci::session s(soci::postgresql, the5hc::parse_database_url(url).soci_connect());
  s << "SET default_transaction_read_only = off";  // this session itself may write the setting
  s << (on ? "ALTER SYSTEM SET default_transaction_read_only = on" : "ALTER SYSTEM RESET default_transaction_read_only");
  int reloaded = 0;
  s << "SELECT CAST(pg_reload_conf() AS INTEGER)", soci::into(reloaded);
}

TEST(DurabilityStorage, UnreachableOrReadOnlyPostgresAnswers503AndRecoversWithoutRestart) {
  if (!postgres_selected()) GTEST_SKIP() << "PostgreSQL";
  TestDatabase scratch;
  PrivatePostgres pg(scratch.dir());
  if (!pg.ok()) GTEST_SKIP() << "no PostgreSQL server binaries (initdb, pg_ctl) to start a private server";
  Env env = durable_env(pg.url(), scratch);
  prepare_studio(env, scratch.dir());
  ServerProcess server(env, scratch.dir());
  std::string token = login(server.port(), "owner", kPassword);
  WebBrowser browser = sign_in_browser(server.port(), "owner", kPassword);
  created_id(api(server.port(), token, "POST", "/api/v1/clients/", client_body("중단 전")));

  ASSERT_TRUE(pg.stop());
  expect_json_503(api(server.port(), token, "GET", "/api/v1/clients/"), kUnreachableKo);
  expect_json_503(api(server.port(), token, "GET", "/api/v1/clients/", nullptr, {{"Accept-Language", "en"}}),
                  kUnreachableEn);
  expect_page_503(browser.request("GET", "/clients/"), kUnreachableKo);
  auto refused = expect_writes_refused(server.port(), token, browser, kUnreachableKo, kUnreachableEn, "중단");
  EXPECT_EQ(server.get("/readyz").status, 503);

  ASSERT_TRUE(pg.start());
  // The pooled connections died with the server; the next request reconnects instead of failing.
  auto list = api(server.port(), token, "GET", "/api/v1/clients/");
  EXPECT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(api(server.port(), token, "POST", "/api/v1/clients/", client_body("재시작 후")).status, 201);
  EXPECT_EQ(browser.request("POST", "/clients/add/", form_client("재시작 후 웹")).status, 303);
  EXPECT_EQ(server.get("/readyz").status, 200);
  // A restart while nobody is asking: every pooled connection is dead, yet the next requests succeed.
  ASSERT_TRUE(pg.stop());
  ASSERT_TRUE(pg.start());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(api(server.port(), token, "GET", "/api/v1/clients/").status, 200) << i;
    EXPECT_EQ(api(server.port(), token, "POST", "/api/v1/clients/", client_body("조용한 재시작 " + std::to_string(i)))
                  .status,
              201)
        << i;
  }
  UrlProbe probe(pg.url());
  // A server that turned read-only (a standby after failover, default_transaction_read_only): reads go on, writes
  // are refused with the storage message, and accepted again once it is writable.
  set_read_only(pg.url(), true);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server processes take the new configuration
  EXPECT_EQ(api(server.port(), token, "GET", "/api/v1/clients/").status, 200);
  for (auto& name : expect_writes_refused(server.port(), token, browser, kStorageKo, kStorageEn, "읽기 전용"))
    refused.push_back(name);
  set_read_only(pg.url(), false);
  auto again =
      first_success([&] { return api(server.port(), token, "POST", "/api/v1/clients/", client_body("쓰기 회복")); }, 201);
  EXPECT_EQ(again.status, 201) << again.body;
  expect_nothing_half_written(probe, refused, false);
}

}  // namespace
