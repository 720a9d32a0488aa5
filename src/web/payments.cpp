// Payment pages (WEB.md §4.5): the list with filters (기간, 결제 수단, 종류, 회원) and summary cards per method; adding a
// payment with the live fee preview; the CSV/XLSX export of the filtered list with the client export's conventions
// (WEB.md §6). Each handler parses the request, makes one service call and renders.
#include "web/payments.hpp"

#include "common/clock.hpp"
#include "front/context.hpp"
#include "service/payments.hpp"
#include "service/studio.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"
#include "web/studio_view.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

service::PaymentQuery read_query(const http::QueryParams& q) {
  service::PaymentQuery out;
  out.start_date = day(q, "from");
  out.end_date = day(q, "to");
  out.method = choice(q, "method", {"card", "cash", "transfer", "other"});
  out.kind = choice(q, "kind", {"package_purchase", "top_up", "other"});
  out.client_id = number(q, "client");
  return out;
}

json kind_options(const std::string& selected, Lang lang) {
  json out = json::array();
  for (auto k : {d::PaymentKind::package_purchase, d::PaymentKind::top_up, d::PaymentKind::other}) {
    const auto& l = d::payment_kind_label(k);
    out.push_back({{"value", l.code}, {"label", label(l, lang)}, {"selected", selected == l.code}});
  }
  return out;
}

http::Response list_page(const http::Request& req, const service::Dependencies& deps) {
  auto q = read_query(req.query);
  int page = page_number(req.query);
  q.limit = kPageSize;
  q.offset = (page - 1) * kPageSize;
  auto board = service::payment_board(front::context(req, deps), q);
  json rows = json::array();
  for (const auto& pay : board.list.results) rows.push_back(payment_json(pay, req.lang));
  json methods = json::array();
  for (const auto& g : board.totals.by_method) {
    auto m = d::parse_payment_method(g.key);
    methods.push_back({{"label", m ? label(d::payment_method_label(*m), req.lang) : g.key}, {"total", money(g.total)},
                       {"count", plural(req.lang, "{n} payment", "{n} payments", g.count)}});
  }
  Page p;
  p.title = i18n::tr(req.lang, "Payment history");
  p.content = "payments/list";
  p.fragments = {{"payment-list", "payments/_table"}};
  p.data = {{"rows", rows},
            {"has_rows", !rows.empty()},
            {"total", plural(req.lang, "{n} payment in total", "{n} payments in total", board.list.count)},
            {"pager", pager("/sessions/payments/", req.query, board.list.count, page, "#payment-list")},
            {"summary", {{"total", money(board.totals.total)},
                         {"net", money(board.totals.net_total)},
                         {"count", plural(req.lang, "{n} payment", "{n} payments", board.totals.count)},
                         {"methods", methods},
                         {"has_methods", !methods.empty()}}},
            {"filters", {{"from", req.query.get("from").value_or("")},
                         {"to", req.query.get("to").value_or("")},
                         {"methods", method_options(q.method.value_or(""), req.lang)},
                         {"kinds", kind_options(q.kind.value_or(""), req.lang)},
                         {"clients", client_options(board.clients, q.client_id)}}},
            {"csv_url", "/sessions/payments/export/?" + query_string(req.query, {{"format", "csv"}})},
            {"xlsx_url", "/sessions/payments/export/?" + query_string(req.query, {{"format", "xlsx"}})}};
  return respond(req, deps, std::move(p));
}

// --- export ----------------------------------------------------------------------------------------------------

service::Table export_table(const service::Rows<store::Payment>& list, Lang lang) {
  service::Table t;
  t.sheet_name = i18n::tr(lang, "Payment history");
  for (const char* h : {"Payment date", "Client", "Package", "Kind", "Method", "Amount", "VAT", "Card fee", "Net amount",
                        "Description", "Trainer"})
    t.headers.push_back(i18n::tr(lang, h));
  auto won_cell = [](const std::optional<std::int64_t>& v) { return v ? service::Cell{*v} : service::Cell{}; };
  for (const auto& pay : list.results) {
    auto kind = d::parse_payment_kind(pay.kind);
    auto method = d::parse_payment_method(pay.payment_method);
    t.rows.push_back({service::Cell{service::Cell::Day{pay.payment_date}},
                      service::Cell{pay.client_name},
                      pay.package_name ? service::Cell{*pay.package_name} : service::Cell{},
                      service::Cell{kind ? label(d::payment_kind_label(*kind), lang) : pay.kind},
                      service::Cell{method ? label(d::payment_method_label(*method), lang) : pay.payment_method},
                      service::Cell{pay.amount},
                      won_cell(pay.vat_amount),
                      won_cell(pay.card_fee_amount),
                      won_cell(pay.net_amount),
                      pay.description ? service::Cell{*pay.description} : service::Cell{},
                      service::Cell{pay.trainer_name}});
  }
  return t;
}

http::Response export_response(const http::Request& req, const service::Dependencies& deps) {
  std::string format = req.query.get("format").value_or("csv");
  if (format != "csv" && format != "xlsx") throw Error::not_found();
  auto list = service::list_payments(front::context(req, deps), read_query(req.query));
  return table_download(export_table(list, req.lang), format, "payments", deps.clock.now());
}

// --- add -------------------------------------------------------------------------------------------------------

http::Response form_page(const http::Request& req, const service::Dependencies& deps, const service::StudioForm& form,
                         const http::QueryParams& f, json errors, int status) {
  json values = json::object();
  values["description"] = f.get("description").value_or("");
  values["payment_date"] = f.get("payment_date").value_or(form.today);
  json money = money_fields("amount", i18n::tr(req.lang, "Amount"), f, errors, req.lang);
  Page p;
  p.title = i18n::tr(req.lang, "Add a payment");
  p.content = "payments/form";
  p.fragments = {{"payment-form", "payments/_form"}};
  p.data = {{"values", values},
            {"errors", std::move(errors)},
            {"clients", client_options(form.clients, form.client_id)},
            {"client_packages_url", "/sessions/client-packages/?for=payment"},
            {"choices", {{"packages", package_options(form.packages, number(f, "package"), req.lang)},
                         {"has_client", form.client_id.has_value()},
                         {"has_packages", !form.packages.empty()},
                         {"booking", false}}},
            {"money", money},
            {"today", form.today}};
  p.status = status;
  return respond(req, deps, std::move(p));
}

http::Response save_payment(const http::Request& req, const service::Dependencies& deps) {
  auto f = form(req);
  auto ctx = front::context(req, deps);
  FieldErrors errors;
  auto client = number(f, "client");
  if (!client) errors["client"].push_back("This field is required.");
  auto amount = won(f, "amount", true, errors);
  auto package = form_number(f, "package", errors);
  auto payment_date = form_day(f, "payment_date", errors);
  try {
    if (!errors.empty()) throw Error::validation(errors);
    service::NewPayment in;
    in.client_id = *client;
    in.package_id = package;
    in.amount = *amount;
    in.method = method_of(f);
    in.payment_date = payment_date;
    in.description = text(f, "description");
    service::create_payment(ctx, in);
    return see_other(req, deps, "/sessions/payments/", "success",
                     i18n::tr(req.lang, "The payment has been recorded."));
  } catch (const Error& e) {
    json shown = rejected_form(e, req.lang);
    return form_page(req, deps, service::studio_form(ctx, client, false), f, shown, 422);
  }
}

}  // namespace

void register_payment_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/sessions/payments/", [&deps](http::Request& req) { return list_page(req, deps); },
             "web-payments");
  page_route(router, "GET", "/sessions/payments/export/", [&deps](http::Request& req) {
    return export_response(req, deps);
  }, "web-payments-export");
  page_route(router, "GET", "/sessions/payments/add/", [&deps](http::Request& req) {
    auto f = service::studio_form(front::context(req, deps), number(req.query, "client"), false);
    return form_page(req, deps, f, req.query, json::object(), 200);
  }, "web-payment-add");
  page_route(router, "POST", "/sessions/payments/add/", [&deps](http::Request& req) { return save_payment(req, deps); },
             "web-payment-add-submit");
}

}  // namespace the5hc::web
