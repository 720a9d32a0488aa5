#include "support/harness.hpp"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

namespace the5hc::testing {
namespace {

std::string random_suffix() {
  static std::mt19937_64 rng(std::random_device{}());
  std::ostringstream s;
  s << std::hex << rng();
  return s.str();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

std::string admin_url_to_soci(const std::string& url, const std::string& dbname) {
  // postgres://user@host:port/db  ->  "host=... port=... user=... dbname=..."
  std::string rest = url.substr(url.find("://") + 3);
  std::string user = "postgres";
  auto at = rest.find('@');
  if (at != std::string::npos) {
    user = rest.substr(0, at);
    rest = rest.substr(at + 1);
  }
  auto slash = rest.find('/');
  std::string hostport = rest.substr(0, slash);
  auto colon = hostport.rfind(':');
  return "host=" + hostport.substr(0, colon) + " port=" + hostport.substr(colon + 1) + " user=" + user +
         " dbname=" + dbname;
}

pid_t spawn(const std::vector<std::string>& args, const Env& env, const std::string& dir, const std::string& in_path,
            const std::string& out_path, const std::string& err_path) {
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    setpgid(0, 0);
    if (chdir(dir.c_str()) != 0) _exit(127);
    int in = open(in_path.c_str(), O_RDONLY);
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = err_path == out_path ? out : open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    std::vector<char*> argv;
    static std::string bin = THE5HC_BINARY;
    argv.push_back(bin.data());
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(bin.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

// A sanitizer build's report in what a child process printed (see cmake/options.cmake): the child aborts on it, but
// a server killed by its test or a command whose exit code is not checked would otherwise hide it.
void fail_on_sanitizer_report(const std::string& what, const std::string& output) {
  for (const char* marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "WARNING: ThreadSanitizer",
                             "ThreadSanitizer: ", "runtime error: "}) {
    if (output.find(marker) != std::string::npos) {
      ADD_FAILURE() << what << " reported a sanitizer finding:\n" << output;
      return;
    }
  }
}

}  // namespace

bool postgres_selected() {
  const char* e = std::getenv("THE5HC_TEST_DB");
  return e && std::string(e) == "postgres";
}

void pg_admin_exec(const std::string& statement) {
  const char* admin = std::getenv("THE5HC_TEST_PG_URL");
  if (!admin) throw std::runtime_error("THE5HC_TEST_PG_URL is not set (run the tests with scripts/test.sh)");
  soci::session s(soci::postgresql, admin_url_to_soci(admin, "postgres"));
  s << statement;
}

TestDatabase::TestDatabase() {
  dir_ = (std::filesystem::temp_directory_path() / ("the5hc-it-" + random_suffix())).string();
  std::filesystem::create_directories(dir_);
  postgres_ = postgres_selected();
  if (!postgres_) {
    url_ = "sqlite:///" + dir_ + "/test.db";  // sqlite:/// + /abs/path = four slashes: absolute
    return;
  }
  pg_name_ = "t_" + random_suffix();
  pg_admin_exec("CREATE DATABASE " + pg_name_);
  std::string base = std::getenv("THE5HC_TEST_PG_URL");
  url_ = base.substr(0, base.rfind('/') + 1) + pg_name_;
}

TestDatabase::~TestDatabase() {
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
  if (!pg_name_.empty()) {
    try {
      pg_admin_exec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (...) {
    }
  }
}

Env base_env(const TestDatabase& db) {
  return Env{{"DATABASE_URL", db.url()},
             {"DEBUG", "true"},
             {"SECRET_KEY", "test-secret-key-that-is-long-enough-for-the-deploy-check-0123456789"},
             {"LOG_LEVEL", "warning"}};
}

CommandResult run_the5hc(const std::vector<std::string>& args, const Env& env, const std::string& dir,
                         const std::string& stdin_text) {
  std::string base = dir + "/cmd-" + random_suffix();
  {
    std::ofstream in(base + ".in");
    in << stdin_text;
  }
  pid_t pid = spawn(args, env, dir, base + ".in", base + ".out", base + ".err");
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(base + ".out");
  r.err = read_file(base + ".err");
  fail_on_sanitizer_report("the5hc " + (args.empty() ? std::string() : args[0]), r.err);
  for (const char* ext : {".in", ".out", ".err"}) std::filesystem::remove(base + ext);
  return r;
}

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

std::string HttpResponse::header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

HttpResponse http_request(int port, const std::string& method, const std::string& path, const std::string& body,
                          const std::map<std::string, std::string>& headers) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  req.setHost("127.0.0.1", static_cast<Poco::UInt16>(port));
  bool has_type = false;
  for (const auto& [k, v] : headers) {
    req.set(k, v);
    if (Poco::icompare(k, "Content-Type") == 0) has_type = true;
  }
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
    if (!has_type) req.setContentType("application/json");
    req.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  auto& os = session.sendRequest(req);
  os << body;
  Poco::Net::HTTPResponse res;
  auto& is = session.receiveResponse(res);
  HttpResponse out;
  out.status = res.getStatus();
  Poco::StreamCopier::copyToString(is, out.body);
  for (const auto& [k, v] : res) out.headers.emplace(Poco::toLower(k), v);
  return out;
}

ServerProcess::ServerProcess(const Env& env, const std::string& dir, std::vector<std::string> extra_args,
                             bool pass_host) {
  port_ = free_port();
  log_path_ = dir + "/server-" + std::to_string(port_) + ".log";
  {
    std::ofstream(dir + "/empty.in");
  }
  std::vector<std::string> args = {"serve", "--port", std::to_string(port_)};
  if (pass_host) args.insert(args.end(), {"--host", "127.0.0.1"});
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn(args, env, dir, dir + "/empty.in", log_path_, log_path_);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited during start:\n" + output());
    }
    try {
      if (http_request(port_, "GET", "/healthz").status == 200) return;
    } catch (...) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("server did not answer /healthz within 30 s:\n" + output());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  fail_on_sanitizer_report("the5hc serve", output());
}

void ServerProcess::signal(int sig) {
  if (pid_ > 0) kill(pid_, sig);
}

int wait_for_exit(int& pid, int timeout_ms) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (pid > 0) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      pid = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
      pid = -1;
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return -1;
}

int ServerProcess::wait(int timeout_ms) { return wait_for_exit(pid_, timeout_ms); }

std::string ServerProcess::output() const { return read_file(log_path_); }

void create_user(const TestDatabase& db, const std::string& username, const std::string& password,
                 const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"create-user", username, "--email", username + "@example.com", "--name",
                                   username, "--password-stdin"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_the5hc(args, base_env(db), db.dir(), password + "\n");
  if (r.exit_code != 0) ADD_FAILURE() << "create-user " << username << " failed: " << r.out << r.err;
}

CommandResult migrate_and_import_legacy_fixture(const TestDatabase& db, const Env& env) {
  auto migrated = run_the5hc({"migrate"}, env, db.dir());
  if (migrated.exit_code != 0) return migrated;
  const std::string fixture = db.dir() + "/legacy.db";
  std::filesystem::copy_file(std::string(THE5HC_SOURCE_DIR) + "/tests/fixtures/legacy-streamlit.db", fixture);
  return run_the5hc({"import-legacy", fixture}, env, db.dir());
}

std::string login(int port, const std::string& username, const std::string& password) {
  nlohmann::json body = {{"email_or_username", username}, {"password", password}};
  auto r = http_request(port, "POST", "/api/v1/auth/login/", body.dump());
  if (r.status != 200) {
    ADD_FAILURE() << "login " << username << " → " << r.status << " " << r.body;
    return "";
  }
  return nlohmann::json::parse(r.body).at("access").get<std::string>();
}


std::string set_cookie_header(const HttpResponse& res, const std::string& name) {
  auto [begin, end] = res.headers.equal_range("set-cookie");
  for (auto it = begin; it != end; ++it)
    if (it->second.rfind(name + "=", 0) == 0) return it->second;
  return "";
}

std::string cookie_value(const HttpResponse& res, const std::string& name) {
  auto header = set_cookie_header(res, name);
  if (header.empty()) return "";
  auto value = header.substr(name.size() + 1);
  return value.substr(0, value.find(';'));
}

}  // namespace the5hc::testing
