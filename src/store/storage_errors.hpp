#pragma once
// When the database cannot take a change for a reason outside the request — SQLite: disk full, read-only file or
// file system, I/O error, a file that cannot be opened, another process holding the lock; PostgreSQL: connection
// refused or lost, server shutting down, disk full, a read-only server — the request is answered 503 with
// Retry-After and a message that says nothing was saved, never a 500 with a driver message (issue 17).
// store/database.cpp translates driver errors here and logs the cause for the operator.
#include <optional>
#include <string_view>

#include "common/error.hpp"

namespace the5hc::store {

// 503: storage full or read-only (SQLite FULL/READONLY/IOERR/CANTOPEN, PostgreSQL 53100 and 25006).
Error storage_refused_error();
// 503: the database server cannot be reached (refused, lost, shutting down, out of connections).
Error database_unreachable_error();

// A driver error → the 503 for it; nullopt for any other error (constraints, bugs: handled elsewhere).
//   SQLite: the primary result code (extended codes are reduced to it); SQLITE_BUSY → "The server is busy".
//   PostgreSQL: the SQLSTATE; `connection_lost` when the session no longer answers (libpq reports no SQLSTATE then).
std::optional<Error> sqlite_storage_error(int result_code);
std::optional<Error> postgres_storage_error(std::string_view sqlstate, bool connection_lost);

}  // namespace the5hc::store
