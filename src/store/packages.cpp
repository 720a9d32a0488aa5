#include "store/packages.hpp"

#include "store/batch_insert.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kSelect =
    "SELECT p.id, p.organization_id, p.client_id, p.trainer_id, p.package_name, p.total_amount, p.session_price, "
    "p.total_sessions, p.remaining_sessions, p.remaining_credits, p.gross_amount, p.vat_amount, p.card_fee_amount, "
    "p.net_amount, p.vat_rate_bp, p.card_fee_rate_bp, p.is_active, p.is_legacy, p.notes, p.created_at, "
    "p.updated_at, c.name, u.name, c.trainer_id, "
    "(SELECT count(*) FROM sessions s WHERE s.package_id = p.id AND s.status = 'scheduled') "
    "FROM session_packages p JOIN clients c ON c.id = p.client_id "
    "JOIN trainers t ON t.id = p.trainer_id JOIN users u ON u.id = t.user_id ";

std::optional<int> opt_int32(const Row& r, std::size_t i) {
  auto v = get_opt_int(r, i);
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

Package to_package(const Row& r) {
  Package p;
  p.id = get_int(r, 0);
  p.organization_id = get_int(r, 1);
  p.client_id = get_int(r, 2);
  p.trainer_id = get_int(r, 3);
  p.package_name = get_text(r, 4);
  auto& c = p.counters;
  c.total_amount = get_int(r, 5);
  c.session_price = get_int(r, 6);
  c.total_sessions = static_cast<int>(get_int(r, 7));
  c.remaining_sessions = static_cast<int>(get_int(r, 8));
  c.remaining_credits = get_int(r, 9);
  c.gross_amount = get_opt_int(r, 10);
  c.vat_amount = get_opt_int(r, 11);
  c.card_fee_amount = get_opt_int(r, 12);
  c.net_amount = get_opt_int(r, 13);
  p.vat_rate_bp = opt_int32(r, 14);
  p.card_fee_rate_bp = opt_int32(r, 15);
  c.is_active = get_bool(r, 16);
  p.is_legacy = get_bool(r, 17);
  p.notes = get_opt_text(r, 18);
  p.created_at = get_text(r, 19);
  p.updated_at = get_text(r, 20);
  p.client_name = get_text(r, 21);
  p.trainer_name = get_text(r, 22);
  p.client_trainer_id = get_int(r, 23);
  p.scheduled_count = static_cast<int>(get_int(r, 24));
  return p;
}

std::string where_sql(const PackageFilter& f, SqlParams& p) {
  std::string w = scope_sql(f.scope, p, "p.organization_id");
  if (f.client_id) w += " AND p.client_id = " + p.add(*f.client_id);
  if (f.is_active) w += std::string(" AND p.is_active = ") + (*f.is_active ? "1" : "0");
  if (f.status) {
    switch (*f.status) {
      case domain::PackageStatus::active: w += " AND p.is_active = 1 AND p.remaining_sessions > 0"; break;
      case domain::PackageStatus::exhausted: w += " AND p.is_active = 1 AND p.remaining_sessions = 0"; break;
      case domain::PackageStatus::inactive: w += " AND p.is_active = 0"; break;
    }
  }
  for (const auto& term : f.search) {
    auto like = p.add(like_pattern(term));
    w += " AND (lower(c.name) LIKE " + like + " ESCAPE '\\' OR lower(p.package_name) LIKE " + like + " ESCAPE '\\')";
  }
  return w;
}

}  // namespace

std::optional<Package> find_package(soci::session& sql, std::int64_t id) {
  SqlParams p;
  return first_row(sql, std::string(kSelect) + "WHERE p.id = " + p.add(id), p, to_package);
}

bool lock_package(soci::session& sql, std::int64_t id, const char* for_update) {
  long long v = id, found = 0;
  soci::indicator ind = soci::i_null;
  sql << std::string("SELECT id FROM session_packages WHERE id = :id") + for_update, soci::use(v),
      soci::into(found, ind);
  return sql.got_data();
}

namespace {

std::string order_sql(const Sort<PackageSort>& sort) {
  if (sort.empty()) return order_sql({{PackageSort::created_at, true}});
  return order_by_sql(sort, [](PackageSort key, bool descending) {
    switch (key) {
      case PackageSort::remaining_sessions: return directed("p.remaining_sessions", descending);
      case PackageSort::total_amount: return directed("p.total_amount", descending);
      case PackageSort::created_at: break;
    }
    return directed("p.created_at", descending);
  }, "p.id");
}

}  // namespace

std::vector<Package> list_packages(soci::session& sql, const PackageFilter& f) {
  SqlParams p;
  std::string q = std::string(kSelect) + "WHERE " + where_sql(f, p) + " ORDER BY " + order_sql(f.sort);
  if (f.limit >= 0) q += " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
  std::vector<Package> out;
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_package(r)); });
  return out;
}

std::int64_t count_packages(soci::session& sql, const PackageFilter& f) {
  SqlParams p;
  return fetch_int(sql,
                   "SELECT count(*) FROM session_packages p JOIN clients c ON c.id = p.client_id WHERE " +
                       where_sql(f, p),
                   p);
}

namespace {
Columns package_columns(const Package& p) {
  const auto& c = p.counters;
  return {{"organization_id", val(p.organization_id)},
          {"client_id", val(p.client_id)},
          {"trainer_id", val(p.trainer_id)},
          {"package_name", val(p.package_name)},
          {"total_amount", val(c.total_amount)},
          {"session_price", val(c.session_price)},
          {"total_sessions", val(c.total_sessions)},
          {"remaining_sessions", val(c.remaining_sessions)},
          {"remaining_credits", val(c.remaining_credits)},
          {"gross_amount", val(c.gross_amount)},
          {"vat_amount", val(c.vat_amount)},
          {"card_fee_amount", val(c.card_fee_amount)},
          {"net_amount", val(c.net_amount)},
          {"vat_rate_bp", val(p.vat_rate_bp)},
          {"card_fee_rate_bp", val(p.card_fee_rate_bp)},
          {"is_active", val(c.is_active)},
          {"is_legacy", val(p.is_legacy)},
          {"notes", val(p.notes)},
          {"created_at", val(p.created_at)},
          {"updated_at", val(p.updated_at)}};
}
}  // namespace

std::int64_t insert_package(soci::session& sql, const Package& p) {
  return insert_row(sql, "session_packages", package_columns(p));
}
std::int64_t insert_package(RowBatches& batches, const Package& p) {
  return batches.add("session_packages", package_columns(p));
}

void save_package_counters(soci::session& sql, const Package& p, const std::string& now) {
  const auto& c = p.counters;
  long long id = p.id, total = c.total_amount, credits = c.remaining_credits;
  int sessions = c.total_sessions, remaining = c.remaining_sessions;
  OptionalParam<long long> gross(c.gross_amount), vat(c.vat_amount), fee(c.card_fee_amount), net(c.net_amount);
  OptionalParam<int> vat_bp(p.vat_rate_bp), fee_bp(p.card_fee_rate_bp);
  sql << "UPDATE session_packages SET total_amount = :total, total_sessions = :sessions, remaining_sessions = "
         ":remaining, remaining_credits = :credits, gross_amount = :gross, vat_amount = :vat, card_fee_amount = "
         ":fee, net_amount = :net, vat_rate_bp = :vat_bp, card_fee_rate_bp = :fee_bp, updated_at = :now "
         "WHERE id = :id",
      soci::use(total), soci::use(sessions), soci::use(remaining), soci::use(credits),
      soci::use(gross.value, gross.ind), soci::use(vat.value, vat.ind), soci::use(fee.value, fee.ind),
      soci::use(net.value, net.ind), soci::use(vat_bp.value, vat_bp.ind), soci::use(fee_bp.value, fee_bp.ind),
      soci::use(now), soci::use(id);
}

void save_package_details(soci::session& sql, const Package& p, const std::string& now) {
  long long id = p.id;
  int active = p.counters.is_active ? 1 : 0;
  OptionalParam<std::string> notes(p.notes);
  sql << "UPDATE session_packages SET package_name = :name, notes = :notes, is_active = :active, updated_at = :now "
         "WHERE id = :id",
      soci::use(p.package_name), soci::use(notes.value, notes.ind), soci::use(active), soci::use(now),
      soci::use(id);
}

}  // namespace the5hc::store
