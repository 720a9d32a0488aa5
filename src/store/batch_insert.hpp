#pragma once
// Internal to src/store (it includes soci): INSERT statements prepared once and re-executed per row, and on
// PostgreSQL multi-row batches. One round trip per row made a 100,000-row legacy import take over a minute on
// PostgreSQL; a batch of 250 rows per statement, with ids reserved from the identity sequence so that callers
// still learn each id at once, takes seconds. SQLite runs in-process, so it keeps one statement per row.
#include <soci/soci.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace the5hc::store::detail {

class Insert {
 public:
  // returning: PostgreSQL reports the new id with RETURNING id (SQLite uses last_insert_rowid either way).
  Insert(soci::session& sql, Dialect dialect, std::string table, bool returning = true)
      : sql_(sql), dialect_(dialect), table_(std::move(table)), returning_(returning), st_(sql) {}

  // Starts the next VALUES group of a multi-row statement; the first group names the columns.
  Insert& group() {
    ++groups_;
    return *this;
  }
  template <class T>
  Insert& col(const char* name, T& value) {
    add_column(name);
    st_.exchange(soci::use(value));
    return *this;
  }
  // Optional values go through a slot with an indicator, refreshed from the std::optional before each run.
  template <class T>
  Insert& col(const char* name, std::optional<T>& value) {
    auto slot = std::make_unique<Slot<T>>(value);
    add_column(name);
    st_.exchange(soci::use(slot->v, slot->ind));
    slots_.push_back(std::move(slot));
    return *this;
  }

  void prepare();
  long long run();  // the new id (with a single group)

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
  void add_column(const char* name);

  soci::session& sql_;
  Dialect dialect_;
  std::string table_;
  bool returning_;
  soci::statement st_;
  int groups_ = 0;
  std::vector<std::string> cols_;        // of the first group
  std::vector<std::string> placeholders_;  // per group, in order
  std::vector<std::unique_ptr<SlotBase>> slots_;
  long long id_ = 0;
};

// A row of a batch that could not be written: its position and reserved id (0 when ids are not reserved).
struct BatchRowError : std::runtime_error {
  BatchRowError(std::string t, long long i, const std::string& m) : std::runtime_error(m), table(std::move(t)), id(i) {}
  std::string table;
  long long id;
};

template <class R>
class Batched {
 public:
  using Binder = void (*)(Insert&, R&);
  static constexpr size_t kBatch = 250;

  Batched(soci::session& sql, Dialect dialect, std::string table, Binder bind, bool reserve_ids)
      : sql_(sql), dialect_(dialect), table_(std::move(table)), bind_(bind), reserve_(reserve_ids) {}

  // SQLite: inserts now. PostgreSQL: buffers the row; the id is reserved (0 without reserve_ids).
  long long add(const R& row) {
    if (dialect_ == Dialect::sqlite) {
      one_ = row;
      return single().run();
    }
    if (rows_.empty()) {
      rows_.resize(kBatch);
      ids_.resize(kBatch);
    }
    rows_[count_] = row;
    ids_[count_] = reserve_ ? next_id() : 0;
    return ids_[count_++];
  }
  bool full() const { return count_ == kBatch; }
  size_t pending() const { return count_; }
  const R& pending_row(size_t i) const { return rows_[i]; }

  // Writes the buffered rows. A failing batch is rolled back to a savepoint and replayed row by row, so the
  // BatchRowError names the row at fault.
  void flush() {
    if (count_ == 0) return;
    size_t n = count_;
    count_ = 0;
    if (n == kBatch) {
      sql_ << "SAVEPOINT legacy_batch";
      try {
        multi().run();
        sql_ << "RELEASE SAVEPOINT legacy_batch";
        return;
      } catch (const std::exception&) {
        sql_ << "ROLLBACK TO SAVEPOINT legacy_batch";
      }
    }
    for (size_t i = 0; i < n; ++i) {
      one_ = rows_[i];
      one_id_ = ids_[i];
      try {
        single().run();
      } catch (const std::exception& e) {
        throw BatchRowError(table_, ids_[i], e.what());
      }
    }
  }

 private:
  Insert& single() {
    if (!single_) {
      single_ = std::make_unique<Insert>(sql_, dialect_, table_, dialect_ == Dialect::sqlite);
      single_->group();
      if (reserve_ && dialect_ == Dialect::postgres) single_->col("id", one_id_);
      bind_(*single_, one_);
      single_->prepare();
    }
    return *single_;
  }
  Insert& multi() {
    if (!multi_) {
      multi_ = std::make_unique<Insert>(sql_, dialect_, table_, false);
      for (size_t g = 0; g < kBatch; ++g) {
        multi_->group();
        if (reserve_) multi_->col("id", ids_[g]);
        bind_(*multi_, rows_[g]);
      }
      multi_->prepare();
    }
    return *multi_;
  }
  long long next_id() {
    if (next_ == reserved_.size()) {
      reserved_.assign(kBatch, 0);
      long long n = static_cast<long long>(kBatch);
      sql_ << "SELECT nextval(pg_get_serial_sequence('" + table_ + "', 'id')) FROM generate_series(1, :n)",
          soci::into(reserved_), soci::use(n);
      next_ = 0;
    }
    return reserved_[next_++];
  }

  soci::session& sql_;
  Dialect dialect_;
  std::string table_;
  Binder bind_;
  bool reserve_;
  R one_{};
  long long one_id_ = 0;
  std::vector<R> rows_;  // sized once: the multi-row statement is bound to these elements
  std::vector<long long> ids_;
  size_t count_ = 0;
  std::vector<long long> reserved_;
  size_t next_ = 0;
  std::unique_ptr<Insert> single_, multi_;
};

}  // namespace the5hc::store::detail
