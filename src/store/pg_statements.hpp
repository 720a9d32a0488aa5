#pragma once
// The PostgreSQL statement cache: the counterpart of query.cpp's SQLite cache, used by for_each_row, fetch_int and
// execute. SOCI prepares a named statement, runs it and deallocates it for every query (three round-trips, and a
// parse and plan each time); here each distinct query is prepared once per connection and then run in one
// round-trip (PQexecPrepared with text parameters). Rows come back as store::Row (store/row.hpp), and errors as the same soci::postgresql_soci_error with its SQLSTATE, so constraint
// and storage translation (store/constraints, store/storage_errors) sees no difference.
#include <functional>
#include <string>

namespace soci {
class session;
}  // namespace soci

namespace the5hc::store {

class SqlParams;
class Row;

namespace pg {

// Runs `query` on a PostgreSQL session, calling on_row for each result row; returns false (doing nothing) when the
// session is not PostgreSQL. `changed`, when given, receives the number of rows the statement changed.
bool run(soci::session& sql, const std::string& query, const SqlParams& params,
         const std::function<void(const Row&)>& on_row, long long* changed = nullptr);

// BEGIN, COMMIT, ROLLBACK, SAVEPOINT …: one simple-protocol round-trip; false when the session is not PostgreSQL.
bool control(soci::session& sql, const std::string& statement);

// Whether the session is a PostgreSQL connection that is lost (the server closed it, e.g. on a restart).
bool lost(soci::session& sql) noexcept;

// Forgets the connection's prepared statements (it is closing); nothing when the session is not PostgreSQL.
void forget(soci::session& sql) noexcept;

}  // namespace pg
}  // namespace the5hc::store
