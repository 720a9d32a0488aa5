#pragma once
// Probes and metrics (OPERATIONS.md §5.1, §5.2), registered on the application's router:
//   http::register_builtin_endpoints(router, {
//       .readiness = [&] { return db.readiness(); },   // SELECT 1 within 2 s + migration state
//       .draining = [&server] { return server.draining(); },
//       .metrics_token = cfg.metrics_token});
#include <functional>
#include <optional>
#include <string>

#include "http/router.hpp"

namespace the5hc::metrics {
class Registry;
}

namespace the5hc::http {

struct Readiness {
  bool database_ok = false;           // false → "database": "unreachable"
  std::string migrations = "ok";      // "ok" | "pending" | "newer" (newer but all compatible counts as "ok")
  std::optional<int> schema_version;  // null when unknown (database unreachable)
};

struct BuiltinOptions {
  std::function<Readiness()> readiness{};  // required for /readyz; a throwing callback counts as unreachable
  std::function<bool()> draining{};        // optional; true → /readyz 503 {"status": "draining"}
  std::string metrics_token{};             // METRICS_TOKEN; empty = /metrics open
  metrics::Registry* registry = nullptr; // default: metrics::Registry::global()
  // {}: initialisers that omit these stay free of -Wmissing-field-initializers
  std::string version{};  // empty = this build's the5hc::kVersion (kept out of the header: it changes per commit)
  std::string commit{};   // empty = the5hc::kCommit
};

// GET /healthz, GET /readyz, GET /metrics; also registers the5hc_build_info and the process_* metrics.
void register_builtin_endpoints(Router& router, BuiltinOptions options);

}  // namespace the5hc::http
