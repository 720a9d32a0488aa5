#pragma once
// Integration-test harness: a fresh database per test on the engine chosen by THE5HC_TEST_DB (sqlite|postgres),
// the real `the5hc` binary run as a subprocess, and a real HTTP client over loopback sockets.
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace the5hc::testing {

bool postgres_selected();  // THE5HC_TEST_DB=postgres
// Runs one statement on the PostgreSQL server's `postgres` database as the administrator (THE5HC_TEST_PG_URL).
void pg_admin_exec(const std::string& sql);

// A new empty database: an SQLite file in a temporary directory, or a new PostgreSQL database created through
// THE5HC_TEST_PG_URL (dropped again by the destructor).
class TestDatabase {
 public:
  TestDatabase();
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;
  const std::string& url() const { return url_; }
  const std::string& dir() const { return dir_; }  // a private working directory for the test
  bool postgres() const { return postgres_; }

 private:
  std::string url_, dir_, pg_name_;
  bool postgres_ = false;
};

struct CommandResult {
  int exit_code = -1;
  std::string out, err;
};

using Env = std::map<std::string, std::string>;

// Runs the5hc with args in dir, with env added to the current environment.
CommandResult run_the5hc(const std::vector<std::string>& args, const Env& env, const std::string& dir,
                         const std::string& stdin_text = "");

int free_port();
// Waits for child `pid` to end and returns its exit status (128 + signal when killed), or kills it after timeout_ms
// and returns -1. Sets pid to -1 either way.
int wait_for_exit(int& pid, int timeout_ms);

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string header(const std::string& lower_name) const;
};

HttpResponse http_request(int port, const std::string& method, const std::string& path, const std::string& body = "",
                          const std::map<std::string, std::string>& headers = {});

// `the5hc serve` as a child process on a free port of 127.0.0.1 (`--host 127.0.0.1` unless pass_host is false, for
// tests of the default address and HOST); waits until /healthz answers on 127.0.0.1.
class ServerProcess {
 public:
  ServerProcess(const Env& env, const std::string& dir, std::vector<std::string> extra_args = {},
                bool pass_host = true);
  ~ServerProcess();
  int port() const { return port_; }
  int pid() const { return pid_; }
  void signal(int sig);
  // Waits for the process to end; returns its exit status (or -1 after timeout_ms, when it is killed).
  int wait(int timeout_ms);
  std::string output() const;  // what it printed so far (stdout + stderr)
  HttpResponse get(const std::string& path, const std::map<std::string, std::string>& headers = {}) const {
    return http_request(port_, "GET", path, "", headers);
  }

 private:
  int port_ = 0;
  int pid_ = -1;
  std::string log_path_;
};

// Environment for a test server / command on db: the database URL and a fixed secret in DEBUG mode.
Env base_env(const TestDatabase& db);

// `the5hc create-user` with the password on stdin; extra = e.g. {"--create-organization", "Studio A"} or
// {"--organization", "studio-a", "--role", "senior"}. Fails the calling test (ADD_FAILURE) when the command fails.
void create_user(const TestDatabase& db, const std::string& username, const std::string& password,
                 const std::vector<std::string>& extra = {});

// `the5hc migrate`, then `the5hc import-legacy` of a copy of tests/fixtures/legacy-streamlit.db: the first failure's
// result, or the import's.
CommandResult migrate_and_import_legacy_fixture(const TestDatabase& db, const Env& env);

// POST /api/v1/auth/login/ and return the access token ("" after ADD_FAILURE when the login fails).
std::string login(int port, const std::string& username, const std::string& password);
inline std::map<std::string, std::string> bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}


// The Set-Cookie header `res` sends for cookie `name` ("" when none) and the cookie's value from it.
std::string set_cookie_header(const HttpResponse& res, const std::string& name);
std::string cookie_value(const HttpResponse& res, const std::string& name);

}  // namespace the5hc::testing
