#pragma once
// Organisations and trainer memberships (DOMAIN.md §1.1, §1.3).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sort.hpp"
#include "store/users.hpp"

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
  int client_count = 0;
  std::string organization_timezone;
  std::string organization_name;
  int organization_vat_rate_bp = 0, organization_card_fee_rate_bp = 0;
};

// Trainer lists: one organisation (nullopt = every organisation, for the platform superuser).
struct TrainerFilter {
  std::optional<std::int64_t> organization_id;
  std::optional<std::string> role;
  std::optional<bool> is_active;
  std::vector<std::string> search;  // every term matches name, email or specialties
};

std::optional<Organization> find_organization(soci::session& sql, std::int64_t id);
std::optional<Organization> find_organization_by_slug(soci::session& sql, const std::string& slug);
std::optional<Organization> find_organization_by_name(soci::session& sql, const std::string& name);
std::vector<Organization> list_organizations(soci::session& sql);
// Paged, by name; `only` restricts to one organisation (a member's view).
std::vector<Organization> list_organizations(soci::session& sql, std::optional<std::int64_t> only, int limit,
                                             int offset);
std::int64_t count_organizations(soci::session& sql, std::optional<std::int64_t> only);
void update_organization(soci::session& sql, const Organization& o, const std::string& now);
std::int64_t insert_organization(soci::session& sql, const Organization& o, const std::string& now);

std::optional<Trainer> find_trainer(soci::session& sql, std::int64_t id);
std::optional<Trainer> find_trainer_by_user(soci::session& sql, std::int64_t user_id);
// A user and their trainer membership in one query: what every authenticated request reads (service::load_actor).
struct Member {
  User user;
  std::optional<Trainer> membership;
};
std::optional<Member> find_member(soci::session& sql, std::int64_t user_id);
// The organisation's active trainers by name (id and name only): the trainer choices of client lists and forms.
struct TrainerName {
  std::int64_t id = 0;
  std::string name;
};
std::vector<TrainerName> list_active_trainer_names(soci::session& sql, std::int64_t organization_id);
std::vector<Trainer> list_trainers(soci::session& sql, std::int64_t organization_id);
enum class TrainerSort { name, created_at, role, years_of_experience };
// `sort` empty: by name.
std::vector<Trainer> list_trainers(soci::session& sql, const TrainerFilter& filter, const Sort<TrainerSort>& sort,
                                   int limit, int offset);
std::int64_t count_trainers(soci::session& sql, const TrainerFilter& filter);
// Whether a trainer of the organisation (active or not) has this e-mail, case-insensitively.
bool email_is_trainer(soci::session& sql, std::int64_t organization_id, const std::string& email);
// Users of the active owners and seniors: the recipients of notifications (DOMAIN.md §10.2).
std::vector<std::int64_t> active_owner_and_senior_users(soci::session& sql, std::int64_t organization_id);
// The figures of a trainer's API object (API.md §3.10). Dates are local 'YYYY-MM-DD': sessions (not cancelled) in
// [month_start, next_month_start), payments since `revenue_since` inclusive.
struct TrainerStats {
  std::int64_t active_packages = 0, sessions_this_month = 0, assessments_total = 0, revenue_30d = 0;
};
TrainerStats trainer_stats(soci::session& sql, std::int64_t trainer_id, const std::string& month_start,
                           const std::string& next_month_start, const std::string& revenue_since);
void update_trainer_profile(soci::session& sql, const Trainer& t, const std::string& now);
void set_trainer_active(soci::session& sql, std::int64_t trainer_id, bool active, const std::string& now);
int count_active_trainers(soci::session& sql, std::int64_t organization_id);
int count_active_owners(soci::session& sql, std::int64_t organization_id);
void set_trainer_role(soci::session& sql, std::int64_t trainer_id, const std::string& role, const std::string& now);
std::int64_t insert_trainer(soci::session& sql, std::int64_t user_id, std::int64_t organization_id,
                            const std::string& role, const std::string& now);

}  // namespace the5hc::store
