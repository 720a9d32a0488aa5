#pragma once
// Handlers and middleware. A middleware wraps the rest of the chain: it may change the request, short-circuit with
// its own response, or post-process the response of `next`.
#include <functional>
#include <vector>

#include "http/message.hpp"

namespace the5hc::http {

using Handler = std::function<Response(Request&)>;
using Middleware = std::function<Response(Request&, const Handler& next)>;

// Builds one handler: middleware[0] is the outermost (sees the request first and the response last).
Handler compose(std::vector<Middleware> middleware, Handler inner);

}  // namespace the5hc::http
