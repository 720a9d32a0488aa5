#pragma once
// Rows as column lists, written one at a time or in batches. Each table's columns are listed once, next to its row
// type, by the store file that owns the table (clients.cpp, sessions.cpp...); its single-row insert and its batched
// insert both write that list. soci stays out of this header.
//
// Batches: one round trip per row made a 100,000-row legacy import take over a minute on PostgreSQL; 250 rows per
// statement, with ids reserved from the identity sequence so that callers still learn each id at once, take
// seconds. SQLite runs in-process, so there every row is inserted at once by one prepared statement per table.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "store/database.hpp"

namespace soci {
class session;
}

namespace the5hc::store {

// A column value; the alternative fixes the column's SQL type even when the value is NULL.
using Value = std::variant<std::optional<std::int64_t>, std::optional<double>, std::optional<std::string>>;
struct Column {
  const char* name;
  Value value;
};
using Columns = std::vector<Column>;

// val(x): integers and bools (0/1) → INTEGER, floating point → REAL, strings → TEXT; an empty optional → NULL.
template <class T>
Value val(const T& v) {
  if constexpr (std::is_same_v<T, bool>) return std::optional<std::int64_t>(v ? 1 : 0);
  else if constexpr (std::is_integral_v<T>) return std::optional<std::int64_t>(static_cast<std::int64_t>(v));
  else if constexpr (std::is_floating_point_v<T>) return std::optional<double>(static_cast<double>(v));
  else return std::optional<std::string>(std::string(v));
}
template <class T>
Value val(const std::optional<T>& v) {
  if (v) return val(*v);
  if constexpr (std::is_integral_v<T>) return std::optional<std::int64_t>();
  else if constexpr (std::is_floating_point_v<T>) return std::optional<double>();
  else return std::optional<std::string>();
}

// Inserts one row now and returns its id.
std::int64_t insert_row(soci::session& sql, const char* table, const Columns& row);

// A row of a batch that could not be written: its table and reserved id.
struct BatchRowError : std::runtime_error {
  BatchRowError(std::string t, std::int64_t i, const std::string& m)
      : std::runtime_error(m), table(std::move(t)), id(i) {}
  std::string table;
  std::int64_t id;
};

// Rows of several tables written inside the caller's transaction. SQLite: each row is inserted at once.
// PostgreSQL: rows are buffered per table and written by multi-row statements; a full buffer is written after the
// buffers of the tables with reserved ids first used before it (rows that may be its parents: foreign keys are
// checked per statement). Call flush() before reading the rows through another path.
class RowBatches {
 public:
  RowBatches(soci::session& sql, Dialect dialect);
  ~RowBatches();
  RowBatches(const RowBatches&) = delete;
  RowBatches& operator=(const RowBatches&) = delete;

  soci::session& session() { return sql_; }
  // The new row's id; on PostgreSQL reserved from the table's sequence, or 0 with reserve_id = false (a table
  // whose rows nothing in the batch refers to).
  std::int64_t add(const char* table, Columns row, bool reserve_id = true);
  // Writes the table's buffer and those of its possible parents; every buffer without a table. A failing batch is
  // rolled back to a savepoint and replayed row by row, so the BatchRowError names the row at fault.
  void flush(const std::string& table);
  void flush();

 private:
  struct Table;
  Table& table(const char* name, bool reserve_id);
  void flush_through(std::size_t index);

  soci::session& sql_;
  Dialect dialect_;
  std::vector<std::unique_ptr<Table>> tables_;  // in order of first use
};

}  // namespace the5hc::store
