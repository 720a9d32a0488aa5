// Raw bytes as one HTTP/1.1 request: POCO's request-line and header parser (what http/server.cpp reads sockets
// with), our request-target split (http::parse_target), the standard middleware chain (forwarded, request id,
// access log, metrics, security headers, CORS, language, error mapping, allowed hosts, body limit) and a Router
// holding every route template the API and the web UI register (extracted from src/ at configure time, see
// fuzz/CMakeLists.txt). The handlers read what real handlers read: path ids, query parameters, cookies, the media
// type and the write body. Contract: every request gets a 1xx–4xx answer, or 503 for a maintenance window; a 500
// means an exception escaped into the error mapping, which is a defect.
#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <sstream>

#include "common/log.hpp"
#include "http/cookies.hpp"
#include "http/json_response.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/stack.hpp"

using namespace the5hc;

namespace {

struct RouteEntry {
  const char* method;
  const char* path_template;
};
const RouteEntry kRoutes[] = {
#include "fuzz_routes.inc"
};

http::Response exercise(http::Request& req) {
  for (const auto& [name, value] : req.path_params)
    if (name == "id" || name.ends_with("_id")) (void)req.param_int(name);
  for (const char* name : {"sessionid", "csrftoken", "lang", "refresh"}) (void)http::cookie(req, name);
  for (const auto& [key, value] : req.query) (void)req.query.get_all(key);
  if (req.method == "POST" || req.method == "PUT" || req.method == "PATCH") {
    nlohmann::json body = http::json_body(req);
    return http::json_response(200, body);
  }
  return http::Response::text(200, req.route + "\n");
}

const http::Handler& chain() {
  static const http::Handler handler = [] {
    log::set_level(log::Level::error);  // the access log would dominate the run time
    static http::Router router;
    for (const auto& r : kRoutes) {
      try {
        router.add(r.method, r.path_template, exercise);
      } catch (const std::invalid_argument&) {
        // the same (method, template) registered twice by the regex extraction: once is enough
      }
    }
    http::StackOptions options;
    options.trusted_proxies = {"127.0.0.1", "10.0.0.0/8"};
    options.allowed_hosts = std::vector<std::string>{"localhost", ".example.com", "127.0.0.1"};
    options.cors_allowed_origins = {"https://app.example.com"};
    return http::standard_chain(options, {}, router.handler());
  }();
  return handler;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const http::Handler& handler = chain();
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  Poco::Net::HTTPRequest preq;
  try {
    preq.read(in);
  } catch (const Poco::Exception&) {
    return 0;  // the server answers 400 (RequestHandler::fail)
  }
  if (preq.getVersion() != Poco::Net::HTTPMessage::HTTP_1_1 && preq.getVersion() != Poco::Net::HTTPMessage::HTTP_1_0)
    return 0;
  http::Request req;
  req.method = preq.getMethod();
  req.target = preq.getURI();
  if (!http::parse_target(req.target, req)) return 0;
  for (const auto& [name, value] : preq) req.headers.add(name, value);
  req.peer_ip = req.client_ip = (size % 2) ? "127.0.0.1" : "203.0.113.9";  // behind the trusted proxy or not
  req.host = preq.get("Host", "");
  req.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  http::Response res = handler(req);
  if (res.status < 100 || res.status > 599 || (res.status >= 500 && res.status != 503)) {
    std::fprintf(stderr, "status %d for %s %s\n%s\n", res.status, req.method.c_str(), req.target.c_str(),
                 res.body.c_str());
    std::abort();
  }
  return 0;
}
