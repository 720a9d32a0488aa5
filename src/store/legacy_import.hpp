#pragma once
// All SQL of `the5hc import-legacy` (LEGACY.md §7): the rows it writes in the new model, the idempotency keys in
// legacy_import_rows, and the existing organisations/users it reads. Inserts are prepared once per import and
// re-executed per row (100,000 assessments in seconds). soci stays out of this header.
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace the5hc::store {

template <class T>
using Opt = std::optional<T>;

struct OrganizationRow {
  long long id = 0;
  std::string name, slug;
  int max_trainers = 5;
};

struct ExistingUser {
  long long id = 0;
  std::string username, email;
  Opt<long long> organization_id;  // its membership, if any
};

struct Membership {
  long long id = 0;
  long long organization_id = 0;
  std::string role;
  bool active = true;
};

struct NewUser {
  std::string username, email, name, password_hash;
  long long failed_login_attempts = 0;
  Opt<std::string> locked_until, last_login;
  std::string date_joined, updated_at;
};

struct NewClient {
  long long organization_id = 0, trainer_id = 0;
  std::string name;
  long long age = 0;
  std::string gender;
  double height = 0, weight = 0;
  Opt<std::string> email, phone;
  std::string created_at, updated_at;
};

// Per-test inputs, scores and legacy results (DOMAIN.md §1.6); everything not here keeps its column default.
struct NewAssessment {
  long long organization_id = 0, client_id = 0, trainer_id = 0;
  std::string date;
  long long client_age = 0;
  double client_weight = 0;
  int overhead_squat_performed = 0;
  Opt<std::string> overhead_squat_notes;
  Opt<long long> overhead_squat_score;
  Opt<long long> push_up_reps;
  Opt<std::string> push_up_notes;
  Opt<long long> push_up_score;
  Opt<double> balance_right_open, balance_left_open, balance_right_closed, balance_left_closed;
  Opt<std::string> balance_notes;
  Opt<double> balance_score;
  Opt<double> toe_touch_distance;
  Opt<std::string> toe_touch_notes;
  Opt<long long> toe_touch_score;
  Opt<double> shoulder_right, shoulder_left;
  Opt<std::string> shoulder_notes;
  Opt<long long> shoulder_score;
  Opt<double> farmer_weight, farmer_distance, farmer_time;
  Opt<std::string> farmer_notes;
  Opt<double> farmer_score;
  Opt<long long> harvard_hr1, harvard_hr2, harvard_hr3;
  Opt<double> harvard_duration;
  Opt<long long> harvard_legacy_hr;
  Opt<std::string> harvard_notes;
  Opt<double> harvard_pfi;
  Opt<long long> harvard_score;
  Opt<double> strength_score, mobility_score, balance_category_score, cardio_score, overall_score;
  int is_complete = 0;
  Opt<long long> created_by_id;
  std::string created_at, updated_at;
};

struct NewPackage {
  long long organization_id = 0, client_id = 0, trainer_id = 0;
  std::string package_name;
  long long total_amount = 0, session_price = 0, total_sessions = 0, remaining_sessions = 0, remaining_credits = 0;
  Opt<long long> gross_amount, vat_amount, card_fee_amount, net_amount, vat_rate_bp, card_fee_rate_bp;
  int is_active = 1;
  Opt<std::string> notes;
  std::string created_at, updated_at;
};

struct NewSession {
  long long organization_id = 0, client_id = 0, package_id = 0, trainer_id = 0;
  std::string session_date;
  Opt<std::string> session_time;
  long long session_duration = 60, session_cost = 0;
  std::string status;
  long long sessions_used = 0, credits_used = 0;
  Opt<std::string> notes;
  std::string created_at;
  Opt<std::string> completed_at;
};

struct NewPayment {
  long long organization_id = 0, client_id = 0, trainer_id = 0;
  Opt<long long> package_id;
  long long amount = 0;
  std::string payment_method, kind, payment_date;
  Opt<std::string> description;
  Opt<long long> vat_amount, card_fee_amount, net_amount, vat_rate_bp, card_fee_rate_bp;
  std::string created_at;
};

struct NewFeeAudit {
  long long organization_id = 0;
  Opt<long long> package_id, payment_id;
  std::string calculation_type;
  long long gross_amount = 0;
  Opt<long long> vat_amount, card_fee_amount, net_amount, vat_rate_bp, card_fee_rate_bp;
  std::string details;
  Opt<long long> created_by_id;
  std::string created_at;
};

// Rows of earlier runs (same source), with what their children need.
struct ImportedKey {
  std::string source_table;
  long long source_id = 0, target_id = 0;
};
struct ImportedTrainer {
  long long legacy_id = 0, user_id = 0, trainer_id = 0, organization_id = 0;
};
struct ImportedClient {
  long long legacy_id = 0, id = 0, organization_id = 0, trainer_id = 0, age = 0;
  double weight = 0;
};
struct ImportedPackage {
  long long legacy_id = 0, id = 0, organization_id = 0, client_id = 0, trainer_id = 0;
};

// A row the database refused (a constraint of the new schema), naming the legacy row when it is known.
struct LegacyRowError : std::runtime_error {
  LegacyRowError(std::string table, long long id, const std::string& message)
      : std::runtime_error(message), source_table(std::move(table)), source_id(id) {}
  std::string source_table;  // empty when unknown: then it is the row being added
  long long source_id = 0;
};

class LegacyImportStore {
 public:
  // Works inside the caller's transaction on sql. On PostgreSQL rows are written in batches: call flush() before
  // reading what was imported through another path (e.g. the audit row's caller does so at the end).
  LegacyImportStore(soci::session& sql, Dialect dialect);
  ~LegacyImportStore();
  LegacyImportStore(const LegacyImportStore&) = delete;
  LegacyImportStore& operator=(const LegacyImportStore&) = delete;

  Opt<OrganizationRow> organization_by_id(long long id);
  Opt<OrganizationRow> organization_by_name(const std::string& name);
  Opt<OrganizationRow> organization_by_slug(const std::string& slug);
  long long create_organization(const std::string& name, const std::string& slug, int max_trainers,
                                const std::string& now);
  void set_max_trainers(long long organization_id, int max_trainers, const std::string& now);
  int active_trainers(long long organization_id);
  bool has_active_owner(long long organization_id);

  // Users whose username or e-mail equals one of these, ignoring case.
  std::vector<ExistingUser> users_matching(const std::string& username, const std::string& email);
  Opt<Membership> membership_of(long long user_id);
  long long insert_user(const NewUser& u);
  long long insert_membership(long long user_id, long long organization_id, const std::string& role,
                              const std::string& now);
  void set_role(long long trainer_id, const std::string& role, const std::string& now);
  bool client_email_used(long long organization_id, const std::string& email);

  long long insert_client(const NewClient& c);
  long long insert_assessment(const NewAssessment& a);
  long long insert_package(const NewPackage& p);
  long long insert_session(const NewSession& s);
  long long insert_payment(const NewPayment& p);
  long long insert_fee_audit(const NewFeeAudit& f);

  std::vector<ImportedKey> imported_keys(const std::string& source);
  std::vector<ImportedTrainer> imported_trainers(const std::string& source);
  std::vector<ImportedClient> imported_clients(const std::string& source);
  std::vector<ImportedPackage> imported_packages(const std::string& source);
  void record_import(const std::string& source, const std::string& source_table, long long source_id,
                     const std::string& target_table, long long target_id, const std::string& raw,
                     const std::string& now);
  // Writes every buffered row (PostgreSQL batches). Throws LegacyRowError for a refused row.
  void flush();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace the5hc::store
