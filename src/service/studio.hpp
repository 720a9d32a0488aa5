#pragma once
// What the studio pages show (WEB.md §4.5, issue 14): each page or fragment of packages, sessions, the calendar
// and payments reads everything it renders in one call here, built on the bookkeeping use cases' rules
// (records_scope, authorize_record) and the aggregates' stores. Writes stay in packages/sessions/payments.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/money.hpp"
#include "service/clients.hpp"
#include "service/context.hpp"
#include "service/packages.hpp"
#include "service/payments.hpp"
#include "service/sessions.hpp"
#include "service/views.hpp"

namespace the5hc::service {

struct ClientChoice {
  std::int64_t id = 0;
  std::string name;
};

// Package list page: the filtered page and the stat cards over every package the caller may list.
struct PackageBoard {
  PackageList list;
  std::int64_t total_packages = 0, active_packages = 0;
  domain::Krw sales_total = 0, average_amount = 0;  // Σ gross (purchase + top-ups), its mean per package
  std::int64_t renewal_due = 0;                       // as packages_due_for_renewal counts them
};
PackageBoard package_board(const Context& ctx, const PackageQuery& query);

// Package detail page: the package, its sessions (latest first) and payments (latest first).
struct PackageOverview {
  PackageView package;
  std::vector<store::Session> sessions;
  std::vector<store::Payment> payments;
};
PackageOverview package_overview(const Context& ctx, std::int64_t id);

// How many running packages the caller may list are flagged "재등록 상담 필요" (domain::utilisation) — the
// organisation dashboard's card.
std::int64_t packages_due_for_renewal(const Context& ctx);

// The forms of the studio pages (new package, booking, payment): the clients the caller may sell to, and when a
// client is chosen its packages (newest first) — all of them for a payment, the bookable ones (active, a session
// available) for a booking. `today` is the organisation's (date limits). Assistants → 403.
struct StudioForm {
  std::vector<ClientChoice> clients;
  std::optional<std::int64_t> client_id;
  std::vector<store::Package> packages;
  std::string today;
};
StudioForm studio_form(const Context& ctx, std::optional<std::int64_t> client_id, bool bookable_only);

// Session list page: the filtered page and the stat cards over every session the caller may list (전체, 완료,
// this week Monday–Sunday, scheduled). `period` today | week | month replaces the query's dates with that period
// in the organisation's zone (WEB.md §4.5 기간 presets); anything else keeps them.
struct SessionBoard {
  SessionList list;
  std::int64_t total = 0, completed = 0, this_week = 0, scheduled = 0;
};
SessionBoard session_board(const Context& ctx, SessionQuery query, const std::string& period);

// Calendar page: the trainers to filter by (owner, senior; empty for the others) and the organisation's zone and today.
struct CalendarPage {
  std::vector<TrainerChoice> trainers;
  std::string zone, today;
};
CalendarPage calendar_page(const Context& ctx);

// Payments page: the filtered page, the totals over the same filter, and the clients to filter by.
struct PaymentBoard {
  Rows<store::Payment> list;
  store::PaymentTotals totals;
  std::vector<ClientChoice> clients;
};
PaymentBoard payment_board(const Context& ctx, const PaymentQuery& query);

}  // namespace the5hc::service
