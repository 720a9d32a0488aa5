#include "store/organizations.hpp"

#include <algorithm>
#include <type_traits>

#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kOrgColumns =
    "SELECT id, name, slug, description, address, phone, email, timezone, business_hours, max_trainers, "
    "vat_rate_bp, card_fee_rate_bp, created_at, updated_at FROM organizations ";

Organization to_org(const Row& r) {
  Organization o;
  o.id = get_int(r, 0);
  o.name = get_text(r, 1);
  o.slug = get_text(r, 2);
  o.description = get_opt_text(r, 3);
  o.address = get_opt_text(r, 4);
  o.phone = get_opt_text(r, 5);
  o.email = get_opt_text(r, 6);
  o.timezone = get_text(r, 7);
  o.business_hours = get_text(r, 8);
  o.max_trainers = static_cast<int>(get_int(r, 9));
  o.vat_rate_bp = static_cast<int>(get_int(r, 10));
  o.card_fee_rate_bp = static_cast<int>(get_int(r, 11));
  o.created_at = get_text(r, 12);
  o.updated_at = get_text(r, 13);
  return o;
}

// The client count is kept on the trainer's row (migration 0011): the membership that every authenticated request
// reads (front/ → service::load_actor) gets it without counting.
#define THE5HC_TRAINER_COLUMNS                                                                                 \
  "t.id, t.user_id, t.organization_id, t.role, t.bio, t.certifications, t.specialties, t.years_of_experience, " \
  "t.session_price, t.is_active, t.deactivated_at, t.created_at, t.updated_at, u.username, u.name, u.email, "   \
  "t.client_count, o.timezone, o.name, o.vat_rate_bp, o.card_fee_rate_bp"
const char* kTrainerColumns = "SELECT " THE5HC_TRAINER_COLUMNS " FROM trainers t JOIN users u ON u.id = t.user_id "
                              "JOIN organizations o ON o.id = t.organization_id ";
// The user with the membership's columns after theirs (NULL without one).
const char* kMemberColumns = "SELECT " THE5HC_USER_COLUMNS ", " THE5HC_TRAINER_COLUMNS
                             " FROM users u LEFT JOIN trainers t ON t.user_id = u.id "
                             "LEFT JOIN organizations o ON o.id = t.organization_id ";
#undef THE5HC_TRAINER_COLUMNS

Trainer trainer_from_row(const Row& r, std::size_t first) {
  Trainer t;
  t.id = get_int(r, first + 0);
  t.user_id = get_int(r, first + 1);
  t.organization_id = get_int(r, first + 2);
  t.role = get_text(r, first + 3);
  t.bio = get_opt_text(r, first + 4);
  t.certifications = get_text(r, first + 5);
  t.specialties = get_text(r, first + 6);
  t.years_of_experience = static_cast<int>(get_int(r, first + 7));
  t.session_price = get_int(r, first + 8);
  t.is_active = get_bool(r, first + 9);
  t.deactivated_at = get_opt_text(r, first + 10);
  t.created_at = get_text(r, first + 11);
  t.updated_at = get_text(r, first + 12);
  t.username = get_text(r, first + 13);
  t.name = get_text(r, first + 14);
  t.email = get_text(r, first + 15);
  t.client_count = static_cast<int>(get_int(r, first + 16));
  t.organization_timezone = get_text(r, first + 17);
  t.organization_name = get_text(r, first + 18);
  t.organization_vat_rate_bp = static_cast<int>(get_int(r, first + 19));
  t.organization_card_fee_rate_bp = static_cast<int>(get_int(r, first + 20));
  return t;
}

Trainer to_trainer(const Row& r) { return trainer_from_row(r, 0); }

// The first row of `before <value> after` (through for_each_row: a cached statement on SQLite).
template <class T, class F, class V>
std::optional<T> one(soci::session& sql, const std::string& before, const V& value, F convert,
                     const std::string& after = "") {
  SqlParams p;
  std::string placeholder;
  if constexpr (std::is_integral_v<V>) placeholder = p.add(static_cast<std::int64_t>(value));
  else placeholder = p.add(value);
  std::string query = before + placeholder + after;
  std::optional<T> out;
  for_each_row(sql, query, p, [&](const Row& r) {
    if (!out) out = convert(r);
  });
  return out;
}

}  // namespace

std::optional<Organization> find_organization(soci::session& sql, std::int64_t id) {
  long long v = id;
  return one<Organization>(sql, std::string(kOrgColumns) + "WHERE id = ", v, to_org);
}

std::optional<Organization> find_organization_by_slug(soci::session& sql, const std::string& slug) {
  return one<Organization>(sql, std::string(kOrgColumns) + "WHERE slug = ", slug, to_org);
}

std::optional<Organization> find_organization_by_name(soci::session& sql, const std::string& name) {
  return one<Organization>(sql, std::string(kOrgColumns) + "WHERE name = ", name, to_org, " ORDER BY id");
}

std::vector<Organization> list_organizations(soci::session& sql) {
  std::vector<Organization> out;
  SqlParams none;
  for_each_row(sql, std::string(kOrgColumns) + "ORDER BY name, id", none, [&](const Row& r) { out.push_back(to_org(r)); });
  return out;
}

namespace {
std::string org_where(std::optional<std::int64_t> only, SqlParams& p) {
  return only ? "WHERE id = " + p.add(*only) + " " : "";
}
}  // namespace

std::vector<Organization> list_organizations(soci::session& sql, std::optional<std::int64_t> only, int limit,
                                             int offset) {
  std::vector<Organization> out;
  SqlParams p;
  std::string q = std::string(kOrgColumns) + org_where(only, p) + "ORDER BY name, id LIMIT " + p.add(limit) +
                  " OFFSET " + p.add(offset);
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_org(r)); });
  return out;
}

std::int64_t count_organizations(soci::session& sql, std::optional<std::int64_t> only) {
  SqlParams p;
  return fetch_int(sql, "SELECT COUNT(*) FROM organizations " + org_where(only, p), p);
}

void update_organization(soci::session& sql, const Organization& o, const std::string& now) {
  long long id = o.id;
  OptionalParam<std::string> description(o.description), address(o.address), phone(o.phone), email(o.email);
  sql << "UPDATE organizations SET name = :name, slug = :slug, description = :description, address = :address, "
         "phone = :phone, email = :email, timezone = :timezone, business_hours = :hours, max_trainers = :max, "
         "vat_rate_bp = :vat, card_fee_rate_bp = :card, updated_at = :now WHERE id = :id",
      soci::use(o.name), soci::use(o.slug), soci::use(description.value, description.ind),
      soci::use(address.value, address.ind), soci::use(phone.value, phone.ind), soci::use(email.value, email.ind),
      soci::use(o.timezone), soci::use(o.business_hours), soci::use(o.max_trainers), soci::use(o.vat_rate_bp),
      soci::use(o.card_fee_rate_bp), soci::use(now), soci::use(id);
}

std::int64_t insert_organization(soci::session& sql, const Organization& o, const std::string& now) {
  long long id = 0;
  OptionalParam<std::string> description(o.description), address(o.address), phone(o.phone), email(o.email);
  sql << "INSERT INTO organizations (name, slug, description, address, phone, email, timezone, business_hours, "
         "max_trainers, vat_rate_bp, card_fee_rate_bp, created_at, updated_at) VALUES (:name, :slug, :description, "
         ":address, :phone, :email, :timezone, :hours, :max, :vat, :card, :now1, :now2) RETURNING id",
      soci::use(o.name), soci::use(o.slug), soci::use(description.value, description.ind),
      soci::use(address.value, address.ind), soci::use(phone.value, phone.ind), soci::use(email.value, email.ind),
      soci::use(o.timezone), soci::use(o.business_hours), soci::use(o.max_trainers), soci::use(o.vat_rate_bp),
      soci::use(o.card_fee_rate_bp), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

std::optional<Trainer> find_trainer(soci::session& sql, std::int64_t id) {
  long long v = id;
  return one<Trainer>(sql, std::string(kTrainerColumns) + "WHERE t.id = ", v, to_trainer);
}

std::optional<Trainer> find_trainer_by_user(soci::session& sql, std::int64_t user_id) {
  long long v = user_id;
  return one<Trainer>(sql, std::string(kTrainerColumns) + "WHERE t.user_id = ", v, to_trainer);
}

std::optional<Member> find_member(soci::session& sql, std::int64_t user_id) {
  constexpr std::size_t kTrainerFirst = kUserColumnCount;  // after user_from_row's columns
  // Every authenticated request runs this. Its text (over a kilobyte) is built once: concatenating it per call cost
  // about as much as running it (issue 11).
  static const std::string query = std::string(kMemberColumns) + "WHERE u.id = :p1";
  SqlParams p;
  p.add(user_id);
  return first_row(sql, query, p, [](const Row& r) {
    Member m{user_from_row(r, 0), std::nullopt};
    if (!is_null(r, kTrainerFirst)) m.membership = trainer_from_row(r, kTrainerFirst);
    return m;
  });
}

std::vector<TrainerName> list_active_trainer_names(soci::session& sql, std::int64_t organization_id) {
  std::vector<TrainerName> out;
  SqlParams p;
  for_each_row(sql,
               "SELECT t.id, u.name FROM trainers t JOIN users u ON u.id = t.user_id WHERE t.organization_id = " +
                   p.add(organization_id) + " AND t.is_active = 1 ORDER BY u.name, t.id",
               p, [&](const Row& r) { out.push_back({get_int(r, 0), get_text(r, 1)}); });
  return out;
}

std::vector<Trainer> list_trainers(soci::session& sql, std::int64_t organization_id) {
  std::vector<Trainer> out;
  SqlParams p;
  for_each_row(sql, std::string(kTrainerColumns) + "WHERE t.organization_id = " + p.add(organization_id) +
                        " ORDER BY u.name, t.id",
               p, [&](const Row& r) { out.push_back(to_trainer(r)); });
  return out;
}

namespace {
std::string trainer_where(const TrainerFilter& f, SqlParams& p) {
  std::string w = "WHERE 1 = 1";
  if (f.organization_id) w += " AND t.organization_id = " + p.add(*f.organization_id);
  if (f.role) w += " AND t.role = " + p.add(*f.role);
  if (f.is_active) w += " AND t.is_active = " + p.add(*f.is_active ? 1 : 0);
  // each placeholder once: SOCI's PostgreSQL backend does not bind a repeated name
  for (const auto& term : f.search) {
    std::string like = like_pattern(term);
    w += " AND (lower(u.name) LIKE " + p.add(like) + " ESCAPE '\\' OR lower(u.email) LIKE " + p.add(like) +
         " ESCAPE '\\' OR lower(t.specialties) LIKE " + p.add(like) + " ESCAPE '\\')";
  }
  return w + " ";
}
std::string order_sql(const Sort<TrainerSort>& sort) {
  if (sort.empty()) return order_sql({{TrainerSort::name, false}});
  return order_by_sql(sort, [](TrainerSort key, bool descending) {
    switch (key) {
      case TrainerSort::created_at: return directed("t.created_at", descending);
      case TrainerSort::role: return directed("t.role", descending);
      case TrainerSort::years_of_experience: return directed("t.years_of_experience", descending);
      case TrainerSort::name: break;
    }
    return directed("u.name", descending);
  }, "t.id");
}

}  // namespace

std::vector<Trainer> list_trainers(soci::session& sql, const TrainerFilter& filter, const Sort<TrainerSort>& sort,
                                   int limit, int offset) {
  std::vector<Trainer> out;
  SqlParams p;
  std::string q = std::string(kTrainerColumns) + trainer_where(filter, p) + "ORDER BY " + order_sql(sort) + " LIMIT " +
                  p.add(limit) + " OFFSET " + p.add(offset);
  for_each_row(sql, q, p, [&](const Row& r) { out.push_back(to_trainer(r)); });
  return out;
}

std::int64_t count_trainers(soci::session& sql, const TrainerFilter& filter) {
  SqlParams p;
  return fetch_int(sql, "SELECT COUNT(*) FROM trainers t JOIN users u ON u.id = t.user_id " + trainer_where(filter, p),
                   p);
}

bool email_is_trainer(soci::session& sql, std::int64_t organization_id, const std::string& email) {
  SqlParams p;
  return fetch_int(sql, "SELECT COUNT(*) FROM trainers t JOIN users u ON u.id = t.user_id WHERE t.organization_id = " +
                            p.add(organization_id) + " AND lower(u.email) = lower(" + p.add(email) + ")",
                   p) > 0;
}

std::vector<std::int64_t> active_owner_and_senior_users(soci::session& sql, std::int64_t organization_id) {
  // Every write of an assessment or a payment asks (issue 11): the role is tested and the few ids sorted here, as
  // SQLite built a temporary B-tree for `role IN (…)` on the index and sorted the rows in a second one — 40k
  // instructions of the group-commit writer per request, against 7k for this.
  std::vector<std::int64_t> out;
  SqlParams p;
  for_each_row(sql,
               "SELECT t.user_id, t.role FROM trainers t JOIN users u ON u.id = t.user_id WHERE t.organization_id = " +
                   p.add(organization_id) + " AND t.is_active = 1 AND u.is_active = 1",
               p, [&](const Row& r) {
                 const auto role = r.text(1);
                 if (role == "owner" || role == "senior") out.push_back(get_int(r, 0));
               });
  std::sort(out.begin(), out.end());
  return out;
}

TrainerStats trainer_stats(soci::session& sql, std::int64_t trainer_id, const std::string& month_start,
                           const std::string& next_month_start, const std::string& revenue_since) {
  TrainerStats out;
  SqlParams p;
  std::string q =
      "SELECT (SELECT COUNT(*) FROM session_packages WHERE is_active = 1 AND trainer_id = " + p.add(trainer_id) +
      "), (SELECT COUNT(*) FROM sessions WHERE status <> 'cancelled' AND trainer_id = " + p.add(trainer_id) +
      " AND session_date >= " + p.add(month_start) + " AND session_date < " + p.add(next_month_start) +
      "), (SELECT COUNT(*) FROM assessments WHERE trainer_id = " + p.add(trainer_id) +
      "), (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE trainer_id = " + p.add(trainer_id) +
      " AND payment_date >= " + p.add(revenue_since) + ")";
  for_each_row(sql, q, p, [&](const Row& r) {
    out = {get_int(r, 0), get_int(r, 1), get_int(r, 2), get_int(r, 3)};
  });
  return out;
}

void update_trainer_profile(soci::session& sql, const Trainer& t, const std::string& now) {
  long long id = t.id, price = t.session_price;
  OptionalParam<std::string> bio(t.bio);
  sql << "UPDATE trainers SET bio = :bio, certifications = :certs, specialties = :specs, years_of_experience = :years, "
         "session_price = :price, updated_at = :now WHERE id = :id",
      soci::use(bio.value, bio.ind), soci::use(t.certifications), soci::use(t.specialties),
      soci::use(t.years_of_experience), soci::use(price), soci::use(now), soci::use(id);
}

void set_trainer_active(soci::session& sql, std::int64_t trainer_id, bool active, const std::string& now) {
  long long id = trainer_id;
  int flag = active ? 1 : 0;
  OptionalParam<std::string> deactivated(active ? std::nullopt : std::optional<std::string>(now));
  sql << "UPDATE trainers SET is_active = :active, deactivated_at = :at, updated_at = :now WHERE id = :id",
      soci::use(flag), soci::use(deactivated.value, deactivated.ind), soci::use(now), soci::use(id);
}

int count_active_trainers(soci::session& sql, std::int64_t organization_id) {
  long long v = organization_id, n = 0;
  sql << "SELECT COUNT(*) FROM trainers WHERE organization_id = :org AND is_active = 1", soci::use(v), soci::into(n);
  return static_cast<int>(n);
}

int count_active_owners(soci::session& sql, std::int64_t organization_id) {
  long long v = organization_id, n = 0;
  sql << "SELECT COUNT(*) FROM trainers WHERE organization_id = :org AND is_active = 1 AND role = 'owner'",
      soci::use(v), soci::into(n);
  return static_cast<int>(n);
}

void set_trainer_role(soci::session& sql, std::int64_t trainer_id, const std::string& role, const std::string& now) {
  long long id = trainer_id;
  sql << "UPDATE trainers SET role = :role, updated_at = :now WHERE id = :id", soci::use(role), soci::use(now),
      soci::use(id);
}

std::int64_t insert_trainer(soci::session& sql, std::int64_t user_id, std::int64_t organization_id,
                            const std::string& role, const std::string& now) {
  long long id = 0, u = user_id, o = organization_id;
  sql << "INSERT INTO trainers (user_id, organization_id, role, certifications, specialties, years_of_experience, "
         "session_price, is_active, created_at, updated_at) VALUES (:user, :org, :role, '[]', '[]', 0, 50000, 1, "
         ":now1, :now2) RETURNING id",
      soci::use(u), soci::use(o), soci::use(role), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

}  // namespace the5hc::store
