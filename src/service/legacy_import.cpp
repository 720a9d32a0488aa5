#include "service/legacy_import.hpp"

#include <algorithm>

#include "common/clock.hpp"
#include "common/error.hpp"
#include "common/time.hpp"
#include "domain/organization_rules.hpp"
#include "legacy/records.hpp"
#include "legacy/rules.hpp"
#include "service/audit.hpp"
#include "service/legacy_import_internal.hpp"
#include "store/database.hpp"
#include "store/migrations.hpp"
#include "store/organizations.hpp"

namespace the5hc::service {
namespace detail {
namespace {
const char* kDefaultOrganization = "The5HC 피트니스 센터";
const char* kDefaultSlug = "the5hc-fitness-center";
}  // namespace

Importer::Importer(const legacy::LegacyFile& file, store::LegacyImportStore& store, const LegacyImportOptions& options,
                   legacy::Report& report, std::string now)
    : file_(file), store_(store), options_(options), report_(report), now_(std::move(now)) {}

void Importer::run() {
  try {
    import_all();
  } catch (const store::BatchRowError& e) {
    throw store_.row_error(e);
  }
}

void Importer::import_all() {
  load_previous_runs();
  trainer_ids_ = file_.ids("trainers");
  client_ids_ = file_.ids("clients");
  package_ids_ = file_.ids("session_packages");
  payment_ids_ = file_.ids("payments");
  resolve_organization();
  import_trainers();
  settle_owner_and_capacity();
  import_clients();
  import_assessments();
  import_packages();
  import_sessions("training_sessions");
  import_sessions("sessions");
  import_payments("payment_records");
  import_payments("payments");
  import_fee_audit();
  current_table.clear();  // a refused row found now is named by the store's LegacyRowError
  store_.flush();
}

void Importer::load_previous_runs() {
  for (const auto& k : store_.imported_keys(options_.source)) {
    done_[k.source_table].insert(k.source_id);
    if (k.source_table == "payments") payments_[k.source_id] = k.target_id;
  }
  trainers_ = store_.imported_trainers(options_.source);
  for (const auto& [legacy_id, t] : trainers_) user_of_trainer_[t.trainer_id] = t.user_id;
  clients_ = store_.imported_clients(options_.source);
  packages_ = store_.imported_packages(options_.source);
}

void Importer::resolve_organization() {
  auto& created = report_.created;
  int capacity = std::min(1000, std::max<int>(10, static_cast<int>(file_.count("trainers"))));
  auto& sql = store_.sql();
  std::optional<store::Organization> org;
  std::string name = options_.organisation_name.value_or(kDefaultOrganization);
  if (options_.organisation_id) {
    org = store::find_organization(sql, *options_.organisation_id);
    if (!org) throw Error(ErrorCode::usage, "알 수 없는 조직입니다: --organisation-id " +
                                                std::to_string(*options_.organisation_id));
  } else if (options_.organisation_name) {
    org = store::find_organization_by_name(sql, name);
  } else {
    org = store::find_organization_by_slug(sql, kDefaultSlug);
  }
  if (!org) {
    std::string base = options_.organisation_name ? domain::slugify(name) : kDefaultSlug;
    std::string slug = base;
    for (int n = 2; store::find_organization_by_slug(sql, slug); ++n) slug = base + "-" + std::to_string(n);
    org.emplace();
    org->name = name;
    org->slug = slug;
    org->max_trainers = capacity;
    org->id = store::insert_organization(sql, *org, now_);
    created.organization_created = true;
  }
  org_ = *org;
  created.organization_id = org_.id;
  created.organization_slug = org_.slug;
  created.organization_name = org_.name;
}

void Importer::import_trainers() {
  auto& t = report_.table("trainers");
  file_.for_each("trainers", [&](const legacy::Row& row) {
    if (!begin_row(t, row)) return;
    auto& sql = store_.sql();
    long long id = row.id();
    std::vector<std::string> warnings;
    store::User u = legacy::user_fields(row, now_, warnings);
    std::string legacy_username = u.username;
    if (u.username.empty()) {
      u.username = "legacy-trainer" + std::to_string(id);
      warnings.push_back("empty username; imported as " + u.username);
    }
    auto email = row["email"].nonblank();
    u.email = email.value_or(u.username + "@legacy.invalid");
    // Two legacy accounts sharing one address: the first keeps it (LEGACY.md §4).
    std::string key = legacy::lower_ascii(u.email);
    if (!seen_emails_.insert(key).second) {
      u.email = legacy::renamed_email(u.email, id);
      warnings.push_back("e-mail shared with an earlier legacy trainer; stored as " + u.email);
    }

    std::optional<long long> user_id;
    std::optional<store::Trainer> membership;
    auto matches = store_.users_matching(u.username, u.email);
    if (!matches.empty() && options_.link_existing_users && matches.size() == 1) {
      const auto& m = matches.front();
      bool same = legacy::lower_ascii(m.username) == legacy::lower_ascii(u.username) &&
                  legacy::lower_ascii(m.email) == legacy::lower_ascii(u.email);
      if (same && (!m.organization_id || *m.organization_id == org_.id)) {
        user_id = m.id;
        membership = store::find_trainer_by_user(sql, m.id);
        warnings.push_back("linked to existing user " + m.username + " (id " + std::to_string(m.id) + ")");
      }
    }
    if (!user_id && !matches.empty()) {
      std::string wanted_user = u.username, wanted_email = u.email;
      for (int attempt = 1;; ++attempt) {
        u.username = legacy::renamed_username(wanted_user, id, attempt);
        u.email = legacy::renamed_email(wanted_email, id, attempt);
        if (store_.users_matching(u.username, u.email).empty()) break;
      }
      warnings.push_back("username/e-mail collides with existing user " + matches.front().username +
                         "; imported as " + u.username + " <" + u.email + ">");
    }
    if (!user_id) user_id = store::insert_user(sql, u);

    bool owner = options_.owner && *options_.owner == legacy_username;
    TrainerRef ref{*user_id, 0, org_.id};
    if (membership) {
      ref.trainer_id = membership->id;
      if (owner && membership->role != "owner") store::set_trainer_role(sql, membership->id, "owner", now_);
    } else {
      ref.trainer_id = store::insert_trainer(sql, *user_id, org_.id, owner ? "owner" : "trainer", now_);
      ++report_.created.memberships;
    }
    if (owner) report_.created.owner = u.username;
    trainers_[id] = ref;
    user_of_trainer_[ref.trainer_id] = ref.user_id;
    imported_usernames_[id] = u.username;
    warn_all("trainers", id, warnings);
    imported(t, row, "users", *user_id);
  });
}

void Importer::settle_owner_and_capacity() {
  auto& sql = store_.sql();
  if (!imported_usernames_.empty() && store::count_active_owners(sql, org_.id) == 0) {
    auto& [legacy_id, username] = *imported_usernames_.begin();  // lowest legacy id
    store::set_trainer_role(sql, trainers_.at(legacy_id).trainer_id, "owner", now_);
    report_.created.owner = username;
    report_.created.notes.push_back("no active owner: " + username + " (lowest legacy id " +
                                    std::to_string(legacy_id) + ") became owner");
  }
  int active = store::count_active_trainers(sql, org_.id);
  if (active > org_.max_trainers) {
    int raised = std::min(1000, active);
    report_.created.notes.push_back("max_trainers raised from " + std::to_string(org_.max_trainers) + " to " +
                                    std::to_string(raised) + " to fit the imported trainers");
    org_.max_trainers = raised;
    store::update_organization(sql, org_, now_);
  }
}

bool Importer::begin_row(legacy::TableReport& t, const legacy::Row& row) {
  ++t.read;
  current_table = t.table;
  current_id = row.id();
  if (options_.progress && options_.progress_every > 0 && ++processed_ % options_.progress_every == 0) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    options_.progress({t.table, processed_, seconds > 0 ? processed_ / seconds : 0});
  }
  auto it = done_.find(t.table);
  if (it != done_.end() && it->second.count(current_id)) {
    t.skip(current_id, "already_imported");
    return false;
  }
  return true;
}

void Importer::imported(legacy::TableReport& t, const legacy::Row& row, const std::string& target_table,
                        long long target_id) {
  static const std::vector<std::string> secrets{"password_hash", "password", "salt"};
  std::string raw = t.table == "trainers" ? row.to_json(secrets) : row.to_json();
  store_.record_import(options_.source, t.table, row.id(), target_table, target_id, raw, now_);
  ++t.imported;
}

void Importer::warn_all(const std::string& table, long long id, const std::vector<std::string>& warnings) {
  for (const auto& w : warnings) report_.warn(table, id, w);
}

const TrainerRef* Importer::trainer_of(const legacy::Value& legacy_trainer_id) const {
  auto v = legacy_trainer_id.integral();
  if (!v) return nullptr;
  auto it = trainers_.find(*v);
  return it == trainers_.end() ? nullptr : &it->second;
}

}  // namespace detail

namespace {
struct DryRunRollback {};
}  // namespace

legacy::Report import_legacy(const Context& ctx, const LegacyImportOptions& options) {
  store::Database& db = ctx.db;
  legacy::LegacyFile file(options.path);  // not a legacy database → Error(usage) before anything is touched

  if (options.owner) {
    bool found = false;
    file.for_each("trainers", [&](const legacy::Row& r) { found = found || r["username"].str() == *options.owner; });
    if (!found) throw Error(ErrorCode::usage, "--owner: 레거시 트레이너가 아닙니다: " + *options.owner);
  }
  auto status = store::Migrator(db).status();
  if (status.schema_version == 0 || !status.pending.empty() || !status.checksum_mismatch.empty())
    throw Error(ErrorCode::database_state, "먼저 `the5hc migrate up`을 실행하세요.");

  legacy::Report report;
  report.source = options.source;
  report.generation = file.generation();
  report.dry_run = options.dry_run;
  std::string now = format_timestamp(ctx.clock.now());
  std::string failed_table;
  long long failed_id = 0;
  try {
    db.write([&](soci::session& sql) {
      store::LegacyImportStore store(sql, db.dialect());
      detail::Importer importer(file, store, options, report, now);
      try {
        importer.run();
        importer.current_table = "audit_log";
        importer.current_id = 0;
        const auto& org = report.created;
        audit(sql, ctx, "legacy_import", "organization", org.organization_id, org.organization_name,
              org.organization_id, AuditChange{std::nullopt, std::nullopt, report.json(true)});
      } catch (...) {
        failed_table = importer.current_table;
        failed_id = importer.current_id;
        throw;
      }
      if (options.dry_run) throw DryRunRollback{};
    });
  } catch (const DryRunRollback&) {
  } catch (const store::LegacyRowError& e) {
    bool known = !e.source_table.empty();
    report.failed = legacy::Failure{known ? e.source_table : failed_table, known ? e.source_id : failed_id, e.what()};
  } catch (const Error& e) {
    if (e.code() == ErrorCode::usage || e.code() == ErrorCode::database_state || e.code() == ErrorCode::unavailable)
      throw;
    report.failed = legacy::Failure{failed_table, failed_id, e.what()};
  } catch (const std::exception& e) {
    report.failed = legacy::Failure{failed_table, failed_id, e.what()};
  }
  return report;
}

}  // namespace the5hc::service
