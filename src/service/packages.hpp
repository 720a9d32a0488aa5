#pragma once
// Session packages (DOMAIN.md §5.1, §5.2): purchase with its payment, top-up, details, lists.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "domain/money.hpp"
#include "store/packages.hpp"
#include "store/payments.hpp"
#include "store/sessions.hpp"
#include "service/context.hpp"
#include "service/views.hpp"

namespace soci {
class session;
}

namespace the5hc::service {

// The package inside the caller's transaction: 404 when absent or its client invisible, 403 for assistants.
store::Package visible_package(soci::session& sql, const Context& ctx, std::int64_t id);

struct NewPackage {
  std::int64_t client_id = 0;
  std::string package_name;
  domain::Krw total_amount = 0;
  int total_sessions = 0;
  std::optional<domain::Krw> session_price;
  domain::PaymentMethod method = domain::PaymentMethod::card;
  std::optional<std::string> payment_date, notes;
};

struct PackagePayment {
  store::Package package;
  store::Payment payment;
  std::string zone;  // the caller's, for the timestamps
};

// Package, its purchase payment, fee-audit row and audits in one transaction.
PackagePayment create_package(const Context& ctx, const NewPackage& input);

struct TopUpInput {
  domain::Krw amount = 0;
  domain::PaymentMethod method = domain::PaymentMethod::card;
  std::optional<int> sessions;
  std::optional<std::string> payment_date, description;
  FieldErrors input_errors;  // errors found reading the body: reported after the package is found (404 first)
};
// Locks the package, adds sessions and credits, records the top-up payment; refused on a deactivated package.
PackagePayment top_up_package(const Context& ctx, std::int64_t id, const TopUpInput& input);

struct PackageChanges {
  std::optional<std::string> package_name;
  std::optional<std::optional<std::string>> notes;  // set to null clears
  std::optional<bool> is_active;
  FieldErrors input_errors;  // errors found reading the body: reported after the package is found (404 first)
};
using PackageView = Shown<store::Package>;
PackageView update_package(const Context& ctx, std::int64_t id, const PackageChanges& changes);

PackageView get_package(const Context& ctx, std::int64_t id);

// GET /packages/: what the caller filters by; the use case adds who may see what.
struct PackageQuery {
  std::optional<std::int64_t> client_id;
  std::optional<bool> is_active;
  std::optional<std::string> status;  // active | exhausted | inactive
  std::vector<std::string> search;
  store::Sort<store::PackageSort> sort;  // empty: newest first
  int limit = -1, offset = 0;
};
using PackageList = Rows<store::Package>;
// The store's filter for the query within what the caller may list (assistants → 403).
store::PackageFilter package_filter(const Context& ctx, const PackageQuery& query);
// How many of `packages` the domain flags "재등록 상담 필요" (renewal due): the package list's card and the
// organisation dashboard count with this.
std::int64_t count_renewal_due(const std::vector<store::Package>& packages);
PackageList list_packages(const Context& ctx, const PackageQuery& query);
// A client's packages, newest first: invisible client → 404, assistants → 403 (API.md §3.1 nested array).
PackageList client_packages(const Context& ctx, std::int64_t client_id);
Rows<store::Session> package_sessions(const Context& ctx, std::int64_t id);
Rows<store::Payment> package_payments(const Context& ctx, std::int64_t id);

}  // namespace the5hc::service
