#include "http/builtin.hpp"

#include "common/version.hpp"

#include <openssl/crypto.h>

#include "common/log.hpp"
#include "common/metrics.hpp"
#include "http/json_response.hpp"

namespace the5hc::http {

void register_builtin_endpoints(Router& router, BuiltinOptions options) {
  if (options.version.empty()) options.version = kVersion;
  if (options.commit.empty()) options.commit = kCommit;
  router.get("/healthz", [](Request&) { return Response::json(200, R"({"status":"ok"})"); }, "healthz");

  router.get(
      "/readyz",
      [readiness = options.readiness, draining = options.draining, version = options.version](Request&) {
        if (draining && draining()) return json_response(503, {{"status", "draining"}});
        Readiness r;
        try {
          if (readiness) r = readiness();
        } catch (const std::exception& e) {
          log::warning("db", "readiness check failed", {{"error", e.what()}});
          r = Readiness{};
        }
        bool ready = r.database_ok && r.migrations == "ok";
        nlohmann::json body = {{"status", ready ? "ready" : "unavailable"},
                               {"database", r.database_ok ? "ok" : "unreachable"},
                               {"migrations", r.database_ok ? r.migrations : "unknown"},
                               {"version", version},
                               {"schema_version", nullptr}};
        if (r.schema_version) body["schema_version"] = *r.schema_version;
        return json_response(ready ? 200 : 503, body);
      },
      "readyz");

  metrics::Registry* registry = options.registry ? options.registry : &metrics::Registry::global();
  metrics::register_build_info(*registry, options.version, options.commit);
  metrics::register_process_metrics(*registry);
  router.get(
      "/metrics",
      [registry, token = options.metrics_token](Request& req) {
        if (!token.empty()) {
          std::string expected = "Bearer " + token;
          std::string given = req.headers.get("Authorization");
          // Constant time, so the token cannot be guessed byte by byte from response timing.
          bool ok = given.size() == expected.size() && CRYPTO_memcmp(given.data(), expected.data(), given.size()) == 0;
          if (!ok) {
            Response r = Response::text(401, "Unauthorized\n");
            r.headers.set("WWW-Authenticate", "Bearer realm=\"metrics\"");
            return r;
          }
        }
        return Response::bytes(200, "text/plain; version=0.0.4; charset=utf-8", registry->render());
      },
      "metrics");
}

}  // namespace the5hc::http
