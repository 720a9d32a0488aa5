#pragma once
// The assembled web application: router with every route, the middleware stack, and what handlers need.
// `serve` builds one; nothing else should know how the pieces are wired.
#include <memory>

#include "http/handler.hpp"
#include "http/router.hpp"

namespace the5hc {
struct Config;
class Clock;
namespace store {
class Database;
}
namespace http {
class Server;
}
namespace auth {
class RateLimiter;
}

namespace app {

// Everything a route module needs; passed by reference, owned by `serve`.
struct Dependencies {
  const Config& config;
  store::Database& db;
  const Clock& clock;
  auth::RateLimiter& limiter;  // per-IP login limit and API throttles (keys are prefixed by purpose)
};

class Application {
 public:
  Application(Dependencies deps, const http::Server* server);
  http::Handler handler() const { return handler_; }
  const http::Router& router() const { return router_; }

 private:
  Dependencies deps_;
  http::Router router_;
  http::Handler handler_;
};

}  // namespace app
}  // namespace the5hc
