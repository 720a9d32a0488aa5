#include "store/batch_insert.hpp"

#include <soci/soci.h>

#include <cstring>
#include <deque>

#include "store/query.hpp"

namespace the5hc::store {
namespace {

constexpr std::size_t kBatch = 250;

Dialect dialect_of(soci::session& sql) {
  return sql.get_backend_name() == "postgresql" ? Dialect::postgres : Dialect::sqlite;
}

// INSERT INTO table (columns of `shape`) VALUES (...) × rows, prepared once; values are copied into its bound slots
// before each run. with_id: an explicit id column first (ids reserved on PostgreSQL).
class Statement {
 public:
  Statement(soci::session& sql, Dialect dialect, const std::string& table, const Columns& shape, bool with_id,
            std::size_t rows)
      : sql_(sql), dialect_(dialect), table_(table), width_(shape.size() + (with_id ? 1 : 0)), with_id_(with_id),
        st_(sql) {
    std::string names = with_id ? "id" : "", values;
    for (const auto& c : shape) names += (names.empty() ? "" : ", ") + std::string(c.name);
    for (std::size_t r = 0; r < rows; ++r) {
      values += r ? ", (" : "(";
      if (with_id) bind(values, std::optional<std::int64_t>());
      for (std::size_t k = 0; k < shape.size(); ++k) {
        if (with_id || k) values += ", ";
        bind(values, shape[k].value);
      }
      values += ")";
    }
    std::string q = "INSERT INTO " + table + " (" + names + ") VALUES " + values;
    st_.alloc();
    st_.prepare(q);
    st_.define_and_bind();
  }

  // Moves the values of one row into row `row` (strings are not copied again: this runs per imported row).
  void set(std::size_t row, std::int64_t id, Columns&& values) {
    std::size_t at = row * width_;
    if (with_id_) assign(slots_[at++], std::optional<std::int64_t>(id));
    for (auto& c : values) assign(slots_[at++], std::move(c.value));
  }
  // Copies row `from` of another statement of the same table into row `row`.
  void set(std::size_t row, const Statement& other, std::size_t from) {
    for (std::size_t k = 0; k < width_; ++k) slots_[row * width_ + k] = other.slots_[from * width_ + k];
  }

  std::int64_t run() {
    st_.execute(true);
    if (dialect_ == Dialect::sqlite) sql_.get_last_insert_id(table_, id_);
    return id_;
  }

 private:
  struct Slot {
    std::size_t type = 0;  // Value's alternative
    long long i = 0;
    double d = 0;
    std::string s;
    soci::indicator ind = soci::i_null;
  };

  void bind(std::string& values, const Value& shape) {
    Slot& slot = slots_.emplace_back();
    slot.type = shape.index();
    values += ":p" + std::to_string(slots_.size());
    if (slot.type == 0) st_.exchange(soci::use(slot.i, slot.ind));
    else if (slot.type == 1) st_.exchange(soci::use(slot.d, slot.ind));
    else st_.exchange(soci::use(slot.s, slot.ind));
  }
  static void assign(Slot& slot, Value&& v) {
    if (v.index() != slot.type) throw std::logic_error("batch insert: a column changed its type");
    std::visit(
        [&](auto& o) {
          slot.ind = o ? soci::i_ok : soci::i_null;
          if (!o) return;
          using T = std::decay_t<decltype(*o)>;
          if constexpr (std::is_same_v<T, std::int64_t>) slot.i = *o;
          else if constexpr (std::is_same_v<T, double>) slot.d = *o;
          else slot.s = std::move(*o);
        },
        v);
  }

  soci::session& sql_;
  Dialect dialect_;
  std::string table_;
  std::size_t width_;
  bool with_id_;
  soci::statement st_;
  std::deque<Slot> slots_;  // a deque: SOCI keeps the addresses bound
  long long id_ = 0;
};

}  // namespace

std::int64_t insert_row(soci::session& sql, const char* table, const Columns& row) {
  // Through the statement caches of store/query.hpp: the same INSERT text every time for a table's writes, prepared
  // once per connection (every write of every request adds at least its audit row). The text is appended in place:
  // temporary strings per column cost the group-commit writer ~40k instructions per assessment (issue 11).
  SqlParams p;
  std::string insert, values;
  insert.reserve(64 + 40 * row.size());
  values.reserve(6 * row.size());
  insert.append("INSERT INTO ").append(table).append(" (");
  for (const auto& c : row) {
    if (!values.empty()) {
      insert.append(", ");
      values.append(", ");
    }
    insert.append(c.name);
    values.append(std::visit([&](const auto& o) { return o ? p.add(*o) : p.add_null(); }, c.value));
  }
  insert.append(") VALUES (").append(values).append(")");
  if (dialect_of(sql) == Dialect::postgres) return fetch_int(sql, insert.append(" RETURNING id"), p);
  execute(sql, insert, p);
  return last_insert_rowid(sql);
}

struct RowBatches::Table {
  Table(soci::session& s, Dialect d, const char* n, bool r) : sql(s), dialect(d), name(n), reserve(r) {}

  std::int64_t add(Columns row) {
    if (dialect == Dialect::sqlite) {
      if (!single) single = std::make_unique<Statement>(sql, dialect, name, row, false, 1);
      single->set(0, 0, std::move(row));
      return single->run();
    }
    if (!single) {
      single = std::make_unique<Statement>(sql, dialect, name, row, reserve, 1);
      multi = std::make_unique<Statement>(sql, dialect, name, row, reserve, kBatch);
    }
    std::int64_t id = reserve ? next_id() : 0;
    multi->set(count++, id, std::move(row));
    ids.push_back(id);
    return id;
  }
  bool full() const { return count == kBatch; }

  void flush() {
    if (count == 0) return;
    std::size_t n = count;
    count = 0;
    std::vector<std::int64_t> written;
    written.swap(ids);
    if (n == kBatch) {
      sql << "SAVEPOINT row_batch";
      try {
        multi->run();
        sql << "RELEASE SAVEPOINT row_batch";
        return;
      } catch (const std::exception&) {
        sql << "ROLLBACK TO SAVEPOINT row_batch";
      }
    }
    for (std::size_t i = 0; i < n; ++i) {
      single->set(0, *multi, i);
      try {
        single->run();
      } catch (const std::exception& e) {
        throw BatchRowError(name, written[i], e.what());
      }
    }
  }

  std::int64_t next_id() {
    if (next == reserved.size()) {
      reserved.assign(kBatch, 0);
      long long n = static_cast<long long>(kBatch);
      sql << "SELECT nextval(pg_get_serial_sequence('" + name + "', 'id')) FROM generate_series(1, :n)",
          soci::into(reserved), soci::use(n);
      next = 0;
    }
    return reserved[next++];
  }

  soci::session& sql;
  Dialect dialect;
  std::string name;
  bool reserve;
  std::unique_ptr<Statement> single, multi;  // multi's slots hold the buffered rows
  std::size_t count = 0;
  std::vector<std::int64_t> ids;  // of the buffered rows
  std::vector<long long> reserved;
  std::size_t next = 0;
};

RowBatches::RowBatches(soci::session& sql, Dialect dialect) : sql_(sql), dialect_(dialect) {}
RowBatches::~RowBatches() = default;

RowBatches::Table& RowBatches::table(const char* name, bool reserve_id) {
  for (auto& t : tables_)
    if (t->name == name) return *t;
  return *tables_.emplace_back(std::make_unique<Table>(sql_, dialect_, name, reserve_id));
}

std::int64_t RowBatches::add(const char* name, Columns row, bool reserve_id) {
  Table& t = table(name, reserve_id);
  std::int64_t id = t.add(std::move(row));
  if (t.full()) {
    for (std::size_t i = 0; i < tables_.size(); ++i)
      if (tables_[i].get() == &t) flush_through(i);
  }
  return id;
}

void RowBatches::flush_through(std::size_t index) {
  for (std::size_t i = 0; i < index; ++i)
    if (tables_[i]->reserve) tables_[i]->flush();
  tables_[index]->flush();
}

void RowBatches::flush(const std::string& name) {
  for (std::size_t i = 0; i < tables_.size(); ++i)
    if (tables_[i]->name == name) flush_through(i);
}

void RowBatches::flush() {
  for (auto& t : tables_) t->flush();
}

}  // namespace the5hc::store
