#include "store/clients.hpp"

#include <soci/soci.h>

#include <algorithm>

#include "store/batch_insert.hpp"
#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {
namespace {

// The derived figures are columns of the client's row, kept current by triggers (migration 0010): no subquery per
// listed client. Only "a future scheduled session" depends on today and is compared here.
const char* kSelect =
    "SELECT c.id, c.organization_id, c.trainer_id, c.name, c.age, c.gender, c.height, c.weight, c.email, c.phone, "
    "c.created_at, c.updated_at, u.name AS trainer_name, c.assessment_count, c.latest_overall_score, "
    "c.latest_assessment_date, c.active_package_count, c.latest_activity_date, ";

const char* kFrom = " FROM clients c JOIN trainers t ON t.id = c.trainer_id JOIN users u ON u.id = t.user_id ";

// Reads the row into c (a page reads each client straight into its vector).
void read_client(const Row& r, Client& c) {
  c.id = get_int(r, 0);
  c.organization_id = get_int(r, 1);
  c.fields.trainer_id = get_int(r, 2);
  c.fields.name = get_text(r, 3);
  c.fields.age = static_cast<int>(get_int(r, 4));
  c.fields.gender = get_text(r, 5);
  c.fields.height = get_real(r, 6);
  c.fields.weight = get_real(r, 7);
  c.fields.email = get_opt_text(r, 8);
  c.fields.phone = get_opt_text(r, 9);
  c.created_at = get_text(r, 10);
  c.updated_at = get_text(r, 11);
  c.trainer_name = get_text(r, 12);
  c.assessment_count = get_int(r, 13);
  c.latest_overall_score = get_opt_real(r, 14);
  c.latest_assessment_date = get_opt_text(r, 15);
  c.active_package_count = get_int(r, 16);
  c.latest_activity_date = get_opt_text(r, 17);
  c.has_future_scheduled_session = get_int(r, 18) > 0;
}

Client to_client(const Row& r) {
  Client c;
  read_client(r, c);
  return c;
}

std::string future_scheduled(SqlParams& p, const std::string& today) {
  return "CASE WHEN c.latest_scheduled_session_date > " + p.add(today) + " THEN 1 ELSE 0 END";
}

// A non-ASCII character of the search words, for the index of migration 0012: the last one, as Korean names begin
// with a family name (a handful of which cover half the population), so a later syllable is usually the rarer one.
// One character is enough: the substring test below still decides, so intersecting several lists would only repeat
// it. A character is a lead byte (0xC0 and above) with its continuation bytes — how SQLite's substr() and
// PostgreSQL split search_text (valid UTF-8 — the HTTP layer and the legacy import ensure it) into the table.
// Only within one organisation: the index is kept per organisation (a superuser's search over all reads every client).
std::optional<std::string> indexed_character(const ClientFilter& f) {
  std::optional<std::string> last;
  if (!f.organization_id) return last;
  for (const auto& w : f.search)
    for (std::size_t i = 0; i < w.size();) {
      std::size_t n = 1;
      if (static_cast<unsigned char>(w[i]) >= 0xC0) {
        while (i + n < w.size() && (static_cast<unsigned char>(w[i + n]) & 0xC0) == 0x80) ++n;
        last = w.substr(i, n);
      }
      i += n;
    }
  return last;
}

// How a query that uses the index of characters reads it: as a list of candidate ids in its WHERE, or by the caller
// (from_candidates).
enum class Candidates { listed, joined };

std::string where(soci::session& sql, const ClientFilter& f, SqlParams& p, Candidates candidates = Candidates::listed) {
  // A word with a Korean syllable (or any non-ASCII character) tests only the clients holding it, found in the index
  // of such characters (migration 0012; ch '' marks a search_text too long for that index); ASCII-only words test
  // every client of the organisation. The engines are told to drive from that index: SQLite plans without
  // statistics and would rather walk an index of the organisation (or trainer) and look each client up in the
  // list, so a unary + takes those columns out of its choice; PostgreSQL cannot know how rare the substring is
  // and would hash an IN (subquery) beside a scan of every client, but reads the primary key for = ANY of an array.
  const auto ch = indexed_character(f);
  const bool sqlite = sql.get_backend_name() == "sqlite3";
  const std::string not_driving = ch && sqlite ? "+" : "";
  std::string w = "WHERE 1 = 1";
  if (f.organization_id) w += " AND " + not_driving + "c.organization_id = " + p.add(*f.organization_id);
  if (f.only_trainer_id) w += " AND " + not_driving + "c.trainer_id = " + p.add(*f.only_trainer_id);
  if (ch && candidates == Candidates::listed) {
    const std::string holding = "SELECT s.client_id FROM client_search_chars s WHERE s.organization_id = " +
                                p.add(*f.organization_id) + " AND s.ch IN (" + p.add(*ch) + ", '')";
    w += sqlite ? " AND c.id IN (" + holding + ")" : " AND c.id = ANY(ARRAY(" + holding + "))";
  }
  // name, e-mail, phone and phone digits in one lower-cased column (migration 0004 keeps it current)
  for (const auto& term : f.search) {
    // A search of one character — a family name — is answered by the index itself (s.exact: the client holds the
    // character); only the clients marked long are tested.
    const bool answered = candidates == Candidates::joined && f.search.size() == 1 && term == *ch;
    const std::string test = contains_sql(sql, "c.search_text", p, term);
    w += answered ? " AND (s.exact = 1 OR " + test + ")" : " AND " + test;
  }
  if (f.gender) w += " AND c.gender = " + p.add(*f.gender);
  if (f.age_min) w += " AND c.age >= " + p.add(*f.age_min);
  if (f.age_max) w += " AND c.age <= " + p.add(*f.age_max);
  if (f.trainer_id) w += " AND " + not_driving + "c.trainer_id = " + p.add(*f.trainer_id);
  if (f.bmi_range) {
    // BMI categories are taken from the value rounded to one decimal: rounded ≥ x ⇔ raw ≥ x − 0.05.
    const std::string raw = "(c.weight * 10000.0 / (c.height * c.height))";
    w += " AND " + raw + " >= " + p.add(f.bmi_range->first - 0.05) + " AND " + raw + " < " +
         p.add(f.bmi_range->second - 0.05);
  }
  if (f.active) {
    // The SQL form of domain::is_active_client: activity dated on or after the cut-off, or a future booking — which
    // is itself a non-cancelled session after today, so the latest activity covers it.
    const std::string cutoff = p.add(f.activity_cutoff);
    w += *f.active ? " AND c.latest_activity_date >= " + cutoff
                   : " AND (c.latest_activity_date IS NULL OR c.latest_activity_date < " + cutoff + ")";
  }
  if (f.latest_score_none) w += " AND c.latest_overall_score IS NULL";
  if (f.latest_score_range)
    w += " AND c.latest_overall_score >= " + p.add(f.latest_score_range->first) +
         " AND c.latest_overall_score < " + p.add(f.latest_score_range->second);
  if (f.created_from) w += " AND c.created_at >= " + p.add(*f.created_from);
  if (f.created_to) w += " AND c.created_at < " + p.add(*f.created_to);
  return w;
}

// The list's default order (never destroyed: a request may still run while the process exits).
const Sort<ClientSort>& newest_first() {
  static const auto* newest = new Sort<ClientSort>{{ClientSort::created_at, true}};
  return *newest;
}

std::string order_sql(const Sort<ClientSort>& sort) {
  if (sort.empty()) return order_sql(newest_first());
  return order_by_sql(sort, [](ClientSort key, bool descending) {
    switch (key) {
      case ClientSort::name: return directed("c.name", descending);
      case ClientSort::age: return directed("c.age", descending);
      case ClientSort::created_at: break;
    }
    return directed("c.created_at", descending);
  }, "c.id");
}

}  // namespace

std::vector<Client> list_clients(soci::session& sql, const ClientFilter& f, const Sort<ClientSort>& sort, int limit,
                                 int offset) {
  SqlParams p;
  std::string q = std::string(kSelect) + future_scheduled(p, f.today) + " AS future_sessions" + kFrom + where(sql, f, p) +
                  " ORDER BY " + order_sql(sort) + " LIMIT " + std::to_string(limit) + " OFFSET " + std::to_string(offset);
  std::vector<Client> out;
  out.reserve(static_cast<std::size_t>(std::clamp(limit, 0, 100)));  // a page (an export reads more, and grows)
  for_each_row(sql, q, p, [&](const Row& r) { read_client(r, out.emplace_back()); });
  return out;
}

namespace {
// The clients of `ids`, in that order (one query; every id is in the transaction's snapshot).
std::vector<Client> clients_in_order(soci::session& sql, const std::vector<std::int64_t>& ids,
                                     const std::string& today) {
  std::vector<Client> out;
  if (ids.empty()) return out;
  SqlParams p;
  std::string q = std::string(kSelect) + future_scheduled(p, today) + " AS future_sessions" + kFrom + "WHERE c.id IN (";
  for (std::size_t i = 0; i < ids.size(); ++i) q += (i ? ", " : "") + p.add(ids[i]);
  q += ")";
  std::vector<std::optional<Client>> placed(ids.size());
  for_each_row(sql, q, p, [&](const Row& r) {
    Client c = to_client(r);
    const auto at = std::find(ids.begin(), ids.end(), c.id) - ids.begin();
    placed[static_cast<std::size_t>(at)] = std::move(c);
  });
  out.reserve(ids.size());
  for (auto& c : placed)
    if (c) out.push_back(std::move(*c));
  return out;
}

// The ids a search narrowed by the index of characters finds, in the order of order_sql(sort).
std::vector<std::int64_t> search_ids(soci::session& sql, const ClientFilter& f, const Sort<ClientSort>& sort) {
  SqlParams p;
  std::vector<std::int64_t> ids;
  for_each_row(sql, "SELECT c.id FROM clients c " + where(sql, f, p) + " ORDER BY " + order_sql(sort), p,
               [&](const Row& r) { ids.push_back(get_int(r, 0)); });
  return ids;
}

// " FROM <the candidates> s CROSS JOIN clients c": the clients holding the character (s.exact = 1), then those marked
// '' (the two lists one after the other, without the temporary table an IN (…, '') builds); a client in both comes
// twice.
std::string from_candidates(const ClientFilter& f, const std::string& ch, SqlParams& p) {
  return " FROM (SELECT client_id, 1 AS exact FROM client_search_chars WHERE organization_id = " +
         p.add(*f.organization_id) + " AND ch = " + p.add(ch) +
         " UNION ALL SELECT client_id, 0 FROM client_search_chars WHERE organization_id = " + p.add(*f.organization_id) +
         " AND ch = '') s CROSS JOIN clients c ON c.id = s.client_id ";
}

// search_ids on SQLite, driven by the index joined (no temporary table of candidates) and sorted here: SQLite's
// sorter took a third of the query for some fifty ids (1,000 clients), and its BINARY order of text is the bytes'
// order, as std::string::compare's. (PostgreSQL orders text by its collation, so there the database sorts.)
std::vector<std::int64_t> sqlite_search_ids(soci::session& sql, const ClientFilter& f, const Sort<ClientSort>& sort) {
  struct Match {
    std::int64_t id, age;
    std::string name, created_at;
  };
  const Sort<ClientSort>& keys = sort.empty() ? newest_first() : sort;
  auto sorts_by = [&](ClientSort key) {
    return std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return k.key == key; });
  };
  // Only the columns the order needs are read (the others as constants).
  const std::string columns = std::string("SELECT c.id, ") + (sorts_by(ClientSort::age) ? "c.age" : "0") + ", " +
                              (sorts_by(ClientSort::name) ? "c.name" : "''") + ", " +
                              (sorts_by(ClientSort::created_at) ? "c.created_at" : "''");
  std::vector<Match> found;
  SqlParams p;
  for_each_row(sql, columns + from_candidates(f, *indexed_character(f), p) + where(sql, f, p, Candidates::joined), p,
               [&](const Row& r) { found.push_back({get_int(r, 0), get_int(r, 1), get_text(r, 2), get_text(r, 3)}); });
  std::sort(found.begin(), found.end(), [&](const Match& a, const Match& b) {
    for (const auto& k : keys) {
      int c = 0;
      switch (k.key) {
        case ClientSort::name: c = a.name.compare(b.name); break;
        case ClientSort::age: c = (a.age > b.age) - (a.age < b.age); break;
        case ClientSort::created_at: c = a.created_at.compare(b.created_at); break;
      }
      if (c != 0) return k.descending ? c > 0 : c < 0;
    }
    return a.id > b.id;  // order_sql's tie-breaker
  });
  std::vector<std::int64_t> ids;
  ids.reserve(found.size());
  for (const auto& m : found)
    if (ids.empty() || ids.back() != m.id) ids.push_back(m.id);  // a client found twice sorts next to itself
  return ids;
}
}  // namespace

namespace {
// A filter that keeps every client of an organisation, or of one trainer: its count is kept on their rows
// (migration 0011) instead of being counted.
bool only_scope(const ClientFilter& f) {
  return f.search.empty() && !f.gender && !f.age_min && !f.age_max && !f.trainer_id && !f.bmi_range && !f.active &&
         !f.latest_score_range && !f.latest_score_none && !f.created_from && !f.created_to &&
         (f.organization_id || f.only_trainer_id);
}

// The count of an only_scope filter, read from its counter.
std::string scope_count_sql(const ClientFilter& f, SqlParams& p) {
  // A trainer's clients are all of the trainer's organisation (the client takes its trainer's organisation).
  std::string q = f.only_trainer_id ? "SELECT client_count FROM trainers WHERE id = " + p.add(*f.only_trainer_id)
                                    : "SELECT client_count FROM organizations WHERE id = " + p.add(*f.organization_id);
  if (f.only_trainer_id && f.organization_id) q += " AND organization_id = " + p.add(*f.organization_id);
  return q;
}

// A page read by one statement together with how many clients match: `matching` is the SQL that counts them, in the
// statement's own snapshot. Past the last page no row carries it, and it is counted apart.
ClientPage counted_page(soci::session& sql, const ClientFilter& f, const Sort<ClientSort>& sort, int limit, int offset,
                        const std::function<std::string(SqlParams&)>& matching) {
  ClientPage page;
  SqlParams p;
  std::string q = std::string(kSelect) + future_scheduled(p, f.today) + " AS future_sessions, " + matching(p) +
                  " AS matching" + kFrom + where(sql, f, p) + " ORDER BY " + order_sql(sort) + " LIMIT " +
                  std::to_string(limit) + " OFFSET " + std::to_string(offset);
  page.rows.reserve(static_cast<std::size_t>(std::clamp(limit, 0, 100)));
  for_each_row(sql, q, p, [&](const Row& r) {
    read_client(r, page.rows.emplace_back());
    page.count = get_int(r, 19);  // "matching", after read_client's 19 columns
  });
  if (page.rows.empty() && offset > 0) page.count = count_clients(sql, f);
  return page;
}
}  // namespace

ClientPage client_page(soci::session& sql, const ClientFilter& f, const Sort<ClientSort>& sort, int limit, int offset) {
  if (only_scope(f) && sql.get_backend_name() == "postgresql") {
    // The plain list on PostgreSQL reads its counter in the page's own statement: one round trip instead of two.
    // (On SQLite, where a statement costs no round trip, the counter read apart costs less than the extra column.)
    return counted_page(sql, f, sort, limit, offset, [&](SqlParams& p) { return "(" + scope_count_sql(f, p) + ")"; });
  }
  ClientPage page;
  if (f.search.empty()) {
    page.count = count_clients(sql, f);
    page.rows = list_clients(sql, f, sort, limit, offset);
    return page;
  }
  if (indexed_character(f)) {
    // A search narrowed by the index of characters reads its matches' ids in page order — the count is their number
    // — and then the page's rows by id. Sorting whole rows (with LIMIT, SQLite keeps them in a temporary B-tree) and
    // counting the candidates in a second pass cost twice as much (1,000 clients, 49 found).
    const std::vector<std::int64_t> ids = sql.get_backend_name() == "sqlite3" ? sqlite_search_ids(sql, f, sort)
                                                                               : search_ids(sql, f, sort);
    page.count = static_cast<std::int64_t>(ids.size());
    const auto from = std::min<std::size_t>(ids.size(), static_cast<std::size_t>(std::max(offset, 0)));
    const auto to = std::min<std::size_t>(ids.size(), from + static_cast<std::size_t>(std::max(limit, 0)));
    page.rows = clients_in_order(
        sql, {ids.begin() + static_cast<std::ptrdiff_t>(from), ids.begin() + static_cast<std::ptrdiff_t>(to)}, f.today);
    return page;
  }
  return counted_page(sql, f, sort, limit, offset, [](SqlParams&) { return std::string("COUNT(*) OVER ()"); });
}

std::int64_t count_clients(soci::session& sql, const ClientFilter& f) {
  SqlParams p;
  if (only_scope(f)) return fetch_int(sql, scope_count_sql(f, p), p);
  // No joins: every client has a trainer and every trainer a user (foreign keys), and the filters read only c.
  return fetch_int(sql, "SELECT COUNT(*) FROM clients c " + where(sql, f, p), p);
}

std::optional<Client> find_client(soci::session& sql, std::int64_t id, const std::string& today) {
  SqlParams p;
  std::string q = std::string(kSelect) + future_scheduled(p, today) + " AS future_sessions" + kFrom +
                  "WHERE c.id = " + p.add(id);
  std::optional<Client> out;
  for_each_row(sql, q, p, [&](const Row& r) { out = to_client(r); });
  return out;
}

std::optional<Client> find_client_record(soci::session& sql, std::int64_t id) {
  SqlParams p;
  // kSelect's columns in its order, the derived ones as constants: to_client reads both forms.
  std::string q =
      "SELECT c.id, c.organization_id, c.trainer_id, c.name, c.age, c.gender, c.height, c.weight, c.email, c.phone, "
      "c.created_at, c.updated_at, u.name AS trainer_name, 0, NULL, NULL, 0, NULL, 0" +
      std::string(kFrom) + "WHERE c.id = " + p.add(id);
  std::optional<Client> out;
  for_each_row(sql, q, p, [&](const Row& r) { out = to_client(r); });
  return out;
}

namespace {
Columns client_columns(const Client& c) {
  const auto& f = c.fields;
  return {{"organization_id", val(c.organization_id)},
          {"trainer_id", val(f.trainer_id)},
          {"name", val(f.name)},
          {"age", val(f.age)},
          {"gender", val(f.gender)},
          {"height", val(f.height)},
          {"weight", val(f.weight)},
          {"email", val(f.email)},
          {"phone", val(f.phone)},
          {"created_at", val(c.created_at)},
          {"updated_at", val(c.updated_at)}};
}
}  // namespace

std::int64_t insert_client(soci::session& sql, const Client& c) {
  return insert_row(sql, "clients", client_columns(c));
}
std::int64_t insert_client(RowBatches& batches, const Client& c) {
  return batches.add("clients", client_columns(c));
}

void update_client(soci::session& sql, std::int64_t id, const ClientFields& c, const std::string& now) {
  long long v = id, trainer = c.trainer_id;
  OptionalParam<std::string> email(c.email), phone(c.phone);
  sql << "UPDATE clients SET trainer_id = :trainer, name = :name, age = :age, gender = :gender, height = :height, "
         "weight = :weight, email = :email, phone = :phone, updated_at = :now WHERE id = :id",
      soci::use(trainer), soci::use(c.name), soci::use(c.age), soci::use(c.gender), soci::use(c.height),
      soci::use(c.weight), soci::use(email.value, email.ind), soci::use(phone.value, phone.ind), soci::use(now),
      soci::use(v);
}

void delete_client(soci::session& sql, std::int64_t id) {
  long long v = id;
  // Sessions and assessments (with their responses and reports) go with the client through ON DELETE CASCADE;
  // packages and payments block it and are checked by the caller first.
  sql << "DELETE FROM clients WHERE id = :id", soci::use(v);
}

bool client_email_taken(soci::session& sql, std::int64_t organization_id, const std::string& email,
                        std::optional<std::int64_t> except) {
  SqlParams p;
  std::string q = "SELECT COUNT(*) FROM clients WHERE organization_id = " + p.add(organization_id) +
                  " AND lower(email) = lower(" + p.add(email) + ")";
  if (except) q += " AND id <> " + p.add(*except);
  return fetch_int(sql, q, p) > 0;
}

bool client_name_exists(soci::session& sql, std::int64_t organization_id, const std::string& name,
                        std::optional<std::int64_t> except) {
  SqlParams p;
  std::string q = "SELECT COUNT(*) FROM clients WHERE organization_id = " + p.add(organization_id) +
                  " AND name = " + p.add(name);
  if (except) q += " AND id <> " + p.add(*except);
  return fetch_int(sql, q, p) > 0;
}

bool client_has_money_records(soci::session& sql, std::int64_t client_id) {
  SqlParams p;
  std::string q = "SELECT (SELECT COUNT(*) FROM payments WHERE client_id = " + p.add(client_id) +
                  ") + (SELECT COUNT(*) FROM session_packages WHERE client_id = " + p.add(client_id) + ")";
  return fetch_int(sql, q, p) > 0;
}

ClientStatistics client_statistics(soci::session& sql, std::int64_t client_id) {
  SqlParams p;
  auto id = [&] { return p.add(client_id); };  // one placeholder per use: engines differ on repeated names
  ClientStatistics s;
  for_each_row(
      sql,
      "SELECT (SELECT COUNT(*) FROM session_packages WHERE client_id = " + id() +
          "), (SELECT COUNT(*) FROM session_packages WHERE client_id = " + id() +
          " AND is_active = 1 AND remaining_sessions > 0), (SELECT COUNT(*) FROM sessions WHERE client_id = " +
          id() + "), (SELECT COUNT(*) FROM sessions WHERE client_id = " + id() +
          " AND status = 'completed'), (SELECT COUNT(*) FROM sessions WHERE client_id = " + id() +
          " AND status = 'scheduled'), (SELECT coalesce(SUM(amount), 0) FROM payments WHERE client_id = " + id() +
          ")",
      p, [&](const Row& r) {
        s.total_packages = get_int(r, 0);
        s.active_packages = get_int(r, 1);
        s.total_sessions = get_int(r, 2);
        s.completed_sessions = get_int(r, 3);
        s.scheduled_sessions = get_int(r, 4);
        s.total_paid = get_int(r, 5);
      });
  return s;
}

}  // namespace the5hc::store
