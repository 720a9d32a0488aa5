#include "http/handler.hpp"

#include <memory>

namespace the5hc::http {

Handler compose(std::vector<Middleware> middleware, Handler inner) {
  Handler next = std::move(inner);
  for (auto it = middleware.rbegin(); it != middleware.rend(); ++it) {
    // shared_ptr keeps each `next` alive and cheap to copy when the composed handler itself is copied.
    auto inner_ptr = std::make_shared<Handler>(std::move(next));
    next = [mw = std::move(*it), inner_ptr](Request& req) { return mw(req, *inner_ptr); };
  }
  return next;
}

}  // namespace the5hc::http
