#pragma once
// Organisations and trainer memberships (DOMAIN.md §1.1, §1.3).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace the5hc::store {

struct Organization {
  std::int64_t id = 0;
  std::string name, slug;
  std::optional<std::string> description, address, phone, email;
  std::string timezone = "Asia/Seoul";
  std::string business_hours = "{}";
  int max_trainers = 5;
  int vat_rate_bp = 1000;
  int card_fee_rate_bp = 350;
  std::string created_at, updated_at;
};

struct Trainer {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::int64_t organization_id = 0;
  std::string role = "trainer";
  std::optional<std::string> bio;
  std::string certifications = "[]", specialties = "[]";  // JSON lists
  int years_of_experience = 0;
  std::int64_t session_price = 50000;
  bool is_active = true;
  std::optional<std::string> deactivated_at;
  std::string created_at, updated_at;
  // joined from users
  std::string username, name, email;
};

std::optional<Organization> find_organization(soci::session& sql, std::int64_t id);
std::optional<Organization> find_organization_by_slug(soci::session& sql, const std::string& slug);
std::optional<Organization> find_organization_by_name(soci::session& sql, const std::string& name);
std::vector<Organization> list_organizations(soci::session& sql);
std::int64_t insert_organization(soci::session& sql, const Organization& o, const std::string& now);

std::optional<Trainer> find_trainer(soci::session& sql, std::int64_t id);
std::optional<Trainer> find_trainer_by_user(soci::session& sql, std::int64_t user_id);
std::vector<Trainer> list_trainers(soci::session& sql, std::int64_t organization_id);
int count_active_trainers(soci::session& sql, std::int64_t organization_id);
int count_active_owners(soci::session& sql, std::int64_t organization_id);
void set_trainer_role(soci::session& sql, std::int64_t trainer_id, const std::string& role, const std::string& now);
std::int64_t insert_trainer(soci::session& sql, std::int64_t user_id, std::int64_t organization_id,
                            const std::string& role, const std::string& now);

}  // namespace the5hc::store
