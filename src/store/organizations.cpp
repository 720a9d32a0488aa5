#include "store/organizations.hpp"

#include "store/row.hpp"

namespace the5hc::store {
namespace {

const char* kOrgColumns =
    "SELECT id, name, slug, description, address, phone, email, timezone, business_hours, max_trainers, "
    "vat_rate_bp, card_fee_rate_bp, created_at, updated_at FROM organizations ";

Organization to_org(const soci::row& r) {
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

const char* kTrainerColumns =
    "SELECT t.id, t.user_id, t.organization_id, t.role, t.bio, t.certifications, t.specialties, "
    "t.years_of_experience, t.session_price, t.is_active, t.deactivated_at, t.created_at, t.updated_at, "
    "u.username, u.name, u.email FROM trainers t JOIN users u ON u.id = t.user_id ";

Trainer to_trainer(const soci::row& r) {
  Trainer t;
  t.id = get_int(r, 0);
  t.user_id = get_int(r, 1);
  t.organization_id = get_int(r, 2);
  t.role = get_text(r, 3);
  t.bio = get_opt_text(r, 4);
  t.certifications = get_text(r, 5);
  t.specialties = get_text(r, 6);
  t.years_of_experience = static_cast<int>(get_int(r, 7));
  t.session_price = get_int(r, 8);
  t.is_active = get_bool(r, 9);
  t.deactivated_at = get_opt_text(r, 10);
  t.created_at = get_text(r, 11);
  t.updated_at = get_text(r, 12);
  t.username = get_text(r, 13);
  t.name = get_text(r, 14);
  t.email = get_text(r, 15);
  return t;
}

template <class T, class F, class V>
std::optional<T> one(soci::session& sql, const std::string& query, const V& value, F convert) {
  soci::row r;
  sql << query, soci::use(value), soci::into(r);
  if (!sql.got_data()) return std::nullopt;
  return convert(r);
}

}  // namespace

std::optional<Organization> find_organization(soci::session& sql, std::int64_t id) {
  long long v = id;
  return one<Organization>(sql, std::string(kOrgColumns) + "WHERE id = :id", v, to_org);
}

std::optional<Organization> find_organization_by_slug(soci::session& sql, const std::string& slug) {
  return one<Organization>(sql, std::string(kOrgColumns) + "WHERE slug = :slug", slug, to_org);
}

std::optional<Organization> find_organization_by_name(soci::session& sql, const std::string& name) {
  return one<Organization>(sql, std::string(kOrgColumns) + "WHERE name = :name ORDER BY id", name, to_org);
}

std::vector<Organization> list_organizations(soci::session& sql) {
  std::vector<Organization> out;
  soci::rowset<soci::row> rows = sql.prepare << std::string(kOrgColumns) + "ORDER BY name, id";
  for (const auto& r : rows) out.push_back(to_org(r));
  return out;
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
  return one<Trainer>(sql, std::string(kTrainerColumns) + "WHERE t.id = :id", v, to_trainer);
}

std::optional<Trainer> find_trainer_by_user(soci::session& sql, std::int64_t user_id) {
  long long v = user_id;
  return one<Trainer>(sql, std::string(kTrainerColumns) + "WHERE t.user_id = :id", v, to_trainer);
}

std::vector<Trainer> list_trainers(soci::session& sql, std::int64_t organization_id) {
  std::vector<Trainer> out;
  long long v = organization_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kTrainerColumns) + "WHERE t.organization_id = :org ORDER BY u.name, t.id",
       soci::use(v));
  for (const auto& r : rows) out.push_back(to_trainer(r));
  return out;
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
