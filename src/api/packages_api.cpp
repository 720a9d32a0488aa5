#include "api/packages_api.hpp"

#include "api/body.hpp"
#include "api/bookkeeping_json.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "domain/packages.hpp"
#include "http/json_response.hpp"
#include "service/packages.hpp"
#include "service/payments.hpp"

namespace the5hc::api {
namespace {

const std::set<std::string> kPackageReadOnly = {
    "id", "client_name", "trainer", "trainer_name", "remaining_sessions", "scheduled_sessions", "available_sessions",
    "remaining_credits", "gross_amount", "vat_amount", "card_fee_amount", "net_amount", "status", "status_display",
    "is_legacy", "created_at", "updated_at"};

const std::set<std::string> kMethods = {"cash", "card", "transfer", "other"};

domain::PaymentMethod method_of(const std::optional<std::string>& code) {
  return code ? *domain::parse_payment_method(*code) : domain::PaymentMethod::card;
}

// PUT replaces the writable fields (package_name required), PATCH changes those given.
service::PackageChanges package_changes(const http::Request& req, bool put) {
  auto read_only = kPackageReadOnly;
  read_only.insert({"client", "total_amount", "session_price", "total_sessions"});
  Body body(req, {"package_name", "notes", "is_active"}, read_only);
  service::PackageChanges ch;
  ch.package_name = body.text("package_name", put, false, 200);
  if (body.has("notes")) ch.notes = body.text("notes", false, true, 0, true);
  else if (put) ch.notes = std::optional<std::string>();
  if (ch.notes && *ch.notes && (*ch.notes)->empty()) ch.notes = std::optional<std::string>();
  ch.is_active = body.boolean("is_active");
  body.finish();
  return ch;
}

}  // namespace

void register_package_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/packages/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto page = page_request(req);
    store::PackageFilter f;
    f.client_id = query_int(req, "client");
    f.is_active = query_bool(req, "is_active");
    if (auto s = query_choice(req, "status", {"active", "exhausted", "inactive"}))
      f.status = domain::parse_package_status(*s);
    f.search = search_terms(req);
    f.order_by = order_by_sql(ordering(req, {"created_at", "remaining_sessions", "total_amount"},
                                       {{"created_at", true}}),
                              {{"created_at", "p.created_at"},
                               {"remaining_sessions", "p.remaining_sessions"},
                               {"total_amount", "p.total_amount"}},
                              "p.id");
    f.limit = page.page_size;
    f.offset = page.offset();
    auto [rows, count] = service::list_packages(ctx, f);
    auto zone = service::actor_timezone(ctx);
    nlohmann::json results = nlohmann::json::array();
    for (const auto& p : rows) results.push_back(package_json(p, zone, req.lang));
    return http::json_response(200, page_envelope(req, page, count, results));
  }, "packages-list");

  router.post("/api/v1/packages/", [&deps](http::Request& req) {
    Body body(req, {"client", "package_name", "total_amount", "session_price", "total_sessions", "payment_method",
                    "payment_date", "notes"},
              [] {
                auto r = kPackageReadOnly;
                r.insert("is_active");
                return r;
              }());
    service::NewPackage in;
    auto client = body.integer("client", true);
    auto name = body.text("package_name", true, false, 200);
    auto total = body.integer("total_amount", true);
    auto sessions = body.integer("total_sessions", true, false, 1, 100000);
    in.session_price = body.integer("session_price", false, true);
    auto method = body.choice("payment_method", kMethods);
    in.payment_date = body.date("payment_date", false, true);
    in.notes = body.text("notes", false, true, 0, true);
    body.finish();
    in.client_id = *client;
    in.package_name = *name;
    in.total_amount = *total;
    in.total_sessions = static_cast<int>(*sessions);
    in.method = method_of(method);
    if (in.notes && in.notes->empty()) in.notes.reset();
    auto ctx = front::context(req, deps);
    auto created = service::create_package(ctx, in);
    auto zone = service::actor_timezone(ctx);
    auto out = package_json(created.package, zone, req.lang);
    out["payment"] = payment_json(created.payment, zone, req.lang);
    return http::json_response(201, out);
  }, "packages-create");

  router.get("/api/v1/packages/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto p = service::get_package(ctx, req.param_int("id"));
    return http::json_response(200, package_json(p, service::actor_timezone(ctx), req.lang));
  }, "packages-detail");

  for (bool put : {true, false}) {
    auto handler = [&deps, put](http::Request& req) {
      auto ctx = front::context(req, deps);
      auto id = req.param_int("id");
      service::get_package(ctx, id);  // 404/403 before body errors reveal nothing
      auto p = service::update_package(ctx, id, package_changes(req, put));
      return http::json_response(200, package_json(p, service::actor_timezone(ctx), req.lang));
    };
    if (put) router.put("/api/v1/packages/{id:int}/", handler, "packages-update");
    else router.patch("/api/v1/packages/{id:int}/", handler, "packages-partial-update");
  }

  router.del("/api/v1/packages/{id:int}/", [](http::Request&) -> http::Response {
    // 패키지는 삭제할 수 없습니다. 비활성화하세요.
    Error e(ErrorCode::method_not_allowed, "Packages cannot be deleted. Deactivate them instead.");
    e.headers["Allow"] = "GET, PUT, PATCH, HEAD, OPTIONS";
    throw e;
  }, "packages-delete");

  router.post("/api/v1/packages/{id:int}/top-up/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto id = req.param_int("id");
    service::get_package(ctx, id);
    Body body(req, {"amount", "payment_method", "sessions", "payment_date", "description"});
    service::TopUpInput in;
    auto amount = body.integer("amount", true, false, 1);
    auto method = body.choice("payment_method", kMethods, true);
    if (auto s = body.integer("sessions", false, true, 0, 100000)) in.sessions = static_cast<int>(*s);
    in.payment_date = body.date("payment_date", false, true);
    in.description = body.text("description", false, true, 0, true);
    body.finish();
    in.amount = *amount;
    in.method = method_of(method);
    if (in.description && in.description->empty()) in.description.reset();
    auto result = service::top_up_package(ctx, id, in);
    auto zone = service::actor_timezone(ctx);
    return http::json_response(200, {{"package", package_json(result.package, zone, req.lang)},
                                     {"payment", payment_json(result.payment, zone, req.lang)}});
  }, "packages-top-up");

  router.get("/api/v1/packages/{id:int}/sessions/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto rows = service::package_sessions(ctx, req.param_int("id"));
    auto zone = service::actor_timezone(ctx);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : rows) out.push_back(session_json(s, zone, req.lang));
    return http::json_response(200, out);
  }, "packages-sessions");

  router.get("/api/v1/packages/{id:int}/payments/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto rows = service::package_payments(ctx, req.param_int("id"));
    auto zone = service::actor_timezone(ctx);
    nlohmann::json out = nlohmann::json::array();
    for (const auto& y : rows) out.push_back(payment_json(y, zone, req.lang));
    return http::json_response(200, out);
  }, "packages-payments");
}

}  // namespace the5hc::api
