#pragma once
// Queries whose WHERE clause is assembled at run time (list filters, search): parameters are collected with their
// placeholders and bound in one go, so SQL stays parameterised and identical on both engines.
//   SqlParams p;
//   std::string where = "organization_id = " + p.add(org);
//   if (search) where += " AND lower(name) LIKE " + p.add(like_pattern(*search));
//   for_each_row(sql, "SELECT ... WHERE " + where + " ORDER BY id LIMIT 20", p, [&](const Row& r) {...});
#include <cstdint>
#include <functional>
#include <optional>
#include <type_traits>
#include <string>
#include <vector>

namespace soci {
class session;
}  // namespace soci

namespace the5hc::store {

class Row;  // store/row.hpp

class SqlParams {
 public:
  std::string add(std::int64_t v);  // returns the placeholder, e.g. ":p3"
  std::string add(int v) { return add(static_cast<std::int64_t>(v)); }
  std::string add(double v);
  std::string add(const std::string& v);
  std::string add(const char* v) { return add(std::string(v)); }
  std::string add_null();
  // Binds the collected values to an SQLite statement: slots[k] is the statement's index of the k-th placeholder
  // (0: unused), as the statement cache of query.cpp keeps it.
  void bind(void* sqlite_stmt, const std::vector<int>& slots) const;
  // The value of placeholder ":p<number>" as PostgreSQL text (store/pg_statements.cpp); nullptr for NULL. The
  // text lives in `scratch` (numbers) or in the params (text).
  const char* text_of(std::size_t number, std::string& scratch) const;
  std::size_t size() const { return values_.size(); }

 private:
  enum class Kind : char { null, integer, real, text };
  struct Value {
    Kind kind;
    std::int64_t integer;
    double real;
    std::string text;
  };
  std::string placeholder() const;  // ":p<n>" for the n-th value, the last added
  // Bound at execution, after every add: the values' addresses need not stay put while they are collected.
  std::vector<Value> values_;
};

// Runs `query` with the collected parameters, calling on_row for each result row (valid only during the call).
void for_each_row(soci::session& sql, const std::string& query, SqlParams& params,
                  const std::function<void(const Row&)>& on_row);
std::int64_t fetch_int(soci::session& sql, const std::string& query, SqlParams& params);  // first column, 0 if none
// The first result row as `convert` reads it, or nothing when there is none.
template <class Convert>
auto first_row(soci::session& sql, const std::string& query, SqlParams& params, Convert convert)
    -> std::optional<std::invoke_result_t<Convert, const Row&>> {
  std::optional<std::invoke_result_t<Convert, const Row&>> out;
  for_each_row(sql, query, params, [&](const Row& r) {
    if (!out) out = convert(r);
  });
  return out;
}
// A statement without a result set (UPDATE, DELETE) with the collected parameters; returns the rows it changed.
long long execute(soci::session& sql, const std::string& query, SqlParams& params);

// Transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT …) in the fewest round-trips each engine allows.
void transaction_control(soci::session& sql, const std::string& statement);

// for_each_row, fetch_int and execute prepare each distinct query once per connection and reuse it: preparing
// costs more than running most of these queries (SQLite here, PostgreSQL in store/pg_statements.cpp). A
// connection's statements are finalised before it closes (store::SessionDeleter calls this).
void forget_statements(soci::session& sql) noexcept;
// SQLite: the rowid of the connection's last INSERT (a plain call, where SOCI would run a query).
std::int64_t last_insert_rowid(soci::session& sql);

// "`column` contains `term`" for a column kept in lower case (the term is lower-cased as like_pattern does): a plain
// substring search (SQLite instr, PostgreSQL strpos), a fraction of LIKE's pattern matching. The client search ran
// LIKE over every client of the organisation and spent 40% of its time there (issue 11).
std::string contains_sql(soci::session& sql, const std::string& column, SqlParams& p, const std::string& term);

// "%term%" for LIKE with the term lower-cased (ASCII; Hangul has no case) and %, _ and \ escaped;
// use with `lower(column) LIKE <placeholder> ESCAPE '\'`.
std::string like_pattern(const std::string& term);

}  // namespace the5hc::store
