#include "api/reports_api.hpp"

#include "api/json_fields.hpp"
#include "api/listing.hpp"
#include "front/context.hpp"
#include "http/download.hpp"
#include "http/json_response.hpp"
#include "service/reports.hpp"

namespace the5hc::api {
namespace {

using nlohmann::json;

json report_json(const http::Request& req, const store::Report& r, const std::string& zone) {
  return {{"id", r.id},
          {"assessment", r.assessment_id},
          {"client", r.client_id},
          {"client_name", r.client_name},
          {"assessment_date", r.assessment_date},
          {"generated_at", timestamp_json(r.generated_at, zone)},
          {"generated_by", r.generated_by_id ? json(*r.generated_by_id) : json(nullptr)},
          {"generated_by_name", r.generated_by_name},
          {"report_type", r.report_type},
          {"report_type_display", i18n::tr(req.lang, "Detailed report")},
          {"language", r.language},
          {"file_name", r.file_name},
          {"file_size", r.file_size},
          {"download_url", absolute_url(req, "/api/v1/reports/" + std::to_string(r.id) + "/download/")}};
}

http::Response pdf_response(const service::ReportFile& f, bool inline_view) {
  return http::file_download("application/pdf", f.pdf,
                             "fitness_assessment_" + std::to_string(f.report.assessment_id) + ".pdf",
                             f.report.file_name, inline_view);
}

// ?lang=ko|en, else the request's language.
Lang report_lang(const http::Request& req) {
  auto lang = query_choice(req, "lang", {"ko", "en"});
  return lang ? i18n::parse(*lang) : req.lang;
}

}  // namespace

void register_report_routes(http::Router& router, const service::Dependencies& deps) {
  router.get("/api/v1/assessments/{id:int}/report.pdf", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return pdf_response(service::assessment_report(ctx, req.param_int("id"), report_lang(req)), false);
  }, "assessments-report-pdf");

  router.post("/api/v1/assessments/{id:int}/reports/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto file = service::generate_report(ctx, req.param_int("id"), report_lang(req));
    return http::json_response(201, report_json(req, file.report, file.zone));
  }, "assessments-reports-create");

  router.get("/api/v1/reports/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    auto page = page_request(req);
    service::ReportQuery q;
    q.search = search_terms(req);
    q.assessment_id = query_int(req, "assessment");
    q.client_id = query_int(req, "client");
    q.report_type = query_choice(req, "report_type", {"detailed"});
    q.sort = sort_keys<store::ReportSort>(req, {{"generated_at", store::ReportSort::generated_at},
                                                {"file_size", store::ReportSort::file_size}});
    q.limit = page.page_size;
    q.offset = page.offset();
    auto list = service::list_reports(ctx, q);
    json results = json::array();
    for (const auto& r : list.results) results.push_back(report_json(req, r, list.zone));
    return http::json_response(200, page_envelope(req, page, list.count, results));
  }, "reports-list");

  router.get("/api/v1/reports/{id:int}/", [&deps](http::Request& req) {
    auto shown = service::get_report(front::context(req, deps), req.param_int("id"));
    return http::json_response(200, report_json(req, shown.row, shown.zone));
  }, "reports-detail");

  router.get("/api/v1/reports/{id:int}/download/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    return pdf_response(service::download_report(ctx, req.param_int("id")), req.query.get("inline") == "1");
  }, "reports-download");

  router.del("/api/v1/reports/{id:int}/", [&deps](http::Request& req) {
    auto ctx = front::context(req, deps);
    service::delete_report(ctx, req.param_int("id"));
    return http::Response::no_content();
  }, "reports-delete");
}

}  // namespace the5hc::api
