#include "api/packages_api.hpp"

#include "api/body.hpp"
#include "api/bookkeeping_json.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "domain/packages.hpp"
#include "http/json_response.hpp"
#include "service/packages.hpp"

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

// PUT replaces the writable fields (package_name required), PATCH changes those given. Body errors are judged by
// the use case once the package is found.
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
  ch.input_errors = body.errors();
  return ch;
}

}  // namespace

void register_package_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/packages/", [&deps](http::Request& req) {
    auto page = page_request(req);
    service::PackageQuery q;
    q.client_id = query_int(req, "client");
    q.is_active = query_bool(req, "is_active");
    q.status = query_choice(req, "status", {"active", "exhausted", "inactive"});
    q.search = search_terms(req);
    q.sort = sort_keys<store::PackageSort>(req, {{"created_at", store::PackageSort::created_at},
                                                 {"remaining_sessions", store::PackageSort::remaining_sessions},
                                                 {"total_amount", store::PackageSort::total_amount}});
    q.limit = page.page_size;
    q.offset = page.offset();
    auto list = service::list_packages(front::context(req, deps), q);
    nlohmann::json results = nlohmann::json::array();
    for (const auto& p : list.results) results.push_back(package_json(p, list.zone, req.lang));
    return http::json_response(200, page_envelope(req, page, list.count, results));
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
    auto total = body.amount("total_amount", true);
    auto sessions = body.integer("total_sessions", true, false, 1, 100000);
    in.session_price = body.amount("session_price", false, true);
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
    auto created = service::create_package(front::context(req, deps), in);
    auto out = package_json(created.package, created.zone, req.lang);
    out["payment"] = payment_json(created.payment, created.zone, req.lang);
    return http::json_response(201, out);
  }, "packages-create");

  router.get("/api/v1/packages/{id:int}/", [&deps](http::Request& req) {
    auto p = service::get_package(front::context(req, deps), req.param_int("id"));
    return http::json_response(200, package_json(p.row, p.zone, req.lang));
  }, "packages-detail");

  for (bool put : {true, false}) {
    auto handler = [&deps, put](http::Request& req) {
      // 404/403 before body errors reveal nothing: the use case finds the package first
      auto p = service::update_package(front::context(req, deps), req.param_int("id"), package_changes(req, put));
      return http::json_response(200, package_json(p.row, p.zone, req.lang));
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
    Body body(req, {"amount", "payment_method", "sessions", "payment_date", "description"});
    service::TopUpInput in;
    auto amount = body.amount("amount", true, false, 1);
    auto method = body.choice("payment_method", kMethods, true);
    if (auto s = body.integer("sessions", false, true, 0, 100000)) in.sessions = static_cast<int>(*s);
    in.payment_date = body.date("payment_date", false, true);
    in.description = body.text("description", false, true, 0, true);
    in.input_errors = body.errors();  // judged once the package is found (404/403 first)
    in.amount = amount.value_or(0);
    in.method = method_of(method);
    if (in.description && in.description->empty()) in.description.reset();
    auto result = service::top_up_package(front::context(req, deps), req.param_int("id"), in);
    return http::json_response(200, {{"package", package_json(result.package, result.zone, req.lang)},
                                     {"payment", payment_json(result.payment, result.zone, req.lang)}});
  }, "packages-top-up");

  router.get("/api/v1/packages/{id:int}/sessions/", [&deps](http::Request& req) {
    auto list = service::package_sessions(front::context(req, deps), req.param_int("id"));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : list.results) out.push_back(session_json(s, list.zone, req.lang));
    return http::json_response(200, out);
  }, "packages-sessions");

  router.get("/api/v1/packages/{id:int}/payments/", [&deps](http::Request& req) {
    auto list = service::package_payments(front::context(req, deps), req.param_int("id"));
    nlohmann::json out = nlohmann::json::array();
    for (const auto& y : list.results) out.push_back(payment_json(y, list.zone, req.lang));
    return http::json_response(200, out);
  }, "packages-payments");
}

}  // namespace the5hc::api
