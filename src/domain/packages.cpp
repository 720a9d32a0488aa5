#include "domain/packages.hpp"

#include <algorithm>
#include <array>

#include "common/error.hpp"
#include "domain/rounding.hpp"

namespace the5hc::domain {

namespace {

constexpr std::array<Label, 4> session_status_labels{{{"scheduled", "예약됨", "Scheduled"},
                                                      {"completed", "완료됨", "Completed"},
                                                      {"cancelled", "취소됨", "Cancelled"},
                                                      {"no_show", "노쇼", "No-show"}}};
constexpr std::array<Label, 3> package_status_labels{
    {{"active", "활성", "Active"}, {"exhausted", "소진", "Exhausted"}, {"inactive", "비활성", "Inactive"}}};
constexpr std::array<Label, 3> payment_kind_labels{{{"package_purchase", "패키지 구매", "Package purchase"},
                                                    {"top_up", "크레딧 충전", "Top-up"},
                                                    {"other", "기타 결제", "Other payment"}}};

Krw signed_round_div(Krw a, Krw b) { return a >= 0 ? round_div(a, b) : -round_div(-a, b); }

void add(std::optional<Krw>& total, Krw amount) {
  // a pre-fee imported package has no breakdown to add to
  if (total) *total += amount;
}

}  // namespace

const Label& session_status_label(SessionStatus s) { return label_of(session_status_labels, s); }
std::optional<SessionStatus> parse_session_status(std::string_view code) {
  return parse_code<SessionStatus>(session_status_labels, code);
}
const Label& package_status_label(PackageStatus s) { return label_of(package_status_labels, s); }
std::optional<PackageStatus> parse_package_status(std::string_view code) {
  return parse_code<PackageStatus>(package_status_labels, code);
}
const Label& payment_kind_label(PaymentKind k) { return label_of(payment_kind_labels, k); }
std::optional<PaymentKind> parse_payment_kind(std::string_view code) {
  return parse_code<PaymentKind>(payment_kind_labels, code);
}

PackageStatus package_status(const PackageCounters& p) {
  if (!p.is_active) return PackageStatus::inactive;
  return p.remaining_sessions > 0 ? PackageStatus::active : PackageStatus::exhausted;
}

int available_sessions(const PackageCounters& p, int scheduled_count) { return p.remaining_sessions - scheduled_count; }

Utilisation utilisation(const PackageCounters& p) {
  Utilisation u;
  u.total_sessions = p.total_sessions;
  u.used_sessions = std::max(0, p.total_sessions - p.remaining_sessions);
  if (u.total_sessions <= 0) return u;
  u.percent = 100.0 * u.used_sessions / u.total_sessions;
  // integer comparison: 8 of 10 is exactly 80 %, whatever the floating point says
  u.renewal_due = package_status(p) == PackageStatus::active &&
                  std::int64_t{u.used_sessions} * 100 >= std::int64_t{renewal_threshold_percent} * u.total_sessions;
  return u;
}

PackagePurchase create_package(Krw total_amount, int total_sessions, std::optional<Krw> session_price,
                               PaymentMethod method, int vat_rate_bp, int card_fee_rate_bp) {
  FieldErrors errors;
  if (total_amount < 1 || total_amount > max_amount)
    // 금액은 1 이상 1000000000000 이하여야 합니다.
    errors["total_amount"].push_back("Amount must be between 1 and 1000000000000.");
  if (total_sessions < 1)
    errors["total_sessions"].push_back("Ensure this value is greater than or equal to 1.");  // 1 이상이어야 합니다.
  if (errors.empty() && session_price && (*session_price < 1 || *session_price > total_amount))
    errors["session_price"].push_back(
        "Session price must be between 1 and the total amount.");  // 세션 단가는 1 이상 총 금액 이하여야 합니다.
  if (!errors.empty()) throw Error::validation(std::move(errors));

  PackagePurchase r;
  r.payment = fee_breakdown(total_amount, method, vat_rate_bp, card_fee_rate_bp);
  auto& p = r.package;
  p.total_amount = total_amount;
  p.total_sessions = p.remaining_sessions = total_sessions;
  p.session_price = session_price ? *session_price : round_div(total_amount, total_sessions);
  p.remaining_credits = r.payment.net;
  p.gross_amount = r.payment.gross;
  p.vat_amount = r.payment.vat;
  p.card_fee_amount = r.payment.card_fee;
  p.net_amount = r.payment.net;
  return r;
}

TopUp top_up(const PackageCounters& p, Krw amount, std::optional<int> sessions, PaymentMethod method,
             int vat_rate_bp, int card_fee_rate_bp) {
  if (!p.is_active)
    throw Error::field("non_field_errors", "An inactive package cannot be topped up.");  // 비활성 패키지는 충전할 수 없습니다.
  if (sessions && *sessions < 0)
    throw Error::field("sessions", "Ensure this value is greater than or equal to 0.");  // 0 이상이어야 합니다.
  TopUp r;
  try {
    r.payment = fee_breakdown(amount, method, vat_rate_bp, card_fee_rate_bp);
  } catch (const Error& e) {
    if (e.fields().count("gross")) throw Error::field("amount", e.fields().at("gross").front());
    throw;
  }
  r.sessions_added = sessions ? *sessions : static_cast<int>(p.session_price > 0 ? amount / p.session_price : 0);
  r.package = p;
  r.package.total_amount += amount;
  r.package.total_sessions += r.sessions_added;
  r.package.remaining_sessions += r.sessions_added;
  r.package.remaining_credits += r.payment.net;
  add(r.package.gross_amount, r.payment.gross);
  add(r.package.vat_amount, r.payment.vat);
  add(r.package.card_fee_amount, r.payment.card_fee);
  add(r.package.net_amount, r.payment.net);
  return r;
}

void check_booking(const PackageCounters& p, int scheduled_count, std::chrono::sys_days session_date,
                   std::chrono::sys_days today) {
  if (!p.is_active)
    throw Error::field("non_field_errors", "Sessions cannot be booked on an inactive package.");  // 비활성 패키지에는 세션을 예약할 수 없습니다.
  if (available_sessions(p, scheduled_count) < 1)
    throw Error::field("non_field_errors", "The selected package has no sessions left.");  // 선택한 패키지에 남은 세션이 없습니다.
  if (p.remaining_credits < 0)
    throw Error::field("non_field_errors", "The package does not have enough credits.");  // 패키지 크레딧이 부족합니다.
  if (session_date < today)
    throw Error::field("session_date", "The session date cannot be in the past.");  // 세션 날짜는 과거일 수 없습니다.
}

FieldErrors validate_session_fields(int duration_minutes, const std::optional<std::string>& session_time) {
  FieldErrors e;
  if (duration_minutes < 15 || duration_minutes > 480)
    e["session_duration"].push_back(
        "Session duration must be between 15 and 480 minutes.");  // 세션 시간은 15분 이상 480분 이하여야 합니다.
  if (session_time) {
    const auto& t = *session_time;
    auto digit = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
    bool ok = t.size() == 5 && digit(0) && digit(1) && t[2] == ':' && digit(3) && digit(4) &&
              (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
    if (!ok)
      e["session_time"].push_back(
          "Time has wrong format. Use one of these formats instead: hh:mm.");  // 시간 형식이 잘못되었습니다. hh:mm 형식을 사용하세요.
  }
  return e;
}

FieldErrors validate_payment_fields(Krw amount, std::chrono::sys_days payment_date, std::chrono::sys_days today) {
  FieldErrors e;
  if (amount < 1 || amount > max_amount)
    e["amount"].push_back("Amount must be between 1 and 1000000000000.");  // 금액은 1 이상 1000000000000 이하여야 합니다.
  if (payment_date > today)
    e["payment_date"].push_back("The payment date cannot be in the future.");  // 결제일은 미래일 수 없습니다.
  return e;
}

Krw credit_share(const PackageCounters& p) {
  if (p.remaining_sessions <= 1) return p.remaining_credits;
  return signed_round_div(p.remaining_credits, p.remaining_sessions);
}

SessionChange apply_session_outcome(const PackageCounters& p, SessionStatus current, SessionOutcome outcome) {
  if (current != SessionStatus::scheduled)
    throw Error(ErrorCode::conflict, "Only scheduled sessions can be processed.");  // 예약된 세션만 처리할 수 있습니다.
  SessionChange r;
  r.package = p;
  switch (outcome) {
    case SessionOutcome::complete: r.status = SessionStatus::completed; break;
    case SessionOutcome::no_show: r.status = SessionStatus::no_show; break;
    case SessionOutcome::cancel:
    case SessionOutcome::late_cancel: r.status = SessionStatus::cancelled; break;
  }
  if (outcome == SessionOutcome::cancel) return r;
  if (p.remaining_sessions <= 0)
    throw Error(ErrorCode::conflict,
                "The package has no sessions left to consume.");  // 패키지에 남은 세션이 없어 처리할 수 없습니다.
  r.sessions_used = 1;
  r.credits_used = credit_share(p);
  r.package.remaining_sessions -= 1;
  r.package.remaining_credits -= r.credits_used;
  return r;
}

}  // namespace the5hc::domain
