// Clients and everything below them (LEGACY.md §7.2): each row is mapped through the id maps of its parents,
// skipped with a documented reason, or inserted with its idempotency key.
#include "legacy/records.hpp"
#include "legacy/rules.hpp"
#include "service/legacy_import_internal.hpp"

namespace the5hc::service::detail {

void Importer::import_clients() {
  auto& t = report_.table("clients");
  file_.for_each("clients", [&](const legacy::Row& row) {
    if (!begin_row(t, row)) return;
    std::string reason;
    const TrainerRef* trainer = parent(trainers_, trainer_ids_, row["trainer_id"], reason);
    if (!trainer) return t.skip(current_id, reason);
    if (auto invalid = legacy::client_skip_reason(row)) return t.skip(current_id, *invalid);
    std::vector<std::string> warnings;
    store::Client c = legacy::client_fields(row, now_, warnings);
    auto& f = c.fields;
    c.organization_id = trainer->organization_id;
    f.trainer_id = trainer->trainer_id;
    if (f.email && store_.client_email_used(c.organization_id, *f.email)) {
      warnings.push_back("e-mail " + *f.email + " is already used in the organisation; dropped");
      f.email.reset();
    }
    long long id = store::insert_client(store_.rows(), c);
    clients_[current_id] = {id, c.organization_id, f.trainer_id, f.age, f.weight};
    warn_all(t.table, current_id, warnings);
    imported(t, row, "clients", id);
  });
}

void Importer::import_assessments() {
  auto& t = report_.table("assessments");
  file_.for_each("assessments", [&](const legacy::Row& row) {
    if (!begin_row(t, row)) return;
    std::string reason;
    const ClientRef* client = parent(clients_, client_ids_, row["client_id"], reason);
    if (!client) return t.skip(current_id, reason);
    std::vector<std::string> warnings;
    store::Assessment a = legacy::assessment_fields(row, now_, warnings);
    auto& m = a.meta;
    m.organization_id = client->organization_id;
    m.client_id = client->id;
    m.client_age = static_cast<int>(client->age);
    m.client_weight = client->weight;
    // Files without assessments.trainer_id (an ALTER TABLE variant): the client's trainer conducted it.
    const TrainerRef* trainer = trainer_of(row["trainer_id"]);
    m.trainer_id = trainer ? trainer->trainer_id : client->trainer_id;
    auto user = user_of_trainer_.find(m.trainer_id);
    if (user != user_of_trainer_.end()) a.created_by_id = user->second;
    long long id = store::insert_assessment(store_.rows(), a);
    warn_all(t.table, current_id, warnings);
    imported(t, row, "assessments", id);
  });
}

void Importer::import_packages() {
  auto& t = report_.table("session_packages");
  file_.for_each("session_packages", [&](const legacy::Row& row) {
    if (!begin_row(t, row)) return;
    std::string reason;
    const ClientRef* client = parent(clients_, client_ids_, row["client_id"], reason);
    if (!client) return t.skip(current_id, reason);
    store::Package p = legacy::package_fields(row, now_);
    p.organization_id = client->organization_id;
    p.client_id = client->id;
    const TrainerRef* trainer = trainer_of(row["trainer_id"]);
    p.trainer_id = trainer ? trainer->trainer_id : client->trainer_id;
    long long id = store::insert_package(store_.rows(), p);
    packages_[current_id] = {id, p.organization_id, p.client_id, p.trainer_id};
    imported(t, row, "session_packages", id);
  });
}

void Importer::import_sessions(const std::string& table) {
  auto& t = report_.table(table);
  file_.for_each(table, [&](const legacy::Row& row) {
    // The key is noted even for rows of earlier runs, so a later run still recognises a cross-table duplicate.
    auto status = legacy::session_status(row["status"].null() ? std::optional<std::string>("scheduled")
                                                              : row["status"].str());
    auto key = std::make_tuple(row["client_id"].integral().value_or(0), row["package_id"].integral().value_or(0),
                               legacy::date(row["session_date"].str()).value_or(""),
                               legacy::hhmm(row["session_time"].str()).value_or(""), status.value_or(""));
    auto first = session_keys_.find(key);
    bool duplicate = first != session_keys_.end() && first->second.rfind(table + " ", 0) != 0;
    if (!begin_row(t, row)) {
      if (!duplicate) session_keys_.emplace(key, table + " " + std::to_string(current_id));
      return;
    }
    std::string reason;
    const ClientRef* client = parent(clients_, client_ids_, row["client_id"], reason);
    if (!client) return t.skip(current_id, reason);
    const PackageRef* package = parent(packages_, package_ids_, row["package_id"], reason);
    if (!package) return t.skip(current_id, reason);
    if (package->client_id != client->id) return t.skip(current_id, "client_mismatch");
    if (!status) return t.skip(current_id, "invalid_status");
    if (duplicate) return t.skip(current_id, "duplicate_of", first->second);
    session_keys_.emplace(key, table + " " + std::to_string(current_id));

    store::Session s = legacy::session_fields(row, *status, now_);
    s.organization_id = client->organization_id;
    s.client_id = client->id;
    s.package_id = package->id;
    const TrainerRef* trainer = trainer_of(row["trainer_id"]);
    s.trainer_id = trainer ? trainer->trainer_id : package->trainer_id;
    long long id = store::insert_session(store_.rows(), s);
    imported(t, row, "sessions", id);
  });
}

void Importer::import_payments(const std::string& table) {
  auto& t = report_.table(table);
  file_.for_each(table, [&](const legacy::Row& row) {
    auto key = std::make_tuple(row["client_id"].integral().value_or(0), row["package_id"].integral().value_or(-1),
                               row["amount"].money().value_or(0), legacy::date(row["payment_date"].str()).value_or(""));
    auto first = payment_keys_.find(key);
    bool duplicate = first != payment_keys_.end() && first->second.rfind(table + " ", 0) != 0;
    if (!begin_row(t, row)) {
      if (!duplicate) payment_keys_.emplace(key, table + " " + std::to_string(current_id));
      return;
    }
    std::string reason;
    const ClientRef* client = parent(clients_, client_ids_, row["client_id"], reason);
    if (!client) return t.skip(current_id, reason);
    const PackageRef* package = nullptr;
    if (!row["package_id"].null()) {
      package = parent(packages_, package_ids_, row["package_id"], reason);
      if (!package) return t.skip(current_id, reason);
      if (package->client_id != client->id) return t.skip(current_id, "client_mismatch");
    }
    if (duplicate) return t.skip(current_id, "duplicate_of", first->second);
    payment_keys_.emplace(key, table + " " + std::to_string(current_id));

    std::vector<std::string> warnings;
    store::Payment p = legacy::payment_fields(row, now_, warnings);
    p.organization_id = client->organization_id;
    p.client_id = client->id;
    if (package) p.package_id = package->id;
    const TrainerRef* trainer = trainer_of(row["trainer_id"]);
    p.trainer_id = trainer ? trainer->trainer_id : package ? package->trainer_id : client->trainer_id;
    long long id = store::insert_payment(store_.rows(), p);
    if (table == "payments") payments_[current_id] = id;
    warn_all(t.table, current_id, warnings);
    imported(t, row, "payments", id);
  });
}

void Importer::import_fee_audit() {
  auto& t = report_.table("fee_audit_log");
  file_.for_each("fee_audit_log", [&](const legacy::Row& row) {
    if (!begin_row(t, row)) return;
    store::FeeAuditEntry f = legacy::fee_audit_fields(row, now_);
    f.organization_id = org_.id;
    std::string reason;
    if (!row["package_id"].null()) {
      const PackageRef* package = parent(packages_, package_ids_, row["package_id"], reason);
      if (!package) return t.skip(current_id, reason);
      f.package_id = package->id;
      f.organization_id = package->organization_id;
    }
    if (!row["payment_id"].null()) {
      auto legacy_payment = row["payment_id"].integral();
      if (!legacy_payment || !payment_ids_.count(*legacy_payment)) return t.skip(current_id, "parent_missing");
      auto it = payments_.find(*legacy_payment);
      if (it == payments_.end()) return t.skip(current_id, "parent_skipped");
      f.payment_id = it->second;
    }
    if (const TrainerRef* by = trainer_of(row["created_by"])) f.created_by_id = by->user_id;
    long long id = store::insert_fee_audit(store_.rows(), f);
    imported(t, row, "fee_audit_log", id);
  });
}

}  // namespace the5hc::service::detail
