#pragma once
// Reading soci::row values the same way on both engines. SOCI reports a column's type from the backend
// (SQLite: the declared type or the stored value; PostgreSQL: int2/int4 → integer, int8 → long long, numeric →
// double or string), so `row.get<long long>` works on one engine and throws std::bad_cast on the other. These
// accessors convert whatever arrives. Include only from src/store/*.cpp.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

namespace the5hc::store {

bool is_null(const soci::row& r, std::size_t i);
std::int64_t get_int(const soci::row& r, std::size_t i);  // NULL → 0
double get_real(const soci::row& r, std::size_t i);        // NULL → 0.0
std::string get_text(const soci::row& r, std::size_t i);   // NULL → ""
bool get_bool(const soci::row& r, std::size_t i);          // 0/1 integers; NULL → false
std::optional<std::int64_t> get_opt_int(const soci::row& r, std::size_t i);
std::optional<double> get_opt_real(const soci::row& r, std::size_t i);
std::optional<std::string> get_opt_text(const soci::row& r, std::size_t i);

// By column name (lower case as written in the SELECT).
std::size_t column(const soci::row& r, const std::string& name);

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
