#pragma once
// Package and session bookkeeping (DOMAIN.md §5) as pure functions over a package's counters. The store layer
// locks the package row, reads the counters, calls these and writes what they return, all in one transaction.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

#include "domain/label.hpp"
#include "domain/money.hpp"

namespace the5hc::domain {

enum class SessionStatus { scheduled, completed, cancelled, no_show };
enum class PackageStatus { active, exhausted, inactive };
enum class SessionOutcome { complete, no_show, cancel, late_cancel };
enum class PaymentKind { package_purchase, top_up, other };

// scheduled 예약됨 / completed 완료됨 / cancelled 취소됨 / no_show 노쇼
const Label& session_status_label(SessionStatus s);
std::optional<SessionStatus> parse_session_status(std::string_view code);
// active 활성 / exhausted 소진 / inactive 비활성
const Label& package_status_label(PackageStatus s);
std::optional<PackageStatus> parse_package_status(std::string_view code);
// package_purchase 패키지 구매 / top_up 크레딧 충전 / other 기타 결제
const Label& payment_kind_label(PaymentKind k);
std::optional<PaymentKind> parse_payment_kind(std::string_view code);

struct PackageCounters {
  Krw total_amount = 0;  // gross, purchase + top-ups
  Krw session_price = 0;
  int total_sessions = 0;
  int remaining_sessions = 0;
  Krw remaining_credits = 0;
  // cumulative breakdown; NULL only on imported pre-fee packages
  std::optional<Krw> gross_amount, vat_amount, card_fee_amount, net_amount;
  bool is_active = true;
};

// active (is_active and sessions left) / exhausted (no sessions left) / inactive
PackageStatus package_status(const PackageCounters& p);
// remaining_sessions − scheduled sessions
int available_sessions(const PackageCounters& p, int scheduled_count);

// 소진률 (issue 14 §6): used / total sessions. A package still running (status active) with 80 % or more used is
// flagged "재등록 상담 필요" — time to talk about renewal before it runs out; exhausted and deactivated packages are
// past that point and show their status instead.
inline constexpr int renewal_threshold_percent = 80;
struct Utilisation {
  int used_sessions = 0, total_sessions = 0;
  double percent = 0;  // 0–100; 0 for a package without sessions
  bool renewal_due = false;
};
Utilisation utilisation(const PackageCounters& p);

struct PackagePurchase {
  PackageCounters package;
  FeeBreakdown payment;  // of the `package_purchase` payment and its fee-audit row
};
// total_amount ≥ 1, total_sessions ≥ 1, session_price 1 … total_amount (default round0(total / sessions)).
// Credits start at the net amount. Throws Error (validation) with the field at fault.
PackagePurchase create_package(Krw total_amount, int total_sessions, std::optional<Krw> session_price,
                               PaymentMethod method, int vat_rate_bp = default_vat_rate_bp,
                               int card_fee_rate_bp = default_card_fee_rate_bp);

struct TopUp {
  PackageCounters package;
  FeeBreakdown payment;  // of the `top_up` payment
  int sessions_added = 0;
};
// Allowed on any package not deactivated (an exhausted one is the normal case); sessions default to
// amount div session_price. Throws Error (validation: non_field_errors on an inactive package, the field for bad values).
TopUp top_up(const PackageCounters& p, Krw amount, std::optional<int> sessions, PaymentMethod method,
             int vat_rate_bp = default_vat_rate_bp, int card_fee_rate_bp = default_card_fee_rate_bp);

// The booking checks of DOMAIN.md §5.3 in order; throws Error (validation) with the first that fails
// (package rules as non_field_errors, API.md §3.5).
void check_booking(const PackageCounters& p, int scheduled_count, std::chrono::sys_days session_date,
                   std::chrono::sys_days today);

// Session fields of a booking: duration 15–480 minutes, time "HH:MM" (optional).
FieldErrors validate_session_fields(int duration_minutes, const std::optional<std::string>& session_time);
// Payment amount ≥ 1 and payment date not in the future.
FieldErrors validate_payment_fields(Krw amount, std::chrono::sys_days payment_date, std::chrono::sys_days today);

// round0(remaining_credits / remaining_sessions); the last session takes the rest. Needs remaining_sessions ≥ 1.
Krw credit_share(const PackageCounters& p);

struct SessionChange {
  SessionStatus status = SessionStatus::scheduled;
  int sessions_used = 0;
  Krw credits_used = 0;
  PackageCounters package;  // after the change
};
// complete / no-show / late cancellation consume one session and its credit share; a plain cancel consumes
// nothing. Only from `scheduled` (Error conflict); consuming on a package without sessions left is a conflict too.
SessionChange apply_session_outcome(const PackageCounters& p, SessionStatus current, SessionOutcome outcome);

}  // namespace the5hc::domain
