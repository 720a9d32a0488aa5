#pragma once
// The assembled web application: router with every route, the middleware stack, and what handlers need.
// `serve` builds one; nothing else should know how the pieces are wired.
#include <memory>

#include "http/handler.hpp"
#include "http/router.hpp"
#include "service/context.hpp"

namespace the5hc {
namespace http {
class Server;
}

namespace app {

class Application {
 public:
  Application(service::Dependencies deps, const http::Server* server);
  http::Handler handler() const { return handler_; }
  const http::Router& router() const { return router_; }

 private:
  service::Dependencies deps_;
  http::Router router_;
  http::Handler handler_;
};

}  // namespace app
}  // namespace the5hc
