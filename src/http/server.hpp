#pragma once
// The HTTP server: POCO's HTTPServer behind a POCO-free interface (only server.cpp includes POCO server headers).
//   http::Server server({.host = cfg.host, .port = cfg.port, .threads = cfg.worker_threads});
//   server.start(chain);            // throws Error(internal) when the address cannot be bound (port in use)
//   ... SIGTERM:
//   server.begin_drain();           // /readyz answers 503 "draining" from now on
//   server.stop(std::chrono::seconds(cfg.shutdown_timeout));
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/handler.hpp"

namespace the5hc::http {

// Splits a request target ("/p?q", absolute-form "http://h/p?q", "*") into req.path (percent-decoded), raw_query
// and query; false (400) for an undecodable path. Declared for the fuzz target of the request parsing (fuzz/).
bool parse_target(const std::string& target, Request& req);

struct ServerOptions {
  std::string host = "0.0.0.0";
  int port = 8000;  // 0 = a free port chosen by the kernel (tests); see Server::port()
  // Each busy keep-alive connection holds a thread, so this bounds concurrent clients (OPERATIONS.md WORKER_THREADS).
  int threads = 64;
  int backlog = 256;                            // accepted connections waiting for a thread
  std::size_t max_body_bytes = 1024 * 1024;     // larger bodies are not read; the request gets 413 (body_limit())
  std::size_t max_header_bytes = 16 * 1024;     // request line + headers; larger → 431
  std::chrono::seconds keep_alive_timeout{5};   // idle time before a keep-alive connection is closed
  std::chrono::seconds read_timeout{10};        // socket read timeout (request line, headers, body)
};

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();  // stops (5 s grace) if still running
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds without SO_REUSEPORT, so a second process on the same port fails here instead of sharing the port.
  void start(Handler handler);
  int port() const;  // the bound port (useful with port 0)
  const ServerOptions& options() const;

  void begin_drain();
  bool draining() const;
  int in_flight() const;  // requests currently inside the handler

  // Stops accepting (new connections are refused), lets in-flight requests finish for up to `timeout`, closes idle
  // keep-alive connections, then returns. True when everything finished in time; false when requests were still
  // running (their connections are then shut down). Implies begin_drain(). Idempotent. Blocks: call it from the
  // thread that waits for SIGTERM/SIGINT (sigwait), never from a signal handler.
  bool stop(std::chrono::milliseconds timeout);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace the5hc::http
