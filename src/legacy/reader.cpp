#include "legacy/reader.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

#include "common/error.hpp"

namespace the5hc::legacy {
namespace {

[[noreturn]] void not_legacy(const std::string& reason) {
  throw Error(ErrorCode::usage, "레거시 데이터베이스가 아닙니다: " + reason);
}

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) != SQLITE_OK)
      not_legacy(std::string("읽을 수 없습니다 (") + sqlite3_errmsg(db) + ")");
  }
  ~Stmt() { sqlite3_finalize(s); }
  // SQLITE_ROW → true, SQLITE_DONE → false; anything else means a damaged file.
  bool step(sqlite3* db) {
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    not_legacy(std::string("읽을 수 없습니다 (") + sqlite3_errmsg(db) + ")");
  }
  std::string text(int col) {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
    return p ? std::string(p, sqlite3_column_bytes(s, col)) : std::string();
  }
};

std::string quoted(const std::string& name) {
  std::string q = "\"";
  for (char c : name) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

LegacyFile::LegacyFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) not_legacy("파일이 없습니다 (" + path + ")");
  if (!std::filesystem::is_regular_file(path, ec)) not_legacy("일반 파일이 아닙니다 (" + path + ")");
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "open failed";
    sqlite3_close(db_);
    db_ = nullptr;
    not_legacy("열 수 없습니다 (" + msg + ")");
  }
  try {
    std::vector<std::string> tables;
    {
      Stmt st(db_, "SELECT name FROM sqlite_master WHERE type = 'table'");
      while (st.step(db_)) tables.push_back(st.text(0));
    }
    for (const auto& t : tables) {
      Stmt st(db_, "PRAGMA table_info(" + quoted(t) + ")");
      auto& cols = columns_[t];
      while (st.step(db_)) cols.push_back(st.text(1));
    }
    if (!has_table("trainers") || !has_table("clients")) not_legacy("trainers/clients 테이블이 없습니다");
    if (has_table("schema_migrations") || has_table("organizations"))
      not_legacy("The5HC 데이터베이스입니다 (레거시 파일이 아님)");
    if (!has_column("trainers", "username")) not_legacy("trainers 테이블에 username 열이 없습니다");
    // A damaged page would otherwise surface half-way through the import.
    Stmt check(db_, "PRAGMA quick_check");
    if (!check.step(db_) || check.text(0) != "ok") not_legacy("손상된 파일입니다 (quick_check)");
  } catch (...) {
    sqlite3_close(db_);
    db_ = nullptr;
    throw;
  }
}

LegacyFile::~LegacyFile() { sqlite3_close(db_); }

bool LegacyFile::has_column(const std::string& table, const std::string& column) const {
  auto it = columns_.find(table);
  return it != columns_.end() && std::find(it->second.begin(), it->second.end(), column) != it->second.end();
}

std::string LegacyFile::generation() const {
  if (!has_column("trainers", "password_hash")) return "G1";
  if (!has_table("session_packages")) return "G2";
  if (has_table("fee_audit_log") || has_column("session_packages", "gross_amount")) return "G3c";
  if (has_column("sessions", "trainer_id") || has_column("payments", "trainer_id")) return "G3b";
  return "G3a";
}

long long LegacyFile::count(const std::string& table) const {
  if (!has_table(table)) return 0;
  Stmt st(db_, "SELECT count(*) FROM " + quoted(table));
  return st.step(db_) ? sqlite3_column_int64(st.s, 0) : 0;
}

std::set<long long> LegacyFile::ids(const std::string& table) const {
  std::set<long long> out;
  if (!has_column(table, "id")) return out;
  Stmt st(db_, "SELECT id FROM " + quoted(table));
  while (st.step(db_)) out.insert(sqlite3_column_int64(st.s, 0));
  return out;
}

void LegacyFile::for_each(const std::string& table, const std::function<void(const Row&)>& f) const {
  if (!has_table(table)) return;
  Stmt st(db_, "SELECT * FROM " + quoted(table) + (has_column(table, "id") ? " ORDER BY id" : " ORDER BY rowid"));
  int n = sqlite3_column_count(st.s);
  std::vector<std::string> names;
  for (int c = 0; c < n; ++c) names.emplace_back(sqlite3_column_name(st.s, c));
  auto columns = std::make_shared<const Columns>(std::move(names));
  while (st.step(db_)) {
    std::vector<Value> values(n);
    for (int c = 0; c < n; ++c) {
      switch (sqlite3_column_type(st.s, c)) {
        case SQLITE_INTEGER: values[c] = Value::integer(sqlite3_column_int64(st.s, c)); break;
        case SQLITE_FLOAT: values[c] = Value::real(sqlite3_column_double(st.s, c)); break;
        case SQLITE_NULL: break;
        default: values[c] = Value::text(st.text(c)); break;  // TEXT, and BLOB read as its bytes
      }
    }
    f(Row(columns, std::move(values)));
  }
}

}  // namespace the5hc::legacy
