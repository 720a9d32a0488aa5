#include "web/studio_view.hpp"

#include "domain/packages.hpp"
#include "web/format.hpp"
#include "web/listing.hpp"
#include "web/page.hpp"

namespace the5hc::web {
namespace {

namespace d = the5hc::domain;

std::string percent(int bp) {
  std::string s = std::to_string(bp / 100);
  if (bp % 100) {
    char buf[8];
    std::snprintf(buf, sizeof buf, ".%02d", bp % 100);
    std::string frac = buf;
    while (frac.back() == '0') frac.pop_back();
    s += frac;
  }
  return s + "%";
}

std::string status_text(const std::string& code, Lang lang) {
  auto s = d::parse_session_status(code);
  return s ? label(d::session_status_label(*s), lang) : code;
}

std::string method_text(const std::string& code, Lang lang) {
  auto m = d::parse_payment_method(code);
  return m ? label(d::payment_method_label(*m), lang) : code;
}

std::string digits_only(std::string v) {
  std::erase(v, ',');
  std::erase(v, ' ');
  return v;
}

}  // namespace


json fee_json(const d::FeeBreakdown& b) {
  return {{"gross", money(b.gross)},         {"supply", money(b.supply_value())}, {"vat", money(b.vat)},
          {"card_fee", money(b.card_fee)},   {"net", money(b.net)},               {"card", b.method == d::PaymentMethod::card},
          {"vat_rate", percent(b.vat_rate_bp)}, {"card_rate", percent(b.card_fee_rate_bp)}};
}

json package_json(const store::Package& p, const std::string& zone, Lang lang) {
  const auto& c = p.counters;
  auto status = d::package_status(c);
  auto use = d::utilisation(c);
  json out = {{"id", p.id},
              {"client_id", p.client_id},
              {"client_name", p.client_name},
              {"name", p.package_name},
              {"trainer_name", p.trainer_name},
              {"total_sessions", plural(lang, "{n} session", "{n} sessions", c.total_sessions)},
              {"remaining_sessions", plural(lang, "{n} session", "{n} sessions", c.remaining_sessions)},
              {"remaining_count", c.remaining_sessions},
              {"sessions_status", i18n::translate(lang, "{n} left / {m} total",
                                                  {{"n", std::to_string(c.remaining_sessions)},
                                                   {"m", std::to_string(c.total_sessions)}})},
              {"scheduled", plural(lang, "{n} session", "{n} sessions", p.scheduled_count)},
              {"bookable", status == d::PackageStatus::active && d::available_sessions(c, p.scheduled_count) > 0},
              {"credits", money(c.remaining_credits)},
              {"session_price", money(c.session_price)},
              {"session_price_won", c.session_price},
              {"total_amount", money(c.total_amount)},
              {"status", label(d::package_status_label(status), lang)},
              {"status_code", d::package_status_label(status).code},
              {"is_active", c.is_active},
              {"created", local_day(p.created_at, zone)},
              {"created_long", long_date(local_day(p.created_at, zone), lang)},
              {"notes", p.notes.value_or("")},
              {"has_notes", p.notes && !p.notes->empty()},
              {"utilisation", {{"percent", one_decimal(use.percent) + "%"},
                               {"width", static_cast<int>(use.percent + 0.5)},
                               {"used", plural(lang, "{n} session", "{n} sessions", use.used_sessions)},
                               {"renewal_due", use.renewal_due}}}};
  auto opt = [](const std::optional<d::Krw>& v) { return v ? json(money(*v)) : json("-"); };
  out["fees"] = {{"gross", opt(c.gross_amount)}, {"vat", opt(c.vat_amount)}, {"card_fee", opt(c.card_fee_amount)},
                 {"net", opt(c.net_amount)},
                 {"supply", c.gross_amount && c.vat_amount ? json(money(*c.gross_amount - *c.vat_amount)) : json("-")}};
  return out;
}

json session_json(const store::Session& s, Lang lang) {
  std::string when = s.session_date + (s.session_time ? " " + s.session_time->substr(0, 5) : "");
  json out = {{"id", s.id},
              {"client_id", s.client_id},
              {"client_name", s.client_name},
              {"package_id", s.package_id},
              {"package_name", s.package_name},
              {"date", s.session_date},
              {"time", s.session_time ? s.session_time->substr(0, 5) : ""},
              {"when", when},
              {"duration", i18n::translate(lang, "{n} min", {{"n", std::to_string(s.session_duration)}})},
              {"cost", money(s.session_cost)},
              {"credits_used", money(s.credits_used)},
              {"consumed", s.sessions_used > 0},
              {"status", status_text(s.status, lang)},
              {"status_code", s.status},
              {"late", s.late_cancellation},
              {"notes", s.notes.value_or("")},
              {"cancel_reason", s.cancel_reason.value_or("")},
              {"scheduled", s.status == "scheduled"},
              {"no_show_question", i18n::tr(lang, "Marking a no-show consumes 1 session.")}};
  return out;
}

json payment_json(const store::Payment& p, Lang lang) {
  auto kind = d::parse_payment_kind(p.kind);
  auto opt = [](const std::optional<std::int64_t>& v) { return v ? json(money(*v)) : json("-"); };
  return {{"id", p.id},
          {"date", p.payment_date},
          {"client_id", p.client_id},
          {"client_name", p.client_name},
          {"package_id", p.package_id ? json(*p.package_id) : json(nullptr)},
          {"package_name", p.package_name.value_or("")},
          {"kind", kind ? label(d::payment_kind_label(*kind), lang) : p.kind},
          {"method", method_text(p.payment_method, lang)},
          {"amount", money(p.amount)},
          {"vat", opt(p.vat_amount)},
          {"card_fee", opt(p.card_fee_amount)},
          {"net", opt(p.net_amount)},
          {"description", p.description.value_or("")}};
}

json method_options(const std::string& selected, Lang lang) {
  json out = json::array();
  for (auto m : {d::PaymentMethod::card, d::PaymentMethod::cash, d::PaymentMethod::transfer, d::PaymentMethod::other}) {
    const auto& l = d::payment_method_label(m);
    out.push_back({{"value", l.code}, {"label", label(l, lang)}, {"selected", selected == l.code}});
  }
  return out;
}

json money_fields(const char* field, const std::string& label, const http::QueryParams& f, const json& errors, Lang lang) {
  json out = {{"field", field}, {"label", label}, {"value", f.get(field).value_or("")},
              {"methods", method_options(f.get("payment_method").value_or("card"), lang)}};
  if (errors.contains(field)) out["error"] = errors[field];
  return out;
}

json client_options(const std::vector<service::ClientChoice>& clients, std::optional<std::int64_t> selected) {
  json out = json::array();
  for (const auto& c : clients) out.push_back({{"id", c.id}, {"name", c.name}, {"selected", selected == c.id}});
  return out;
}

json package_options(const std::vector<store::Package>& packages, std::optional<std::int64_t> selected, Lang lang) {
  json out = json::array();
  for (const auto& p : packages) {
    int available = d::available_sessions(p.counters, p.scheduled_count);
    out.push_back({{"id", p.id},
                   {"label", i18n::translate(lang, "{name} — {n} left, {m} bookable",
                                             {{"name", p.package_name},
                                              {"n", std::to_string(p.counters.remaining_sessions)},
                                              {"m", std::to_string(available)}})},
                   {"cost", money(p.counters.session_price)},  // what the booking records as session_cost
                   {"selected", selected == p.id}});
  }
  return out;
}

json rejected_form(const Error& e, Lang lang) {
  if (e.code() != ErrorCode::validation) throw;
  json shown = field_errors(e, lang);
  shown["summary"] = i18n::tr(lang, "Please check the form.");
  return shown;
}

std::optional<d::Krw> won(const http::QueryParams& f, const char* field, bool required, FieldErrors& errors) {
  std::string v = digits_only(f.get(field).value_or(""));
  if (v.empty()) {
    if (required) errors[field].push_back("This field is required.");
    return std::nullopt;
  }
  if (v.size() > 13 || v.find_first_not_of("0123456789") != std::string::npos) {
    errors[field].push_back("A valid integer is required.");
    return std::nullopt;
  }
  return std::stoll(v);
}

std::optional<int> whole(const http::QueryParams& f, const char* field, bool required, FieldErrors& errors) {
  auto v = won(f, field, required, errors);
  if (!v) return std::nullopt;
  if (*v > 100000) {
    errors[field].push_back("A valid integer is required.");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

d::PaymentMethod method_of(const http::QueryParams& f, const char* field) {
  return d::parse_payment_method(f.get(field).value_or("")).value_or(d::PaymentMethod::card);
}

}  // namespace the5hc::web
