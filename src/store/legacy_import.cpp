#include "store/legacy_import.hpp"

#include <soci/soci.h>

#include <map>
#include <unordered_map>

#include "store/batch_insert.hpp"

namespace the5hc::store {
using detail::Batched;
using detail::Insert;

namespace {

struct Key {
  std::string source, source_table, target_table, raw, now;
  long long source_id = 0, target_id = 0;
};

int legacy_flag = 1;  // is_legacy of every imported row (SOCI binds by non-const reference)

void bind_client(Insert& i, NewClient& b) {
  i.col("organization_id", b.organization_id)
      .col("trainer_id", b.trainer_id)
      .col("name", b.name)
      .col("age", b.age)
      .col("gender", b.gender)
      .col("height", b.height)
      .col("weight", b.weight)
      .col("email", b.email)
      .col("phone", b.phone)
      .col("created_at", b.created_at)
      .col("updated_at", b.updated_at);
}

void bind_assessment(Insert& i, NewAssessment& b) {
  i.col("organization_id", b.organization_id)
      .col("client_id", b.client_id)
      .col("trainer_id", b.trainer_id)
      .col("date", b.date)
      .col("client_age", b.client_age)
      .col("client_weight", b.client_weight)
      .col("overhead_squat_performed", b.overhead_squat_performed)
      .col("overhead_squat_notes", b.overhead_squat_notes)
      .col("overhead_squat_score", b.overhead_squat_score)
      .col("push_up_reps", b.push_up_reps)
      .col("push_up_notes", b.push_up_notes)
      .col("push_up_score", b.push_up_score)
      .col("single_leg_balance_right_eyes_open", b.balance_right_open)
      .col("single_leg_balance_left_eyes_open", b.balance_left_open)
      .col("single_leg_balance_right_eyes_closed", b.balance_right_closed)
      .col("single_leg_balance_left_eyes_closed", b.balance_left_closed)
      .col("single_leg_balance_notes", b.balance_notes)
      .col("single_leg_balance_score", b.balance_score)
      .col("toe_touch_distance", b.toe_touch_distance)
      .col("toe_touch_notes", b.toe_touch_notes)
      .col("toe_touch_score", b.toe_touch_score)
      .col("shoulder_mobility_right", b.shoulder_right)
      .col("shoulder_mobility_left", b.shoulder_left)
      .col("shoulder_mobility_notes", b.shoulder_notes)
      .col("shoulder_mobility_score", b.shoulder_score)
      .col("farmer_carry_weight", b.farmer_weight)
      .col("farmer_carry_distance", b.farmer_distance)
      .col("farmer_carry_time", b.farmer_time)
      .col("farmer_carry_notes", b.farmer_notes)
      .col("farmer_carry_score", b.farmer_score)
      .col("harvard_step_test_hr1", b.harvard_hr1)
      .col("harvard_step_test_hr2", b.harvard_hr2)
      .col("harvard_step_test_hr3", b.harvard_hr3)
      .col("harvard_step_test_duration", b.harvard_duration)
      .col("harvard_step_test_legacy_hr", b.harvard_legacy_hr)
      .col("harvard_step_test_notes", b.harvard_notes)
      .col("harvard_step_test_pfi", b.harvard_pfi)
      .col("harvard_step_test_score", b.harvard_score)
      .col("strength_score", b.strength_score)
      .col("mobility_score", b.mobility_score)
      .col("balance_score", b.balance_category_score)
      .col("cardio_score", b.cardio_score)
      .col("overall_score", b.overall_score)
      .col("is_complete", b.is_complete)
      .col("is_legacy", legacy_flag)
      .col("created_by_id", b.created_by_id)
      .col("created_at", b.created_at)
      .col("updated_at", b.updated_at);
}

void bind_package(Insert& i, NewPackage& b) {
  i.col("organization_id", b.organization_id)
      .col("client_id", b.client_id)
      .col("trainer_id", b.trainer_id)
      .col("package_name", b.package_name)
      .col("total_amount", b.total_amount)
      .col("session_price", b.session_price)
      .col("total_sessions", b.total_sessions)
      .col("remaining_sessions", b.remaining_sessions)
      .col("remaining_credits", b.remaining_credits)
      .col("gross_amount", b.gross_amount)
      .col("vat_amount", b.vat_amount)
      .col("card_fee_amount", b.card_fee_amount)
      .col("net_amount", b.net_amount)
      .col("vat_rate_bp", b.vat_rate_bp)
      .col("card_fee_rate_bp", b.card_fee_rate_bp)
      .col("is_active", b.is_active)
      .col("is_legacy", legacy_flag)
      .col("notes", b.notes)
      .col("created_at", b.created_at)
      .col("updated_at", b.updated_at);
}

void bind_session(Insert& i, NewSession& b) {
  i.col("organization_id", b.organization_id)
      .col("client_id", b.client_id)
      .col("package_id", b.package_id)
      .col("trainer_id", b.trainer_id)
      .col("session_date", b.session_date)
      .col("session_time", b.session_time)
      .col("session_duration", b.session_duration)
      .col("session_cost", b.session_cost)
      .col("status", b.status)
      .col("sessions_used", b.sessions_used)
      .col("credits_used", b.credits_used)
      .col("notes", b.notes)
      .col("created_at", b.created_at)
      .col("completed_at", b.completed_at);
}

void bind_payment(Insert& i, NewPayment& b) {
  i.col("organization_id", b.organization_id)
      .col("client_id", b.client_id)
      .col("trainer_id", b.trainer_id)
      .col("package_id", b.package_id)
      .col("amount", b.amount)
      .col("payment_method", b.payment_method)
      .col("kind", b.kind)
      .col("payment_date", b.payment_date)
      .col("description", b.description)
      .col("vat_amount", b.vat_amount)
      .col("card_fee_amount", b.card_fee_amount)
      .col("net_amount", b.net_amount)
      .col("vat_rate_bp", b.vat_rate_bp)
      .col("card_fee_rate_bp", b.card_fee_rate_bp)
      .col("is_legacy", legacy_flag)
      .col("created_at", b.created_at);
}

void bind_fee(Insert& i, NewFeeAudit& b) {
  i.col("organization_id", b.organization_id)
      .col("package_id", b.package_id)
      .col("payment_id", b.payment_id)
      .col("calculation_type", b.calculation_type)
      .col("gross_amount", b.gross_amount)
      .col("vat_amount", b.vat_amount)
      .col("card_fee_amount", b.card_fee_amount)
      .col("net_amount", b.net_amount)
      .col("vat_rate_bp", b.vat_rate_bp)
      .col("card_fee_rate_bp", b.card_fee_rate_bp)
      .col("details", b.details)
      .col("created_by_id", b.created_by_id)
      .col("created_at", b.created_at);
}

void bind_key(Insert& i, Key& k) {
  i.col("source", k.source)
      .col("source_table", k.source_table)
      .col("source_id", k.source_id)
      .col("target_table", k.target_table)
      .col("target_id", k.target_id)
      .col("imported_at", k.now)
      .col("raw", k.raw);
}

}  // namespace

struct LegacyImportStore::Impl {
  Impl(soci::session& s, Dialect d)
      : sql(s),
        dialect(d),
        clients(s, d, "clients", bind_client, true),
        assessments(s, d, "assessments", bind_assessment, true),
        packages(s, d, "session_packages", bind_package, true),
        sessions(s, d, "sessions", bind_session, true),
        payments(s, d, "payments", bind_payment, true),
        fees(s, d, "fee_audit_log", bind_fee, true),
        keys(s, d, "legacy_import_rows", bind_key, false) {}
  soci::session& sql;
  Dialect dialect;
  Batched<NewClient> clients;
  Batched<NewAssessment> assessments;
  Batched<NewPackage> packages;
  Batched<NewSession> sessions;
  Batched<NewPayment> payments;
  Batched<NewFeeAudit> fees;
  Batched<Key> keys;

  // Which legacy row each written target row came from, to name a row the database refuses.
  std::map<std::string, std::unordered_map<long long, std::pair<std::string, long long>>> sources;

  // A full buffer is written together with the buffers of its parent tables (foreign keys are checked per
  // statement); level is the position in: clients, assessments, packages, sessions, payments, fees. The keys have
  // no foreign keys and are written only when their own buffer is full, so they always go in full batches.
  void flush_through(int level) {
    try {
      if (level >= 0) clients.flush();
      if (level >= 1) assessments.flush();
      if (level >= 2) packages.flush();
      if (level >= 3) sessions.flush();
      if (level >= 4) payments.flush();
      if (level >= 5) fees.flush();
      if (level >= 6) keys.flush();
    } catch (const detail::BatchRowError& e) {
      auto table = sources.find(e.table);
      if (table != sources.end()) {
        auto row = table->second.find(e.id);
        if (row != table->second.end()) throw LegacyRowError(row->second.first, row->second.second, e.what());
      }
      throw LegacyRowError("", 0, e.what());  // the row being added: its key is not recorded yet
    }
  }
  void flush_all() { flush_through(6); }
};

// One transaction of 100,000+ rows outgrows SQLite's default 2 MB page cache; spilling pages mid-transaction
// halves the insert rate. The larger cache lasts only while the import holds the connection.
LegacyImportStore::LegacyImportStore(soci::session& sql, Dialect dialect)
    : impl_(std::make_unique<Impl>(sql, dialect)) {
  if (dialect == Dialect::sqlite) sql << "PRAGMA cache_size = -262144";
}
LegacyImportStore::~LegacyImportStore() {
  auto& sql = impl_->sql;
  bool lite = impl_->dialect == Dialect::sqlite;
  impl_.reset();  // finalise the prepared statements first
  try {
    if (lite) sql << "PRAGMA cache_size = -2000";
  } catch (...) {
  }
}

Opt<OrganizationRow> LegacyImportStore::organization_by_id(long long id) {
  OrganizationRow o;
  impl_->sql << "SELECT id, name, slug, max_trainers FROM organizations WHERE id = :id", soci::into(o.id),
      soci::into(o.name), soci::into(o.slug), soci::into(o.max_trainers), soci::use(id);
  if (!impl_->sql.got_data()) return std::nullopt;
  return o;
}

Opt<OrganizationRow> LegacyImportStore::organization_by_name(const std::string& name) {
  OrganizationRow o;
  impl_->sql << "SELECT id, name, slug, max_trainers FROM organizations WHERE name = :name ORDER BY id LIMIT 1",
      soci::into(o.id), soci::into(o.name), soci::into(o.slug), soci::into(o.max_trainers), soci::use(name);
  if (!impl_->sql.got_data()) return std::nullopt;
  return o;
}

Opt<OrganizationRow> LegacyImportStore::organization_by_slug(const std::string& slug) {
  OrganizationRow o;
  impl_->sql << "SELECT id, name, slug, max_trainers FROM organizations WHERE slug = :slug", soci::into(o.id),
      soci::into(o.name), soci::into(o.slug), soci::into(o.max_trainers), soci::use(slug);
  if (!impl_->sql.got_data()) return std::nullopt;
  return o;
}

long long LegacyImportStore::create_organization(const std::string& name, const std::string& slug, int max_trainers,
                                                 const std::string& now) {
  Insert ins(impl_->sql, impl_->dialect, "organizations");
  ins.group();
  std::string n = name, s = slug, created = now, updated = now;
  int max = max_trainers;
  ins.col("name", n).col("slug", s).col("max_trainers", max).col("created_at", created).col("updated_at", updated);
  ins.prepare();
  return ins.run();
}

void LegacyImportStore::set_max_trainers(long long organization_id, int max_trainers, const std::string& now) {
  impl_->sql << "UPDATE organizations SET max_trainers = :m, updated_at = :now WHERE id = :id", soci::use(max_trainers),
      soci::use(now), soci::use(organization_id);
}

int LegacyImportStore::active_trainers(long long organization_id) {
  long long n = 0;
  impl_->sql << "SELECT count(*) FROM trainers WHERE organization_id = :o AND is_active = 1", soci::into(n),
      soci::use(organization_id);
  return static_cast<int>(n);
}

bool LegacyImportStore::has_active_owner(long long organization_id) {
  long long n = 0;
  impl_->sql << "SELECT count(*) FROM trainers WHERE organization_id = :o AND is_active = 1 AND role = 'owner'",
      soci::into(n), soci::use(organization_id);
  return n > 0;
}

std::vector<ExistingUser> LegacyImportStore::users_matching(const std::string& username, const std::string& email) {
  std::vector<ExistingUser> out;
  ExistingUser u;
  long long org = 0;
  soci::indicator org_ind = soci::i_null;
  soci::statement st =
      (impl_->sql.prepare << "SELECT u.id, u.username, u.email, t.organization_id FROM users u "
                             "LEFT JOIN trainers t ON t.user_id = u.id "
                             "WHERE lower(u.username) = lower(:u) OR lower(u.email) = lower(:e) ORDER BY u.id",
       soci::into(u.id), soci::into(u.username), soci::into(u.email), soci::into(org, org_ind), soci::use(username),
       soci::use(email));
  st.execute();
  while (st.fetch()) {
    u.organization_id = org_ind == soci::i_ok ? Opt<long long>(org) : std::nullopt;
    out.push_back(u);
  }
  return out;
}

Opt<Membership> LegacyImportStore::membership_of(long long user_id) {
  Membership m;
  int active = 1;
  impl_->sql << "SELECT id, organization_id, role, is_active FROM trainers WHERE user_id = :u", soci::into(m.id),
      soci::into(m.organization_id), soci::into(m.role), soci::into(active), soci::use(user_id);
  if (!impl_->sql.got_data()) return std::nullopt;
  m.active = active != 0;
  return m;
}

long long LegacyImportStore::insert_user(const NewUser& user) {
  NewUser u = user;
  Insert ins(impl_->sql, impl_->dialect, "users");
  ins.group();
  ins.col("username", u.username)
      .col("email", u.email)
      .col("name", u.name)
      .col("password_hash", u.password_hash)
      .col("failed_login_attempts", u.failed_login_attempts)
      .col("locked_until", u.locked_until)
      .col("last_login", u.last_login)
      .col("date_joined", u.date_joined)
      .col("updated_at", u.updated_at);
  ins.prepare();
  return ins.run();
}

long long LegacyImportStore::insert_membership(long long user_id, long long organization_id, const std::string& role,
                                               const std::string& now) {
  long long u = user_id, o = organization_id, price = 50000;
  std::string r = role, created = now, updated = now;
  Insert ins(impl_->sql, impl_->dialect, "trainers");
  ins.group();
  ins.col("user_id", u).col("organization_id", o).col("role", r).col("session_price", price);
  ins.col("created_at", created).col("updated_at", updated);
  ins.prepare();
  return ins.run();
}

void LegacyImportStore::set_role(long long trainer_id, const std::string& role, const std::string& now) {
  impl_->sql << "UPDATE trainers SET role = :r, updated_at = :now WHERE id = :id", soci::use(role), soci::use(now),
      soci::use(trainer_id);
}

bool LegacyImportStore::client_email_used(long long organization_id, const std::string& email) {
  impl_->flush_through(0);  // the clients of this import still in the batch count too
  long long n = 0;
  impl_->sql << "SELECT count(*) FROM clients WHERE organization_id = :o AND lower(email) = lower(:e)", soci::into(n),
      soci::use(organization_id), soci::use(email);
  return n > 0;
}

long long LegacyImportStore::insert_client(const NewClient& c) {
  long long id = impl_->clients.add(c);
  if (impl_->clients.full()) impl_->flush_through(0);
  return id;
}

long long LegacyImportStore::insert_assessment(const NewAssessment& a) {
  long long id = impl_->assessments.add(a);
  if (impl_->assessments.full()) impl_->flush_through(1);
  return id;
}

long long LegacyImportStore::insert_package(const NewPackage& p) {
  long long id = impl_->packages.add(p);
  if (impl_->packages.full()) impl_->flush_through(2);
  return id;
}

long long LegacyImportStore::insert_session(const NewSession& s) {
  long long id = impl_->sessions.add(s);
  if (impl_->sessions.full()) impl_->flush_through(3);
  return id;
}

long long LegacyImportStore::insert_payment(const NewPayment& p) {
  long long id = impl_->payments.add(p);
  if (impl_->payments.full()) impl_->flush_through(4);
  return id;
}

long long LegacyImportStore::insert_fee_audit(const NewFeeAudit& f) {
  long long id = impl_->fees.add(f);
  if (impl_->fees.full()) impl_->flush_through(5);
  return id;
}

std::vector<ImportedKey> LegacyImportStore::imported_keys(const std::string& source) {
  std::vector<ImportedKey> out;
  ImportedKey k;
  soci::statement st = (impl_->sql.prepare << "SELECT source_table, source_id, target_id FROM legacy_import_rows "
                                              "WHERE source = :s",
                        soci::into(k.source_table), soci::into(k.source_id), soci::into(k.target_id),
                        soci::use(source));
  st.execute();
  while (st.fetch()) out.push_back(k);
  return out;
}

std::vector<ImportedTrainer> LegacyImportStore::imported_trainers(const std::string& source) {
  std::vector<ImportedTrainer> out;
  ImportedTrainer t;
  soci::statement st =
      (impl_->sql.prepare << "SELECT l.source_id, t.user_id, t.id, t.organization_id FROM legacy_import_rows l "
                             "JOIN trainers t ON t.user_id = l.target_id "
                             "WHERE l.source = :s AND l.source_table = 'trainers'",
       soci::into(t.legacy_id), soci::into(t.user_id), soci::into(t.trainer_id), soci::into(t.organization_id),
       soci::use(source));
  st.execute();
  while (st.fetch()) out.push_back(t);
  return out;
}

std::vector<ImportedClient> LegacyImportStore::imported_clients(const std::string& source) {
  std::vector<ImportedClient> out;
  ImportedClient c;
  soci::statement st =
      (impl_->sql.prepare << "SELECT l.source_id, c.id, c.organization_id, c.trainer_id, c.age, c.weight "
                             "FROM legacy_import_rows l JOIN clients c ON c.id = l.target_id "
                             "WHERE l.source = :s AND l.source_table = 'clients'",
       soci::into(c.legacy_id), soci::into(c.id), soci::into(c.organization_id), soci::into(c.trainer_id),
       soci::into(c.age), soci::into(c.weight), soci::use(source));
  st.execute();
  while (st.fetch()) out.push_back(c);
  return out;
}

std::vector<ImportedPackage> LegacyImportStore::imported_packages(const std::string& source) {
  std::vector<ImportedPackage> out;
  ImportedPackage p;
  soci::statement st =
      (impl_->sql.prepare << "SELECT l.source_id, p.id, p.organization_id, p.client_id, p.trainer_id "
                             "FROM legacy_import_rows l JOIN session_packages p ON p.id = l.target_id "
                             "WHERE l.source = :s AND l.source_table = 'session_packages'",
       soci::into(p.legacy_id), soci::into(p.id), soci::into(p.organization_id), soci::into(p.client_id),
       soci::into(p.trainer_id), soci::use(source));
  st.execute();
  while (st.fetch()) out.push_back(p);
  return out;
}

void LegacyImportStore::record_import(const std::string& source, const std::string& source_table, long long source_id,
                                      const std::string& target_table, long long target_id, const std::string& raw,
                                      const std::string& now) {
  impl_->keys.add(Key{source, source_table, target_table, raw, now, source_id, target_id});
  if (impl_->dialect == Dialect::postgres) impl_->sources[target_table][target_id] = {source_table, source_id};
  if (impl_->keys.full()) impl_->keys.flush();
}

void LegacyImportStore::flush() { impl_->flush_all(); }

}  // namespace the5hc::store
