#pragma once
// Clients (DOMAIN.md §1.5): the only SQL touching the clients table, with the derived figures lists show
// (trainer name, assessments, latest score, active packages, activity dates — summary columns of the client's row
// that triggers keep current, migration 0010).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/sort.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

struct ClientFields {  // what a person writes
  std::int64_t trainer_id = 0;
  std::string name;
  int age = 0;
  std::string gender;
  double height = 0, weight = 0;
  std::optional<std::string> email, phone;
};

struct Client {
  std::int64_t id = 0, organization_id = 0;
  ClientFields fields;
  std::string created_at, updated_at;
  // derived
  std::string trainer_name;
  std::int64_t assessment_count = 0;
  std::optional<double> latest_overall_score;
  std::optional<std::string> latest_assessment_date;
  std::int64_t active_package_count = 0;
  std::optional<std::string> latest_activity_date;  // latest assessment or non-cancelled session date
  bool has_future_scheduled_session = false;
};

struct ClientFilter {
  std::optional<std::int64_t> organization_id;  // empty: every organisation (superuser)
  std::optional<std::int64_t> only_trainer_id;  // visibility of trainers and assistants
  std::vector<std::string> search;              // every word in name, e-mail or phone
  std::optional<std::string> gender;
  std::optional<std::int64_t> age_min, age_max, trainer_id;
  std::optional<std::pair<double, double>> bmi_range;  // [min, max) on the rounded BMI
  std::optional<bool> active;                          // DOMAIN.md §1.5
  std::optional<std::pair<double, double>> latest_score_range;  // [min, max], filled by the score band
  bool latest_score_none = false;
  std::optional<std::string> created_from, created_to;  // UTC timestamps, [from, to)
  std::string today;                                     // organisation's today, for activity
  std::string activity_cutoff;                           // today − 30 days
};

enum class ClientSort { name, age, created_at };
// `sort` empty: newest first.
std::vector<Client> list_clients(soci::session& sql, const ClientFilter& f, const Sort<ClientSort>& sort, int limit,
                                 int offset);
std::int64_t count_clients(soci::session& sql, const ClientFilter& f);
// One page of the list and how many clients the filter keeps. A search of ASCII words reads every client of the
// organisation (a substring of search_text has no index), so there the count rides on the same scan (COUNT(*) OVER
// ()) instead of a second one; a word with a non-ASCII character, whose few candidates migration 0012's index gives,
// reads the matches' ids in order (their number is the count) and then the page's rows; no search counts beside
// the page, from the counts migration 0011 keeps when the filter is only the scope (issue 11).
struct ClientPage {
  std::int64_t count = 0;
  std::vector<Client> rows;
};
ClientPage client_page(soci::session& sql, const ClientFilter& f, const Sort<ClientSort>& sort, int limit, int offset);
std::optional<Client> find_client(soci::session& sql, std::int64_t id, const std::string& today);
// The client's own row and trainer name, without the derived counts and dates (zero / empty): for permission checks
// and writes, which need only the fields.
std::optional<Client> find_client_record(soci::session& sql, std::int64_t id);

class RowBatches;
// The row's columns (organisation, fields, created_at, updated_at); the batched form is the legacy import's.
std::int64_t insert_client(soci::session& sql, const Client& c);
std::int64_t insert_client(RowBatches& batches, const Client& c);
void update_client(soci::session& sql, std::int64_t id, const ClientFields& c, const std::string& now);
void delete_client(soci::session& sql, std::int64_t id);

// Another client of the organisation with this e-mail (case-insensitive); `except` = the client being edited.
bool client_email_taken(soci::session& sql, std::int64_t organization_id, const std::string& email,
                        std::optional<std::int64_t> except);
// Another client of the organisation with exactly this name (the web form's duplicate-name warning).
bool client_name_exists(soci::session& sql, std::int64_t organization_id, const std::string& name,
                        std::optional<std::int64_t> except);
// Money records block deleting a client (DOMAIN.md §1.16).
bool client_has_money_records(soci::session& sql, std::int64_t client_id);

struct ClientStatistics {
  std::int64_t total_packages = 0, active_packages = 0;
  std::int64_t total_sessions = 0, completed_sessions = 0, scheduled_sessions = 0;
  std::int64_t total_paid = 0;
};
ClientStatistics client_statistics(soci::session& sql, std::int64_t client_id);

}  // namespace the5hc::store
