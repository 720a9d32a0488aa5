#include "api/bookkeeping_json.hpp"

#include "api/json_fields.hpp"
#include "domain/packages.hpp"

namespace the5hc::api {
namespace {

const char* text(const domain::Label& l, Lang lang) { return lang == Lang::en ? l.en : l.ko; }

}  // namespace

nlohmann::json package_json(const store::Package& p, const std::string& zone, Lang lang) {
  const auto& c = p.counters;
  auto status = domain::package_status(c);
  return {{"id", p.id},
          {"client", p.client_id},
          {"client_name", p.client_name},
          {"trainer", p.trainer_id},
          {"trainer_name", p.trainer_name},
          {"package_name", p.package_name},
          {"total_amount", c.total_amount},
          {"session_price", c.session_price},
          {"total_sessions", c.total_sessions},
          {"remaining_sessions", c.remaining_sessions},
          {"scheduled_sessions", p.scheduled_count},
          {"available_sessions", domain::available_sessions(c, p.scheduled_count)},
          {"remaining_credits", c.remaining_credits},
          {"gross_amount", nullable(c.gross_amount)},
          {"vat_amount", nullable(c.vat_amount)},
          {"card_fee_amount", nullable(c.card_fee_amount)},
          {"net_amount", nullable(c.net_amount)},
          {"status", domain::package_status_label(status).code},
          {"status_display", text(domain::package_status_label(status), lang)},
          {"is_active", c.is_active},
          {"is_legacy", p.is_legacy},
          {"notes", nullable(p.notes)},
          {"created_at", timestamp_json(p.created_at, zone)},
          {"updated_at", timestamp_json(p.updated_at, zone)}};
}

nlohmann::json payment_json(const store::Payment& y, const std::string& zone, Lang lang) {
  auto method = domain::parse_payment_method(y.payment_method);
  auto kind = domain::parse_payment_kind(y.kind);
  return {{"id", y.id},
          {"client", y.client_id},
          {"client_name", y.client_name},
          {"package", nullable(y.package_id)},
          {"package_name", nullable(y.package_name)},
          {"trainer", y.trainer_id},
          {"trainer_name", y.trainer_name},
          {"amount", y.amount},
          {"payment_method", y.payment_method},
          {"payment_method_display", method ? text(domain::payment_method_label(*method), lang) : y.payment_method},
          {"kind", y.kind},
          {"kind_display", kind ? text(domain::payment_kind_label(*kind), lang) : y.kind},
          {"payment_date", y.payment_date},
          {"description", nullable(y.description)},
          {"vat_amount", nullable(y.vat_amount)},
          {"card_fee_amount", nullable(y.card_fee_amount)},
          {"net_amount", nullable(y.net_amount)},
          {"vat_rate_bp", nullable(y.vat_rate_bp)},
          {"card_fee_rate_bp", nullable(y.card_fee_rate_bp)},
          {"is_legacy", y.is_legacy},
          {"created_at", timestamp_json(y.created_at, zone)}};
}

nlohmann::json session_json(const store::Session& s, const std::string& zone, Lang lang,
                            const nlohmann::json& summary) {
  auto status = domain::parse_session_status(s.status);
  return {{"id", s.id},
          {"package", s.package_id},
          {"client", s.client_id},
          {"client_name", s.client_name},
          {"package_name", s.package_name},
          {"trainer", s.trainer_id},
          {"trainer_name", s.trainer_name},
          {"session_date", s.session_date},
          {"session_time", nullable(s.session_time)},
          {"session_duration", s.session_duration},
          {"session_cost", s.session_cost},
          {"status", s.status},
          {"status_display", status ? text(domain::session_status_label(*status), lang) : s.status},
          {"late_cancellation", s.late_cancellation},
          {"sessions_used", s.sessions_used},
          {"credits_used", s.credits_used},
          {"notes", nullable(s.notes)},
          {"cancel_reason", nullable(s.cancel_reason)},
          {"package_summary", summary},
          {"created_at", timestamp_json(s.created_at, zone)},
          {"completed_at", timestamp_json(s.completed_at, zone)},
          {"cancelled_at", timestamp_json(s.cancelled_at, zone)}};
}

}  // namespace the5hc::api
