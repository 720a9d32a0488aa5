// Package pages (WEB.md §4.5): list with stat cards, search and status filter; new package with the live fee
// preview; detail with the fee breakdown, sessions and payments; top-up; activate/deactivate. Each handler parses
// the request, makes one service call and renders.
#include "web/packages.hpp"

#include "common/clock.hpp"
#include "common/time.hpp"
#include "front/context.hpp"
#include "service/packages.hpp"
#include "service/payments.hpp"
#include "service/studio.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"
#include "web/studio_view.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

std::string path_of(std::int64_t id) { return "/sessions/packages/" + std::to_string(id) + "/"; }

http::Response list_page(const http::Request& req, const service::Dependencies& deps) {
  service::PackageQuery q;
  q.search = search_words(req.query);
  q.status = choice(req.query, "status", {"active", "exhausted", "inactive"});
  int page = page_number(req.query);
  q.limit = kPageSize;
  q.offset = (page - 1) * kPageSize;
  auto board = service::package_board(front::context(req, deps), q);
  json rows = json::array();
  for (const auto& p : board.list.results) rows.push_back(package_json(p, board.list.zone, req.lang));
  auto status = q.status.value_or("");
  Page p;
  p.title = i18n::tr(req.lang, "Package management");
  p.content = "packages/list";
  p.fragments = {{"package-list", "packages/_table"}};
  p.data = {{"rows", rows},
            {"has_rows", !rows.empty()},
            {"total", plural(req.lang, "{n} package in total", "{n} packages in total", board.list.count)},
            {"pager", pager("/sessions/packages/", req.query, board.list.count, page, "#package-list")},
            {"stats", {{"total", plural(req.lang, "{n} item", "{n} items", board.total_packages)},
                       {"active", plural(req.lang, "{n} item", "{n} items", board.active_packages)},
                       {"renewal_due", board.renewal_due > 0},
                       {"renewal", i18n::translate(req.lang, "Renewal talk needed: {n}",
                                                   {{"n", plural(req.lang, "{n} item", "{n} items", board.renewal_due)}})},
                       {"sales", money(board.sales_total)},
                       {"average", money(board.average_amount)}}},
            {"filters", {{"search", req.query.get("search").value_or("")},
                         {"active", status == "active"}, {"exhausted", status == "exhausted"},
                         {"inactive", status == "inactive"}}}};
  return respond(req, deps, std::move(p));
}

// --- fee preview ---------------------------------------------------------------------------------------------

http::Response fee_preview(const http::Request& req, const service::Dependencies& deps) {
  FieldErrors ignored;
  auto amount = won(req.query, req.query.has("amount") ? "amount" : "total_amount", false, ignored);
  json data = json::object();
  if (amount && *amount >= 1 && *amount <= d::max_amount)
    data["fee"] = fee_json(service::preview_fees(front::context(req, deps), *amount, method_of(req.query)));
  return fragment(req, "packages/_fee_preview", data);
}

// --- new package ---------------------------------------------------------------------------------------------

json form_values(const http::QueryParams& f, const std::string& today) {
  json v = json::object();
  for (const char* name : {"package_name", "total_sessions", "session_price", "notes"})
    v[name] = f.get(name).value_or("");
  v["payment_date"] = f.get("payment_date").value_or(today);
  return v;
}

http::Response form_page(const http::Request& req, const service::Dependencies& deps, const service::StudioForm& form,
                         const http::QueryParams& f, json errors, int status) {
  Page p;
  p.title = i18n::tr(req.lang, "Register a new package");
  p.content = "packages/form";
  p.fragments = {{"package-form", "packages/_form"}};
  json values = form_values(f, form.today);
  json money = money_fields("total_amount", i18n::tr(req.lang, "Total amount (VAT included)"), f, errors, req.lang);
  p.data = {{"values", values},
            {"errors", std::move(errors)},
            {"clients", client_options(form.clients, form.client_id)},
            {"money", money},
            {"today", form.today}};
  p.status = status;
  return respond(req, deps, std::move(p));
}

http::Response save_package(const http::Request& req, const service::Dependencies& deps) {
  auto f = form(req);
  auto ctx = front::context(req, deps);
  FieldErrors errors;
  service::NewPackage in;
  auto client = number(f, "client");
  if (!client) errors["client"].push_back("This field is required.");
  in.package_name = f.get("package_name").value_or("");
  if (!text(f, "package_name")) errors["package_name"].push_back("This field is required.");
  auto sessions = whole(f, "total_sessions", true, errors);
  auto amount = won(f, "total_amount", true, errors);
  in.session_price = won(f, "session_price", false, errors);
  in.method = method_of(f);
  in.payment_date = form_day(f, "payment_date", errors);
  in.notes = text(f, "notes");
  try {
    if (!errors.empty()) throw Error::validation(errors);
    in.client_id = *client;
    in.total_sessions = *sessions;
    in.total_amount = *amount;
    auto made = service::create_package(ctx, in);
    return see_other(req, deps, path_of(made.package.id), "success",
                     i18n::translate(req.lang, i18n::args("\"{name}\" package has been created.",
                                                          {{"name", made.package.package_name}})));
  } catch (const Error& e) {
    json shown = rejected_form(e, req.lang);
    return form_page(req, deps, service::studio_form(ctx, client, false), f, shown, 422);
  }
}

// --- detail, top-up, toggle ------------------------------------------------------------------------------------

http::Response detail_page(const http::Request& req, const service::Dependencies& deps) {
  auto o = service::package_overview(front::context(req, deps), front::path_id(req));
  json pkg = package_json(o.package.row, o.package.zone, req.lang);
  json sessions = json::array();
  for (const auto& s : o.sessions) sessions.push_back(session_json(s, req.lang));
  json payments = json::array();
  for (const auto& pay : o.payments) payments.push_back(payment_json(pay, req.lang));
  pkg["toggle_question"] = i18n::tr(req.lang, o.package.row.counters.is_active ? "Deactivate this package?"
                                                                               : "Activate this package?");
  Page p;
  p.title = o.package.row.package_name;
  p.content = "packages/detail";
  p.data = {{"package", pkg},
            {"sessions", sessions},
            {"has_sessions", !sessions.empty()},
            {"payments", payments},
            {"has_payments", !payments.empty()}};
  return respond(req, deps, std::move(p));
}

http::Response top_up_page(const http::Request& req, const service::Dependencies& deps, const service::PackageView& v,
                           const http::QueryParams& f, json errors, int status) {
  Page p;
  p.title = i18n::tr(req.lang, "Top up credits");
  p.content = "packages/top_up";
  p.fragments = {{"top-up-form", "packages/_top_up_form"}};
  json values = json::object();
  for (const char* name : {"sessions", "description"}) values[name] = f.get(name).value_or("");
  values["payment_date"] = f.get("payment_date").value_or("");
  json money = money_fields("amount", i18n::tr(req.lang, "Amount"), f, errors, req.lang);
  p.data = {{"package", package_json(v.row, v.zone, req.lang)},
            {"today", local_date(deps.clock.now(), v.zone).str()},
            {"values", values},
            {"errors", std::move(errors)},
            {"money", money}};
  p.status = status;
  return respond(req, deps, std::move(p));
}

http::Response save_top_up(const http::Request& req, const service::Dependencies& deps) {
  auto f = form(req);
  auto ctx = front::context(req, deps);
  auto id = front::path_id(req);
  service::TopUpInput in;
  auto amount = won(f, "amount", true, in.input_errors);
  in.amount = amount.value_or(0);
  in.sessions = whole(f, "sessions", false, in.input_errors);
  in.method = method_of(f);
  in.payment_date = form_day(f, "payment_date", in.input_errors);
  in.description = text(f, "description");
  try {
    auto done = service::top_up_package(ctx, id, in);
    return see_other(req, deps, path_of(id), "success", i18n::tr(req.lang, "Credits have been topped up."));
  } catch (const Error& e) {
    json shown = rejected_form(e, req.lang);
    return top_up_page(req, deps, service::get_package(ctx, id), f, shown, 422);
  }
}

http::Response toggle_active(const http::Request& req, const service::Dependencies& deps) {
  auto f = form(req);
  auto id = front::path_id(req);
  service::PackageChanges ch;
  ch.is_active = f.get("is_active") == std::optional<std::string>("true");
  auto v = service::update_package(front::context(req, deps), id, ch);
  return see_other(req, deps, path_of(id), "success",
                   i18n::tr(req.lang, v.row.counters.is_active ? "The package has been activated."
                                                               : "The package has been deactivated."));
}

}  // namespace

void register_package_routes(http::Router& router, const service::Dependencies& deps) {
  page_route(router, "GET", "/sessions/packages/", [&deps](http::Request& req) { return list_page(req, deps); },
             "web-packages");
  page_route(router, "GET", "/sessions/fee-preview/", [&deps](http::Request& req) { return fee_preview(req, deps); },
             "web-fee-preview");
  page_route(router, "GET", "/sessions/packages/add/", [&deps](http::Request& req) {
    auto f = service::studio_form(front::context(req, deps), number(req.query, "client"), false);
    return form_page(req, deps, f, req.query, json::object(), 200);
  }, "web-package-add");
  page_route(router, "POST", "/sessions/packages/add/", [&deps](http::Request& req) { return save_package(req, deps); },
             "web-package-add-submit");
  page_route(router, "GET", "/sessions/packages/{id:int}/", [&deps](http::Request& req) {
    return detail_page(req, deps);
  }, "web-package-detail");
  page_route(router, "GET", "/sessions/packages/{id:int}/top-up/", [&deps](http::Request& req) {
    auto v = service::get_package(front::context(req, deps), front::path_id(req));
    return top_up_page(req, deps, v, req.query, json::object(), 200);
  }, "web-package-top-up");
  page_route(router, "POST", "/sessions/packages/{id:int}/top-up/", [&deps](http::Request& req) {
    return save_top_up(req, deps);
  }, "web-package-top-up-submit");
  page_route(router, "POST", "/sessions/packages/{id:int}/toggle-active/", [&deps](http::Request& req) {
    return toggle_active(req, deps);
  }, "web-package-toggle");
}

}  // namespace the5hc::web
