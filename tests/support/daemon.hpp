#pragma once
// A background program of a test (redis-server, nginx, a `the5hc serve` on a chosen port) in its own process group,
// killed with its group by the destructor. For programs the harness's ServerProcess does not cover.
#include <string>
#include <vector>

#include "support/harness.hpp"

namespace the5hc::testing {

// The program's path when it is installed (PATH, then /usr/sbin), else "".
std::string find_program(const std::string& name);
// Polls until something accepts connections on 127.0.0.1:port; false after timeout_ms.
bool wait_for_port(int port, int timeout_ms);

class Daemon {
 public:
  // argv[0] is the program's path; output (stdout + stderr) goes to log_path.
  Daemon(std::vector<std::string> argv, const Env& env, const std::string& dir, std::string log_path);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;
  void signal(int sig);
  int wait(int timeout_ms);  // exit status, or -1 after the timeout (the process is then killed)
  std::string output() const;

 private:
  int pid_ = -1;
  std::string log_path_;
};

}  // namespace the5hc::testing
