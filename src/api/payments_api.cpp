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

service::PaymentQuery query_of(const http::Request& req) {
  service::PaymentQuery q;
  q.client_id = query_int(req, "client");
  q.trainer_id = query_int(req, "trainer");
  q.start_date = query_date(req, "start_date");
  q.end_date = query_date(req, "end_date");
  return q;
}

}  // namespace

void register_payment_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/payments/", [&deps](http::Request& req) {
    auto page = page_request(req);
    auto q = query_of(req);
    q.method = query_choice(req, "method", kMethods);
    q.kind = query_choice(req, "kind", {"package_purchase", "top_up", "other"});
    q.package_id = query_int(req, "package");
    q.search = search_terms(req);
    q.sort = sort_keys<store::PaymentSort>(req, {{"payment_date", store::PaymentSort::payment_date},
                                                 {"amount", store::PaymentSort::amount},
                                                 {"created_at", store::PaymentSort::created_at}});
    q.limit = page.page_size;
    q.offset = page.offset();
    auto list = service::list_payments(front::context(req, deps), q);
    nlohmann::json results = nlohmann::json::array();
    for (const auto& y : list.results) results.push_back(payment_json(y, list.zone, req.lang));
    return http::json_response(200, page_envelope(req, page, list.count, results));
  }, "payments-list");

  router.post("/api/v1/payments/", [&deps](http::Request& req) {
    Body body(req, {"client", "package", "amount", "payment_method", "payment_date", "description"},
              {"id", "client_name", "package_name", "trainer", "trainer_name", "payment_method_display", "kind",
               "kind_display", "vat_amount", "card_fee_amount", "net_amount", "vat_rate_bp", "card_fee_rate_bp",
               "is_legacy", "created_at"});
    service::NewPayment in;
    auto client = body.integer("client", true);
    in.package_id = body.integer("package", false, true);
    auto amount = body.amount("amount", true, false, 1);
    auto method = body.choice("payment_method", {"cash", "card", "transfer", "other"}, true);
    in.payment_date = body.date("payment_date", false, true);
    in.description = body.text("description", false, true, 0, true);
    body.finish();
    in.client_id = *client;
    in.amount = *amount;
    in.method = *domain::parse_payment_method(*method);
    if (in.description && in.description->empty()) in.description.reset();
    auto y = service::create_payment(front::context(req, deps), in);
    return http::json_response(201, payment_json(y.row, y.zone, req.lang));
  }, "payments-create");

  router.get("/api/v1/payments/summary/", [&deps](http::Request& req) {
    auto q = query_of(req);
    auto t = service::summarize_payments(front::context(req, deps), q);
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
    auto y = service::get_payment(front::context(req, deps), req.param_int("id"));
    return http::json_response(200, payment_json(y.row, y.zone, req.lang));
  }, "payments-detail");

  router.del("/api/v1/payments/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    service::delete_payment(ctx, req.param_int("id"));
    return http::Response::no_content();
  }, "payments-delete");
}

}  // namespace the5hc::api
