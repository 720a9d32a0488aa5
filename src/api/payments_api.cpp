#include "api/body.hpp"
#include "api/bookkeeping_json.hpp"
#include "api/listing.hpp"
#include "api/packages_api.hpp"
#include "front/context.hpp"
#include "domain/money.hpp"
#include "http/json_response.hpp"
#include "service/payments.hpp"

namespace the5hc::api {
namespace {

const std::vector<std::string> kMethods = {"cash", "card", "transfer", "other"};

store::PaymentFilter filter_of(const http::Request& req) {
  store::PaymentFilter f;
  f.client_id = query_int(req, "client");
  f.trainer_id = query_int(req, "trainer");
  f.start_date = query_date(req, "start_date");
  f.end_date = query_date(req, "end_date");
  return f;
}

}  // namespace

void register_payment_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/payments/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto page = page_request(req);
    auto f = filter_of(req);
    f.method = query_choice(req, "method", kMethods);
    f.kind = query_choice(req, "kind", {"package_purchase", "top_up", "other"});
    f.package_id = query_int(req, "package");
    f.search = search_terms(req);
    auto order = ordering(req, {"payment_date", "amount", "created_at"}, {});
    if (!order.empty())
      f.order_by = order_by_sql(order, {{"payment_date", "y.payment_date"}, {"amount", "y.amount"},
                                        {"created_at", "y.created_at"}}, "y.id");
    f.limit = page.page_size;
    f.offset = page.offset();
    auto [rows, count] = service::list_payments(ctx, f);
    auto zone = service::actor_timezone(ctx);
    nlohmann::json results = nlohmann::json::array();
    for (const auto& y : rows) results.push_back(payment_json(y, zone, req.lang));
    return http::json_response(200, page_envelope(req, page, count, results));
  }, "payments-list");

  router.post("/api/v1/payments/", [&deps](http::Request& req) {
    Body body(req, {"client", "package", "amount", "payment_method", "payment_date", "description"},
              {"id", "client_name", "package_name", "trainer", "trainer_name", "payment_method_display", "kind",
               "kind_display", "vat_amount", "card_fee_amount", "net_amount", "vat_rate_bp", "card_fee_rate_bp",
               "is_legacy", "created_at"});
    service::NewPayment in;
    auto client = body.integer("client", true);
    in.package_id = body.integer("package", false, true);
    auto amount = body.integer("amount", true, false, 1);
    auto method = body.choice("payment_method", {"cash", "card", "transfer", "other"}, true);
    in.payment_date = body.date("payment_date", false, true);
    in.description = body.text("description", false, true, 0, true);
    body.finish();
    in.client_id = *client;
    in.amount = *amount;
    in.method = *domain::parse_payment_method(*method);
    if (in.description && in.description->empty()) in.description.reset();
    auto ctx = front::context(req, deps);
    auto y = service::create_payment(ctx, in);
    return http::json_response(201, payment_json(y, service::actor_timezone(ctx), req.lang));
  }, "payments-create");

  router.get("/api/v1/payments/summary/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto t = service::summarize_payments(ctx, filter_of(req));
    auto groups = [](const std::vector<store::PaymentGroup>& list, const char* key) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& g : list) out.push_back({{key, g.key}, {"count", g.count}, {"total", g.total}});
      return out;
    };
    return http::json_response(
        200, {{"total_amount", t.total},
              {"total_net_amount", t.net_total},
              {"total_payments", t.count},
              {"average_payment", t.count ? nlohmann::json(domain::average_amount(t.total, t.count)) : nullptr},
              {"by_method", groups(t.by_method, "payment_method")},
              {"by_kind", groups(t.by_kind, "kind")}});
  }, "payments-summary");

  router.get("/api/v1/payments/fee-preview/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto amount = query_int(req, "amount");
    auto method = query_choice(req, "payment_method", kMethods);
    FieldErrors errors;
    if (!amount) errors["amount"].push_back("This field is required.");
    if (!method) errors["payment_method"].push_back("This field is required.");
    if (!errors.empty()) throw Error::validation(errors);
    auto b = service::preview_fees(ctx, *amount, *domain::parse_payment_method(*method));
    return http::json_response(200, {{"gross_amount", b.gross},
                                     {"supply_amount", b.supply_value()},
                                     {"vat_amount", b.vat},
                                     {"card_fee_amount", b.card_fee},
                                     {"net_amount", b.net},
                                     {"vat_rate_bp", b.vat_rate_bp},
                                     {"card_fee_rate_bp", b.card_fee_rate_bp}});
  }, "payments-fee-preview");

  router.get("/api/v1/payments/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto y = service::get_payment(ctx, req.param_int("id"));
    return http::json_response(200, payment_json(y, service::actor_timezone(ctx), req.lang));
  }, "payments-detail");

  router.del("/api/v1/payments/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    service::delete_payment(ctx, req.param_int("id"));
    return http::Response::no_content();
  }, "payments-delete");
}

}  // namespace the5hc::api
