#pragma once
// PDF assessment reports (API.md §3.2 report.pdf / reports, §3.7; DOMAIN.md §1.13; WEB.md §7). Rendering takes
// place between a read and a write transaction, never inside one: the write lock is held only for the INSERT.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "common/time.hpp"
#include "service/context.hpp"
#include "service/views.hpp"
#include "store/reports.hpp"

namespace the5hc::auth {
class RateLimiter;
}

namespace the5hc::service {

struct ReportFile {
  store::Report report;
  std::string pdf;
  std::string zone;  // for the report's timestamps
};

// GET report.pdf: the newest stored report in `lang` when it shows the assessment as it is now, else a new one
// rendered and stored (audit report_generated).
ReportFile assessment_report(const Context& ctx, std::int64_t assessment_id, Lang lang);
// POST reports/: always renders and stores a new report.
ReportFile generate_report(const Context& ctx, std::int64_t assessment_id, Lang lang);
// The PDF of a public share link (/s/{token}/report.pdf): the client's newest assessment in the link's language,
// the stored current report when there is one, else rendered for this download only. Rate-limited, 404 for an
// unknown token, empty for an expired or revoked link (service/share_links open_share_link).
std::optional<ReportFile> shared_report(const Context& ctx, auth::RateLimiter& limiter, const std::string& token);

struct ReportQuery {
  std::vector<std::string> search;  // client name, client e-mail
  std::optional<std::int64_t> assessment_id, client_id;
  std::optional<std::string> report_type;
  std::optional<Date> generated_from, generated_to;  // local days of the studio, both included
  store::Sort<store::ReportSort> sort;  // empty: newest first
  int limit = -1, offset = 0;
};
Rows<store::Report> list_reports(const Context& ctx, const ReportQuery& query);
Shown<store::Report> get_report(const Context& ctx, std::int64_t id);
ReportFile download_report(const Context& ctx, std::int64_t id);
void delete_report(const Context& ctx, std::int64_t id);

}  // namespace the5hc::service
