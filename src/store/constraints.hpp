#pragma once
// What the schema's unique keys and foreign keys mean to a user. Services check uniqueness and references before
// they write ("This email is already registered."), but a check and the insert after it are two statements: two
// requests at once can both pass the check, and the database refuses the second insert. Database::write()
// translates that refusal here — the one place that knows constraint names — into the same Error the pre-check
// raises, on both engines: a 400 field error (or a 409) instead of a driver exception and a 500.
#include <optional>
#include <span>
#include <string_view>

#include "common/error.hpp"

namespace the5hc::store {

// One unique key of migrations/ (every one has an entry; tests/unit/store_constraints_test.cpp checks).
struct UniqueKey {
  std::string_view postgres;  // the constraint or unique index name PostgreSQL reports
  std::string_view sqlite;    // what follows "UNIQUE constraint failed: " in SQLite's message
  std::string_view field;     // the field a pre-check names; empty: not a user's input → 409 conflict
  std::string_view message;   // msgid, the pre-check's own message
};
std::span<const UniqueKey> unique_keys();

// A driver error → the Error for it; nullopt when the error is not a unique or foreign-key violation.
//   PostgreSQL: SQLSTATE 23505 (unique) and 23503 (foreign key); the constraint name from the message.
//   SQLite: result code SQLITE_CONSTRAINT (19, or its extended codes) with "UNIQUE constraint failed: …" or
//   "FOREIGN KEY constraint failed" (SQLite names no foreign key: a generic 409).
// A reference to a missing row → 400 {"<column without _id>": ["Invalid pk \"<id>\" - object does not exist."]};
// deleting a row still referenced → 409 with the pre-check's message where one exists.
std::optional<Error> postgres_constraint_error(std::string_view sqlstate, std::string_view message);
std::optional<Error> sqlite_constraint_error(int result_code, std::string_view message);

}  // namespace the5hc::store
