#pragma once
// One result row as store code reads it, the same on both engines. The statement caches (query.cpp for SQLite,
// pg_statements.cpp for PostgreSQL) fill it straight from the engine's result: numbers as numbers and text as a view
// of the engine's own buffer, so reading a row copies only what the caller keeps (issue 11: building a soci::row —
// a heap holder per column, a dynamic_cast and two copies per text — was a sixth of a client list's instructions).
// A Row and the views it holds are valid only inside the for_each_row callback that receives it.
// A column's type is the value's: SQLite's storage class of that value; on PostgreSQL int2/int4/int8/bool/oid are
// integers, float4/float8/numeric reals, everything else (dates, times, json) text. The accessors below convert
// whatever arrives, so `get_int` reads a column the same way on both engines. Include only from src/store/*.cpp.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace the5hc::store {

class Row {
 public:
  enum class Type : unsigned char { null, integer, real, text };

  std::size_t size() const { return cells_.size(); }
  Type type(std::size_t i) const { return cells_[i].type; }
  std::int64_t integer(std::size_t i) const { return cells_[i].integer; }  // when type(i) is integer
  double real(std::size_t i) const { return cells_[i].real; }              // when type(i) is real
  std::string_view text(std::size_t i) const { return {cells_[i].text, cells_[i].size}; }  // when type(i) is text
  const std::string& name(std::size_t i) const { return names_[i]; }

  // For the readers: the columns' names, once per statement, then each row's values.
  void lay_out(std::vector<std::string> names) {
    names_ = std::move(names);
    cells_.assign(names_.size(), Cell{});
  }
  void set_null(std::size_t i) { cells_[i].type = Type::null; }
  void set_int(std::size_t i, std::int64_t v) {
    cells_[i].type = Type::integer;
    cells_[i].integer = v;
  }
  void set_real(std::size_t i, double v) {
    cells_[i].type = Type::real;
    cells_[i].real = v;
  }
  void set_text(std::size_t i, const char* text, std::size_t size) {
    cells_[i].type = Type::text;
    cells_[i].text = text;
    cells_[i].size = size;
  }

 private:
  struct Cell {
    Type type = Type::null;
    std::int64_t integer = 0;
    double real = 0;
    const char* text = "";
    std::size_t size = 0;
  };
  std::vector<Cell> cells_;
  std::vector<std::string> names_;
};

inline bool is_null(const Row& r, std::size_t i) { return r.type(i) == Row::Type::null; }
std::int64_t get_int(const Row& r, std::size_t i);  // NULL → 0; a real is rounded; text is parsed
double get_real(const Row& r, std::size_t i);        // NULL → 0.0; text is parsed
std::string get_text(const Row& r, std::size_t i);   // NULL → ""; numbers as std::to_string writes them
bool get_bool(const Row& r, std::size_t i);          // 0/1 integers; NULL → false
std::optional<std::int64_t> get_opt_int(const Row& r, std::size_t i);
std::optional<double> get_opt_real(const Row& r, std::size_t i);
std::optional<std::string> get_opt_text(const Row& r, std::size_t i);

// By column name (lower case as written in the SELECT).
std::size_t column(const Row& r, std::string_view name);

// Binding optionals: SOCI 4.0 has no std::optional support, so a value + indicator pair is kept alive for the
// statement's duration: `OptionalParam<double> t(input.temperature); sql << "...:t", soci::use(t.value, t.ind);`
template <class T>
struct OptionalParam {
  explicit OptionalParam(const std::optional<T>& v) : value(v.value_or(T{})), ind(v ? soci::i_ok : soci::i_null) {}
  T value;
  soci::indicator ind;
};

// Inserted ids: `sql << "INSERT ... RETURNING id", soci::use(...), soci::into(id);` works on both engines
// (SQLite ≥ 3.35).

}  // namespace the5hc::store
