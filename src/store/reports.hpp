#pragma once
// Assessment reports (DOMAIN.md §1.13): the PDF bytes live in the database (base64 in pdf_base64, so one query
// works on both engines), listed with their assessment's client for visibility and search.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/scope.hpp"
#include "store/sort.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct Report {
  std::int64_t id = 0, assessment_id = 0, organization_id = 0;
  std::optional<std::int64_t> generated_by_id;
  std::string generated_at, report_type = "detailed", language = "ko", file_name, sha256;
  std::string source_sha256;  // of what was rendered (service/reports): equal → the report is still current
  std::int64_t file_size = 0;
  // joined
  std::int64_t client_id = 0, client_trainer_id = 0;
  std::string client_name, assessment_date, generated_by_name;
};

enum class ReportSort { generated_at, file_size };

struct ReportFilter {
  Scope scope;
  std::vector<std::string> search;  // client name, client e-mail
  std::optional<std::int64_t> assessment_id, client_id;
  std::optional<std::string> report_type;
  std::optional<std::string> generated_from, generated_before;  // stored UTC timestamps: [from, before)
  Sort<ReportSort> sort;  // empty: newest first
  int limit = -1, offset = 0;  // limit -1: all
};
std::vector<Report> list_reports(soci::session& sql, const ReportFilter& f);
std::int64_t count_reports(soci::session& sql, const ReportFilter& f);
std::optional<Report> find_report(soci::session& sql, std::int64_t id);
// The newest report of the assessment in the language, if any.
std::optional<Report> latest_report(soci::session& sql, std::int64_t assessment_id, const std::string& language);
// The document's bytes (empty optional when the report is gone).
std::optional<std::string> report_pdf(soci::session& sql, std::int64_t id);

// `r` gives everything but id, file_size and sha256, which come from the bytes.
std::int64_t insert_report(soci::session& sql, const Report& r, const std::string& pdf);
void delete_report(soci::session& sql, std::int64_t id);

}  // namespace the5hc::store
