#include "app/application.hpp"

#include <atomic>
#include <future>
#include <memory>
#include <thread>

#include "api/activity_api.hpp"
#include "api/assessments_api.hpp"
#include "api/auth_api.hpp"
#include "front/authentication.hpp"
#include "front/context.hpp"
#include "api/clients_api.hpp"
#include "api/dashboard_api.hpp"
#include "api/mcq_api.hpp"
#include "api/organizations_api.hpp"
#include "api/packages_api.hpp"
#include "api/reports_api.hpp"
#include "api/share_links_api.hpp"
#include "api/system_api.hpp"
#include "api/throttling.hpp"
#include "common/metrics.hpp"
#include "common/version.hpp"
#include "config/config.hpp"
#include "http/builtin.hpp"
#include "http/server.hpp"
#include "http/stack.hpp"
#include "http/static_files.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_memory.hpp"
#include "web/page.hpp"
#include "web/routes.hpp"
#include "front/session.hpp"

namespace the5hc::app {
namespace {

http::Readiness readiness(store::Database& db) {
  http::Readiness r;
  r.database_ok = db.ping();
  if (!r.database_ok) return r;
  auto st = store::Migrator(db).status();
  r.schema_version = st.schema_version;
  if (!st.pending.empty()) r.migrations = "pending";
  else if (!st.unknown.empty() && !st.newer_but_compatible()) r.migrations = "newer";
  return r;
}

// /readyz answers within 2 s even when the database hangs (a stopped server, a lost network): the check runs on a
// thread of its own, and while one is still stuck the next probes report the database unreachable at once instead
// of piling up threads.
std::function<http::Readiness()> bounded_readiness(store::Database& db) {
  auto busy = std::make_shared<std::atomic<bool>>(false);
  return [&db, busy] {
    http::Readiness unreachable;
    unreachable.database_ok = false;
    if (busy->exchange(true)) return unreachable;
    auto result = std::make_shared<std::promise<http::Readiness>>();
    auto answer = result->get_future();
    std::thread([&db, busy, result] {
      http::Readiness r;
      try {
        r = readiness(db);
      } catch (...) {
        r.database_ok = false;
      }
      // free before answering: a probe right after this one must not find the check still "stuck"
      *busy = false;
      result->set_value(r);
    }).detach();
    if (answer.wait_for(std::chrono::seconds(2)) == std::future_status::ready) return answer.get();
    return unreachable;
  };
}

}  // namespace

Application::Application(service::Dependencies deps, const http::Server* server) : deps_(deps) {
  auto& registry = metrics::Registry::global();
  metrics::register_build_info(registry, kVersion, kCommit);
  metrics::register_process_metrics(registry);
  store::Database* db = &deps_.db;
  registry.gauge_callback("the5hc_db_pool_connections", "Database connections by state.", {"state"}, [db] {
    auto s = db->stats();
    return metrics::Samples{{{"in_use"}, double(s.in_use)}, {{"idle"}, double(s.idle)}, {{"max"}, double(s.size)}};
  });
  if (db->dialect() == store::Dialect::sqlite) {  // the part of the5hc_heap_in_use_bytes that is SQLite's caches
    registry.gauge_callback("the5hc_sqlite_memory_bytes", "Bytes held by SQLite (page caches, statements).", {},
                            [] { return metrics::Samples{{{}, double(store::sqlite_memory_used())}}; });
  }
  http::register_builtin_endpoints(router_, {.readiness = bounded_readiness(*db),
                                             .draining = [server] { return server && server->draining(); },
                                             .metrics_token = deps_.config.metrics_token});
  api::register_auth_routes(router_, deps_);
  api::register_user_routes(router_, deps_);
  api::register_organization_routes(router_, deps_);
  api::register_trainer_routes(router_, deps_);
  api::register_invitation_routes(router_, deps_);
  api::register_notification_routes(router_, deps_);
  api::register_audit_log_routes(router_, deps_);
  web::register_routes(router_, deps_);
  api::register_client_routes(router_, deps_);
  api::register_assessment_routes(router_, deps_);
  api::register_mcq_routes(router_, deps_);
  api::register_mcq_admin_routes(router_, deps_);
  api::register_package_routes(router_, deps_);
  api::register_session_routes(router_, deps_);
  api::register_payment_routes(router_, deps_);
  api::register_report_routes(router_, deps_);
  api::register_share_link_routes(router_, deps_);
  api::register_dashboard_routes(router_, deps_);
  http::register_static_routes(router_);
  api::register_system_routes(router_, deps_);
  // Inside the standard chain (host check, CORS, ... in http/stack.hpp): the web session with its CSRF check,
  // bearer tokens, then the throttles, which need to know who is asking.
  // The web middleware (language, forced password change, HTML cache headers) needs the signed-in user. All of it
  // inside one shared read transaction per request.
  std::vector<http::Middleware> application = {front::shared_read(deps_), front::sessions(deps_),
                                               front::bearer_authentication(deps_), web::middleware(deps_),
                                               api::throttling(deps_)};
  auto stack = http::StackOptions::from_config(deps_.config);
  stack.html_error_page = web::error_page(deps_);  // 403/404/500 of web paths inside the page frame
  handler_ = http::standard_chain(stack, application, router_.handler());
}

}  // namespace the5hc::app
