#include "legacy/records.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <initializer_list>

#include "domain/client_rules.hpp"
#include "domain/rounding.hpp"
#include "legacy/rules.hpp"

namespace the5hc::legacy {
namespace {

using Names = std::initializer_list<const char*>;

// The first non-NULL of several column names: G1 and G2/G3 spell some columns differently.
const Value& first(const Row& r, Names names) {
  for (const char* n : names)
    if (!r[n].null()) return r[n];
  return r[*names.begin()];
}

std::string format(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// Measurements the schema requires to be ≥ 0 (LEGACY.md §7.2 copies them, so a negative legacy value is dropped).
std::optional<double> measure(const Row& r, Names names, Warnings& w) {
  auto v = first(r, names).number();
  if (v && *v < 0) {
    w.push_back(std::string(*names.begin()) + " " + format(*v) + " is negative; set to NULL");
    return std::nullopt;
  }
  return v;
}

std::optional<long long> count(const Row& r, Names names, Warnings& w) {
  const Value& raw = first(r, names);
  auto v = raw.integral();
  if (!v && raw.number()) v = domain::round0(*raw.number());
  if (v && *v < 0) {
    w.push_back(std::string(*names.begin()) + " " + std::to_string(*v) + " is negative; set to NULL");
    return std::nullopt;
  }
  return v;
}

// A per-test score outside our scale (e.g. 5 from a 0–5 era) is set NULL with a warning (LEGACY.md §4).
std::optional<double> score(const Row& r, Names names, double lo, double hi, Warnings& w) {
  auto v = first(r, names).number();
  if (v && (*v < lo || *v > hi)) {
    w.push_back(std::string(*names.begin()) + " " + format(*v) + " is outside " + format(lo) + "–" + format(hi) +
                "; set to NULL");
    return std::nullopt;
  }
  return v;
}

std::optional<long long> int_score(const Row& r, Names names, double lo, double hi, Warnings& w) {
  auto v = score(r, names, lo, hi, w);
  if (!v) return std::nullopt;
  return domain::round0(*v);
}

std::optional<std::string> test_notes(const Row& r, Names prefixes) {
  for (const char* p : prefixes) {
    std::string prefix = p;
    if (r.has(prefix + "_notes") || r.has(prefix + "_compensations"))
      return notes_with_compensations(r[prefix + "_notes"].str(), r[prefix + "_compensations"].str());
  }
  return std::nullopt;
}

std::string stamp(const Value& v, const std::string& fallback) { return timestamp(v.str()).value_or(fallback); }

std::optional<int> narrow(std::optional<long long> v) {
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

std::optional<long long> money(const Row& r, const char* column) { return r[column].money(); }

std::optional<long long> bp(const Row& r, const char* column) {
  auto v = r[column].number();
  if (!v) return std::nullopt;
  return rate_bp(*v);
}

}  // namespace

std::optional<std::string> client_skip_reason(const Row& r) {
  auto name = r["name"].nonblank();
  if (!name || domain::char_count(*name) < 2 || domain::char_count(*name) > 200) return "invalid_client:name";
  auto age = r["age"].integral();
  if (!age || *age < 1 || *age > 120) return "invalid_client:age";
  if (!gender(r["gender"].str().value_or(""))) return "invalid_gender";
  auto height = r["height"].number();
  if (!height || *height < 50 || *height > 300) return "invalid_client:height";
  auto weight = r["weight"].number();
  if (!weight || *weight < 20 || *weight > 500) return "invalid_client:weight";
  return std::nullopt;
}

store::Client client_fields(const Row& r, const std::string& now, Warnings& warnings) {
  store::Client out;
  auto& c = out.fields;
  c.name = *r["name"].nonblank();
  c.age = static_cast<int>(*r["age"].integral());
  c.gender = *gender(*r["gender"].str());
  c.height = *r["height"].number();
  c.weight = *r["weight"].number();
  if (auto e = r["email"].nonblank()) {
    if (domain::is_valid_email(*e)) c.email = *e;
    else warnings.push_back("invalid e-mail \"" + *e + "\" dropped");
  }
  if (auto p = r["phone"].nonblank()) {
    c.phone = domain::format_phone(*p);
    if (!c.phone) warnings.push_back("invalid phone \"" + *p + "\" dropped");
  }
  if (r.has("created_at")) out.created_at = stamp(r["created_at"], now);
  else out.created_at = seoul_midnight_utc(r["registration_date"].str()).value_or(now);
  out.updated_at = stamp(r["updated_at"], out.created_at);
  return out;
}

store::User user_fields(const Row& r, const std::string& now, Warnings& warnings) {
  store::User u;
  u.username = r["username"].nonblank().value_or("");
  u.name = r["name"].nonblank().value_or(u.username);
  auto hash = password_hash(r["password_hash"].str(), r["password"].str(), r["salt"].str());
  if (!hash) warnings.push_back("no password hash; the account cannot log in until its password is reset");
  u.password_hash = hash.value_or("!");  // matches no scheme, so no password verifies
  u.failed_login_attempts = static_cast<int>(std::max(0LL, r["failed_login_attempts"].integral().value_or(0)));
  u.last_login = timestamp(r["last_login"].str());
  auto locked = timestamp(r["locked_until"].str());
  if (locked && *locked > now) u.locked_until = locked;  // an expired lock is no lock
  u.date_joined = stamp(r["created_at"], now);
  u.updated_at = now;
  return u;
}

store::Assessment assessment_fields(const Row& r, const std::string& now, Warnings& w) {
  store::Assessment a;
  auto& in = a.input;
  auto& s = a.results.scores;
  auto d = date(r["date"].str());
  if (!d) {
    d = date(r["created_at"].str()).value_or(now.substr(0, 10));
    w.push_back("invalid date \"" + r["date"].str().value_or("") + "\"; used " + *d);
  }
  a.meta.date = *d;
  s.overhead_squat_performed = !r["overhead_squat_score"].null();
  in.overhead_squat_notes = test_notes(r, {"overhead_squat"});
  s.overhead_squat_score = narrow(int_score(r, {"overhead_squat_score"}, 0, 3, w));
  in.push_up_reps = narrow(count(r, {"push_up_reps"}, w));
  in.push_up_notes = test_notes(r, {"push_up"});
  s.push_up_score = narrow(int_score(r, {"push_up_score"}, 1, 4, w));
  in.single_leg_balance_right_eyes_open =
      measure(r, {"single_leg_balance_right_eyes_open", "single_leg_balance_right_open"}, w);
  in.single_leg_balance_left_eyes_open =
      measure(r, {"single_leg_balance_left_eyes_open", "single_leg_balance_left_open"}, w);
  in.single_leg_balance_right_eyes_closed =
      measure(r, {"single_leg_balance_right_eyes_closed", "single_leg_balance_right_closed"}, w);
  in.single_leg_balance_left_eyes_closed =
      measure(r, {"single_leg_balance_left_eyes_closed", "single_leg_balance_left_closed"}, w);
  in.single_leg_balance_notes = test_notes(r, {"single_leg_balance"});
  s.single_leg_balance_score = score(r, {"single_leg_balance_score"}, 1, 4, w);
  in.toe_touch_distance = r["toe_touch_distance"].number();
  in.toe_touch_notes = test_notes(r, {"toe_touch"});
  s.toe_touch_score = narrow(int_score(r, {"toe_touch_score"}, 1, 4, w));
  in.shoulder_mobility_right = measure(r, {"shoulder_mobility_right"}, w);
  in.shoulder_mobility_left = measure(r, {"shoulder_mobility_left"}, w);
  in.shoulder_mobility_notes = test_notes(r, {"shoulder_mobility"});
  s.shoulder_mobility_score = narrow(int_score(r, {"shoulder_mobility_score"}, 0, 3, w));
  in.farmer_carry_weight = measure(r, {"farmer_carry_weight", "farmers_carry_weight"}, w);
  in.farmer_carry_distance = measure(r, {"farmer_carry_distance", "farmers_carry_distance"}, w);
  in.farmer_carry_time = measure(r, {"farmer_carry_time", "farmers_carry_time"}, w);
  in.farmer_carry_notes = test_notes(r, {"farmer_carry", "farmers_carry"});
  s.farmer_carry_score = score(r, {"farmer_carry_score", "farmers_carry_score"}, 1, 4, w);
  in.harvard_step_test_hr1 = narrow(count(r, {"harvard_step_test_hr1", "step_test_hr1"}, w));
  in.harvard_step_test_hr2 = narrow(count(r, {"harvard_step_test_hr2", "step_test_hr2"}, w));
  in.harvard_step_test_hr3 = narrow(count(r, {"harvard_step_test_hr3", "step_test_hr3"}, w));
  in.harvard_step_test_duration = measure(r, {"harvard_step_test_duration", "step_test_duration"}, w);
  a.harvard_step_test_legacy_hr = count(r, {"harvard_step_test_heart_rate"}, w);
  in.harvard_step_test_notes = test_notes(r, {"harvard_step_test", "step_test"});  // kept verbatim, never parsed
  s.harvard_step_test_pfi = measure(r, {"harvard_step_test_pfi", "step_test_pfi"}, w);
  s.harvard_step_test_score = narrow(int_score(r, {"harvard_step_test_score", "step_test_score"}, 1, 4, w));
  s.strength_score = r["strength_score"].number();
  s.mobility_score = r["mobility_score"].number();
  s.balance_score = r["balance_score"].number();
  s.cardio_score = r["cardio_score"].number();
  s.overall_score = r["overall_score"].number();
  s.is_complete = s.strength_score && s.mobility_score && s.balance_score && s.cardio_score;
  a.is_legacy = true;
  a.created_at = stamp(r["created_at"], now);
  a.updated_at = a.created_at;
  return a;
}

store::Package package_fields(const Row& r, const std::string& now) {
  store::Package p;
  auto& c = p.counters;
  c.total_amount = money(r, "total_amount").value_or(0);
  c.total_sessions = static_cast<int>(r["total_sessions"].integral().value_or(0));
  c.session_price = money(r, "session_price")
                        .value_or(c.total_sessions > 0 ? domain::round0(double(c.total_amount) / double(c.total_sessions)) : 0);
  c.remaining_sessions = static_cast<int>(r["remaining_sessions"].integral().value_or(c.total_sessions));
  c.remaining_credits = money(r, "remaining_credits").value_or(0);
  p.package_name = package_name(r["package_name"].str(), c.total_sessions);
  c.gross_amount = money(r, "gross_amount");
  c.vat_amount = money(r, "vat_amount");
  c.card_fee_amount = money(r, "card_fee_amount");
  c.net_amount = money(r, "net_amount");
  p.vat_rate_bp = narrow(bp(r, "vat_rate"));
  p.card_fee_rate_bp = narrow(bp(r, "card_fee_rate"));
  auto active = r["is_active"];
  c.is_active = active.null() || !(lower_ascii(active.str().value_or("")) == "false" || active.integral() == 0LL);
  p.is_legacy = true;
  p.notes = r["notes"].nonblank();
  p.created_at = stamp(r["created_at"], now);
  p.updated_at = stamp(r["updated_at"], p.created_at);
  return p;
}

store::Session session_fields(const Row& r, const std::string& status, const std::string& now) {
  store::Session s;
  s.created_at = stamp(r["created_at"], now);
  s.session_date = date(r["session_date"].str()).value_or(s.created_at.substr(0, 10));
  s.session_time = hhmm(r["session_time"].str());
  auto duration = r["session_duration"].integral();
  s.session_duration = duration && *duration > 0 ? static_cast<int>(*duration) : 60;
  s.session_cost = std::max(0LL, money(r, "session_cost").value_or(0));
  s.status = status;
  // Informational only: what the session consumed; package counters are never touched by the import.
  if (status == "completed") {
    s.sessions_used = 1;
    s.credits_used = s.session_cost;
  }
  s.notes = r["notes"].nonblank();
  s.completed_at = timestamp(r["completed_at"].str());
  return s;
}

store::Payment payment_fields(const Row& r, const std::string& now, Warnings& warnings) {
  store::Payment p;
  p.amount = money(r, "amount").value_or(0);
  auto raw_method = r["payment_method"].str();
  auto description = r["description"].str();
  p.payment_method = payment_method(raw_method);
  p.kind = payment_kind(description, raw_method);
  p.description = payment_description(description, raw_method);
  p.created_at = stamp(r["created_at"], now);
  p.payment_date = date(r["payment_date"].str()).value_or(p.created_at.substr(0, 10));
  p.vat_amount = money(r, "vat_amount");
  p.card_fee_amount = money(r, "card_fee_amount");
  p.net_amount = money(r, "net_amount");
  p.vat_rate_bp = bp(r, "vat_rate");
  p.card_fee_rate_bp = bp(r, "card_fee_rate");
  p.is_legacy = true;
  auto gross = money(r, "gross_amount");
  if (gross && *gross != p.amount)
    warnings.push_back("gross_amount " + std::to_string(*gross) + " differs from amount " + std::to_string(p.amount) +
                       "; amount kept");
  return p;
}

store::FeeAuditEntry fee_audit_fields(const Row& r, const std::string& now) {
  store::FeeAuditEntry f;
  f.calculation_type = fee_calculation_type(r["calculation_type"].str());
  f.gross_amount = money(r, "gross_amount").value_or(0);
  f.vat_amount = money(r, "vat_amount");
  f.card_fee_amount = money(r, "card_fee_amount");
  f.net_amount = money(r, "net_amount");
  f.vat_rate_bp = bp(r, "vat_rate");
  f.card_fee_rate_bp = bp(r, "card_fee_rate");
  auto details = r["calculation_details"].nonblank();
  auto parsed = details ? nlohmann::json::parse(*details, nullptr, false) : nlohmann::json::object();
  if (parsed.is_discarded()) parsed = {{"legacy_text", *details}};  // free text is kept, wrapped as JSON
  f.details = parsed.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  f.created_at = stamp(r["created_at"], now);
  return f;
}

}  // namespace the5hc::legacy
