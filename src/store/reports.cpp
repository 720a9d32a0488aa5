#include "store/reports.hpp"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>

#include <sstream>

#include "common/digest.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kSelect =
    "SELECT r.id, r.assessment_id, r.organization_id, r.generated_by_id, r.generated_at, r.report_type, r.language, "
    "r.file_name, r.file_size, r.sha256, r.source_sha256, a.client_id, c.trainer_id, c.name, a.date, u.name "
    "FROM assessment_reports r JOIN assessments a ON a.id = r.assessment_id JOIN clients c ON c.id = a.client_id "
    "LEFT JOIN users u ON u.id = r.generated_by_id ";

Report to_report(const Row& r) {
  Report out;
  out.id = get_int(r, 0);
  out.assessment_id = get_int(r, 1);
  out.organization_id = get_int(r, 2);
  out.generated_by_id = get_opt_int(r, 3);
  out.generated_at = get_text(r, 4);
  out.report_type = get_text(r, 5);
  out.language = get_text(r, 6);
  out.file_name = get_text(r, 7);
  out.file_size = get_int(r, 8);
  out.sha256 = get_text(r, 9);
  out.source_sha256 = get_text(r, 10);
  out.client_id = get_int(r, 11);
  out.client_trainer_id = get_int(r, 12);
  out.client_name = get_text(r, 13);
  out.assessment_date = get_text(r, 14);
  out.generated_by_name = get_text(r, 15);
  return out;
}

std::string where_sql(const ReportFilter& f, SqlParams& p) {
  std::string w = scope_sql(f.scope, p, "r.organization_id");
  if (f.assessment_id) w += " AND r.assessment_id = " + p.add(*f.assessment_id);
  if (f.client_id) w += " AND a.client_id = " + p.add(*f.client_id);
  if (f.report_type) w += " AND r.report_type = " + p.add(*f.report_type);
  if (f.generated_from) w += " AND r.generated_at >= " + p.add(*f.generated_from);
  if (f.generated_before) w += " AND r.generated_at < " + p.add(*f.generated_before);
  for (const auto& term : f.search) {
    auto like = p.add(like_pattern(term));
    w += " AND (lower(c.name) LIKE " + like + " ESCAPE '\\' OR lower(coalesce(c.email, '')) LIKE " + like +
         " ESCAPE '\\')";
  }
  return w;
}

std::string base64(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  encoder.close();
  return out.str();
}

std::string unbase64(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  return {std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>()};
}

std::string order_sql(const Sort<ReportSort>& sort) {
  if (sort.empty()) return order_sql({{ReportSort::generated_at, true}});
  return order_by_sql(sort, [](ReportSort key, bool descending) {
    return directed(key == ReportSort::file_size ? "r.file_size" : "r.generated_at", descending);
  }, "r.id");
}

}  // namespace

std::vector<Report> list_reports(soci::session& sql, const ReportFilter& f) {
  SqlParams p;
  std::string q = std::string(kSelect) + "WHERE " + where_sql(f, p) + " ORDER BY " + order_sql(f.sort);
  if (f.limit >= 0) q += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
  std::vector<Report> out;
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_report(r)); });
  return out;
}

std::int64_t count_reports(soci::session& sql, const ReportFilter& f) {
  SqlParams p;
  return fetch_int(sql,
                   "SELECT count(*) FROM assessment_reports r JOIN assessments a ON a.id = r.assessment_id "
                   "JOIN clients c ON c.id = a.client_id WHERE " + where_sql(f, p),
                   p);
}

std::optional<Report> find_report(soci::session& sql, std::int64_t id) {
  SqlParams p;
  std::optional<Report> out;
  for_each_row(sql, std::string(kSelect) + "WHERE r.id = " + p.add(id), p,
               [&](const Row& r) { out = to_report(r); });
  return out;
}

std::optional<Report> latest_report(soci::session& sql, std::int64_t assessment_id, const std::string& language) {
  SqlParams p;
  std::optional<Report> out;
  for_each_row(sql,
               std::string(kSelect) + "WHERE r.assessment_id = " + p.add(assessment_id) + " AND r.language = " +
                   p.add(language) + " ORDER BY r.generated_at DESC, r.id DESC LIMIT 1",
               p, [&](const Row& r) { out = to_report(r); });
  return out;
}

std::optional<std::string> report_pdf(soci::session& sql, std::int64_t id) {
  SqlParams p;
  std::optional<std::string> out;
  for_each_row(sql, "SELECT pdf_base64 FROM assessment_reports WHERE id = " + p.add(id), p,
               [&](const Row& r) { out = unbase64(get_text(r, 0)); });
  return out;
}

std::int64_t insert_report(soci::session& sql, const Report& r, const std::string& pdf) {
  long long assessment = r.assessment_id, org = r.organization_id, size = static_cast<long long>(pdf.size()), id = 0;
  OptionalParam<long long> by(r.generated_by_id ? std::optional<long long>(*r.generated_by_id) : std::nullopt);
  const std::string encoded = base64(pdf), sha = digest::sha256_hex(pdf);
  sql << "INSERT INTO assessment_reports (assessment_id, organization_id, generated_by_id, generated_at, "
         "report_type, language, file_name, file_size, pdf_base64, sha256, source_sha256) VALUES (:assessment, :org, "
         ":by, :at, :type, :lang, :name, :size, :pdf, :sha, :source) RETURNING id",
      soci::use(assessment), soci::use(org), soci::use(by.value, by.ind), soci::use(r.generated_at),
      soci::use(r.report_type), soci::use(r.language), soci::use(r.file_name), soci::use(size), soci::use(encoded),
      soci::use(sha), soci::use(r.source_sha256), soci::into(id);
  return id;
}

void delete_report(soci::session& sql, std::int64_t id) {
  long long v = id;
  sql << "DELETE FROM assessment_reports WHERE id = :id", soci::use(v);
}

}  // namespace the5hc::store
