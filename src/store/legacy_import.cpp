#include "store/legacy_import.hpp"

#include <soci/soci.h>

#include <deque>

namespace the5hc::store {
namespace {

// An INSERT prepared once and executed per row. Columns are declared next to the variables they read, so the
// placeholder order can never drift from the bind order; optional values go through a slot with an indicator
// that is refreshed from the std::optional before every execution.
class Insert {
 public:
  Insert(soci::session& sql, Dialect dialect, std::string table)
      : sql_(sql), dialect_(dialect), table_(std::move(table)), st_(sql) {}

  template <class T>
  Insert& col(const char* name, T& value) {
    cols_.emplace_back(name);
    st_.exchange(soci::use(value));
    return *this;
  }
  template <class T>
  Insert& col(const char* name, std::optional<T>& value) {
    auto slot = std::make_unique<Slot<T>>(value);
    cols_.emplace_back(name);
    st_.exchange(soci::use(slot->v, slot->ind));
    slots_.push_back(std::move(slot));
    return *this;
  }

  void prepare() {
    std::string names, params;
    for (size_t i = 0; i < cols_.size(); ++i) {
      names += (i ? ", " : "") + cols_[i];
      params += (i ? ", :" : ":") + cols_[i];
    }
    std::string q = "INSERT INTO " + table_ + " (" + names + ") VALUES (" + params + ")";
    if (dialect_ == Dialect::postgres) {
      q += " RETURNING id";
      st_.exchange(soci::into(id_));
    }
    st_.alloc();
    st_.prepare(q);
    st_.define_and_bind();
  }

  long long run() {
    for (auto& s : slots_) s->sync();
    st_.execute(true);
    if (dialect_ == Dialect::sqlite) sql_.get_last_insert_id(table_, id_);
    return id_;
  }

 private:
  struct SlotBase {
    virtual ~SlotBase() = default;
    virtual void sync() = 0;
  };
  template <class T>
  struct Slot : SlotBase {
    explicit Slot(std::optional<T>& s) : source(s) {}
    void sync() override {
      ind = source ? soci::i_ok : soci::i_null;
      v = source ? *source : T{};
    }
    std::optional<T>& source;
    T v{};
    soci::indicator ind = soci::i_null;
  };

  soci::session& sql_;
  Dialect dialect_;
  std::string table_;
  soci::statement st_;
  std::vector<std::string> cols_;
  std::vector<std::unique_ptr<SlotBase>> slots_;
  long long id_ = 0;
};

}  // namespace

struct LegacyImportStore::Impl {
  Impl(soci::session& s, Dialect d) : sql(s), dialect(d) {}
  soci::session& sql;
  Dialect dialect;
  int one = 1;  // is_legacy
  // Bound buffers: each insert copies its argument here and runs the prepared statement.
  NewClient client;
  NewAssessment assessment;
  NewPackage package;
  NewSession session;
  NewPayment payment;
  NewFeeAudit fee;
  struct Key {
    std::string source, source_table, target_table, raw, now;
    long long source_id = 0, target_id = 0;
  } key;
  std::unique_ptr<Insert> clients, assessments, packages, sessions, payments, fees, keys;

  std::unique_ptr<Insert> make(const char* table) { return std::make_unique<Insert>(sql, dialect, table); }
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
  long long n = 0;
  impl_->sql << "SELECT count(*) FROM clients WHERE organization_id = :o AND lower(email) = lower(:e)", soci::into(n),
      soci::use(organization_id), soci::use(email);
  return n > 0;
}

long long LegacyImportStore::insert_client(const NewClient& c) {
  auto& b = impl_->client;
  if (!impl_->clients) {
    impl_->clients = impl_->make("clients");
    impl_->clients->col("organization_id", b.organization_id)
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
    impl_->clients->prepare();
  }
  b = c;
  return impl_->clients->run();
}

long long LegacyImportStore::insert_assessment(const NewAssessment& a) {
  auto& b = impl_->assessment;
  if (!impl_->assessments) {
    impl_->assessments = impl_->make("assessments");
    impl_->assessments->col("organization_id", b.organization_id)
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
        .col("is_legacy", impl_->one)
        .col("created_by_id", b.created_by_id)
        .col("created_at", b.created_at)
        .col("updated_at", b.updated_at);
    impl_->assessments->prepare();
  }
  b = a;
  return impl_->assessments->run();
}

long long LegacyImportStore::insert_package(const NewPackage& p) {
  auto& b = impl_->package;
  if (!impl_->packages) {
    impl_->packages = impl_->make("session_packages");
    impl_->packages->col("organization_id", b.organization_id)
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
        .col("is_legacy", impl_->one)
        .col("notes", b.notes)
        .col("created_at", b.created_at)
        .col("updated_at", b.updated_at);
    impl_->packages->prepare();
  }
  b = p;
  return impl_->packages->run();
}

long long LegacyImportStore::insert_session(const NewSession& s) {
  auto& b = impl_->session;
  if (!impl_->sessions) {
    impl_->sessions = impl_->make("sessions");
    impl_->sessions->col("organization_id", b.organization_id)
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
    impl_->sessions->prepare();
  }
  b = s;
  return impl_->sessions->run();
}

long long LegacyImportStore::insert_payment(const NewPayment& p) {
  auto& b = impl_->payment;
  if (!impl_->payments) {
    impl_->payments = impl_->make("payments");
    impl_->payments->col("organization_id", b.organization_id)
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
        .col("is_legacy", impl_->one)
        .col("created_at", b.created_at);
    impl_->payments->prepare();
  }
  b = p;
  return impl_->payments->run();
}

long long LegacyImportStore::insert_fee_audit(const NewFeeAudit& f) {
  auto& b = impl_->fee;
  if (!impl_->fees) {
    impl_->fees = impl_->make("fee_audit_log");
    impl_->fees->col("organization_id", b.organization_id)
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
    impl_->fees->prepare();
  }
  b = f;
  return impl_->fees->run();
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
  auto& k = impl_->key;
  if (!impl_->keys) {
    impl_->keys = impl_->make("legacy_import_rows");
    impl_->keys->col("source", k.source)
        .col("source_table", k.source_table)
        .col("source_id", k.source_id)
        .col("target_table", k.target_table)
        .col("target_id", k.target_id)
        .col("imported_at", k.now)
        .col("raw", k.raw);
    impl_->keys->prepare();
  }
  k.source = source;
  k.source_table = source_table;
  k.source_id = source_id;
  k.target_table = target_table;
  k.target_id = target_id;
  k.raw = raw;
  k.now = now;
  impl_->keys->run();
}

}  // namespace the5hc::store
