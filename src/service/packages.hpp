#pragma once
// Session packages (DOMAIN.md §5.1, §5.2): purchase with its payment, top-up, details, lists.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/money.hpp"
#include "store/packages.hpp"
#include "store/payments.hpp"
#include "store/sessions.hpp"
#include "service/context.hpp"

namespace the5hc::service {

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
};

// Package, its purchase payment, fee-audit row and audits in one transaction.
PackagePayment create_package(const Context& ctx, const NewPackage& input);

struct TopUpInput {
  domain::Krw amount = 0;
  domain::PaymentMethod method = domain::PaymentMethod::card;
  std::optional<int> sessions;
  std::optional<std::string> payment_date, description;
};
// Locks the package, adds sessions and credits, records the top-up payment; refused on a deactivated package.
PackagePayment top_up_package(const Context& ctx, std::int64_t id, const TopUpInput& input);

struct PackageChanges {
  std::optional<std::string> package_name;
  std::optional<std::optional<std::string>> notes;  // set to null clears
  std::optional<bool> is_active;
};
store::Package update_package(const Context& ctx, std::int64_t id, const PackageChanges& changes);

store::Package get_package(const Context& ctx, std::int64_t id);
std::pair<std::vector<store::Package>, std::int64_t> list_packages(const Context& ctx, store::PackageFilter filter);
std::vector<store::Session> package_sessions(const Context& ctx, std::int64_t id);
std::vector<store::Payment> package_payments(const Context& ctx, std::int64_t id);

}  // namespace the5hc::service
