#include "store/legacy_import.hpp"

#include <soci/soci.h>

#include "store/clients.hpp"

namespace the5hc::store {

// One transaction of 100,000+ rows outgrows SQLite's default 2 MB page cache; spilling pages mid-transaction
// halves the insert rate. The larger cache lasts only while the import holds the connection.
LegacyImportStore::LegacyImportStore(soci::session& sql, Dialect dialect)
    : sql_(sql), dialect_(dialect), rows_(std::make_unique<RowBatches>(sql, dialect)) {
  if (dialect == Dialect::sqlite) sql << "PRAGMA cache_size = -262144";
}
LegacyImportStore::~LegacyImportStore() {
  rows_.reset();  // finalise the prepared statements first
  try {
    if (dialect_ == Dialect::sqlite) sql() << "PRAGMA cache_size = -2000";
  } catch (...) {
  }
}

std::vector<ExistingUser> LegacyImportStore::users_matching(const std::string& username, const std::string& email) {
  std::vector<ExistingUser> out;
  ExistingUser u;
  long long id = 0, org = 0;
  soci::indicator org_ind = soci::i_null;
  soci::statement st =
      (sql().prepare << "SELECT u.id, u.username, u.email, t.organization_id FROM users u "
                        "LEFT JOIN trainers t ON t.user_id = u.id "
                             "WHERE lower(u.username) = lower(:u) OR lower(u.email) = lower(:e) ORDER BY u.id",
       soci::into(id), soci::into(u.username), soci::into(u.email), soci::into(org, org_ind), soci::use(username),
       soci::use(email));
  st.execute();
  while (st.fetch()) {
    u.id = id;
    u.organization_id = org_ind == soci::i_ok ? std::optional<std::int64_t>(org) : std::nullopt;
    out.push_back(u);
  }
  return out;
}

bool LegacyImportStore::client_email_used(long long organization_id, const std::string& email) {
  rows_->flush("clients");
  return client_email_taken(sql(), organization_id, email, std::nullopt);
}

std::vector<ImportedKey> LegacyImportStore::imported_keys(const std::string& source) {
  std::vector<ImportedKey> out;
  ImportedKey k;
  soci::statement st = (sql().prepare << "SELECT source_table, source_id, target_id FROM legacy_import_rows "
                                         "WHERE source = :s",
                        soci::into(k.source_table), soci::into(k.source_id), soci::into(k.target_id),
                        soci::use(source));
  st.execute();
  while (st.fetch()) out.push_back(k);
  return out;
}

ByLegacyId<ImportedTrainer> LegacyImportStore::imported_trainers(const std::string& source) {
  ByLegacyId<ImportedTrainer> out;
  long long legacy_id = 0;
  ImportedTrainer t;
  soci::statement st =
      (sql().prepare << "SELECT l.source_id, t.user_id, t.id, t.organization_id FROM legacy_import_rows l "
                        "JOIN trainers t ON t.user_id = l.target_id "
                        "WHERE l.source = :s AND l.source_table = 'trainers'",
       soci::into(legacy_id), soci::into(t.user_id), soci::into(t.trainer_id), soci::into(t.organization_id),
       soci::use(source));
  st.execute();
  while (st.fetch()) out[legacy_id] = t;
  return out;
}

ByLegacyId<ImportedClient> LegacyImportStore::imported_clients(const std::string& source) {
  ByLegacyId<ImportedClient> out;
  long long legacy_id = 0;
  ImportedClient c;
  soci::statement st =
      (sql().prepare << "SELECT l.source_id, c.id, c.organization_id, c.trainer_id, c.age, c.weight "
                        "FROM legacy_import_rows l JOIN clients c ON c.id = l.target_id "
                        "WHERE l.source = :s AND l.source_table = 'clients'",
       soci::into(legacy_id), soci::into(c.id), soci::into(c.organization_id), soci::into(c.trainer_id),
       soci::into(c.age), soci::into(c.weight), soci::use(source));
  st.execute();
  while (st.fetch()) out[legacy_id] = c;
  return out;
}

ByLegacyId<ImportedPackage> LegacyImportStore::imported_packages(const std::string& source) {
  ByLegacyId<ImportedPackage> out;
  long long legacy_id = 0;
  ImportedPackage p;
  soci::statement st =
      (sql().prepare << "SELECT l.source_id, p.id, p.organization_id, p.client_id, p.trainer_id "
                        "FROM legacy_import_rows l JOIN session_packages p ON p.id = l.target_id "
                        "WHERE l.source = :s AND l.source_table = 'session_packages'",
       soci::into(legacy_id), soci::into(p.id), soci::into(p.organization_id), soci::into(p.client_id),
       soci::into(p.trainer_id), soci::use(source));
  st.execute();
  while (st.fetch()) out[legacy_id] = p;
  return out;
}

void LegacyImportStore::record_import(const std::string& source, const std::string& source_table, long long source_id,
                                      const std::string& target_table, long long target_id, const std::string& raw,
                                      const std::string& now) {
  if (dialect_ == Dialect::postgres) sources_[target_table][target_id] = {source_table, source_id};
  rows_->add("legacy_import_rows",
            {{"source", val(source)},
             {"source_table", val(source_table)},
             {"source_id", val(source_id)},
             {"target_table", val(target_table)},
             {"target_id", val(target_id)},
             {"imported_at", val(now)},
             {"raw", val(raw)}},
            false);
}

LegacyRowError LegacyImportStore::row_error(const BatchRowError& e) const {
  auto table = sources_.find(e.table);
  if (table != sources_.end()) {
    auto row = table->second.find(e.id);
    if (row != table->second.end()) return LegacyRowError(row->second.first, row->second.second, e.what());
  }
  return LegacyRowError("", 0, e.what());  // the row being added: its key is not recorded yet
}

}  // namespace the5hc::store
