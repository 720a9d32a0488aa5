#include "store/storage_errors.hpp"

namespace the5hc::store {

namespace {
constexpr int kSqliteBusy = 5, kSqliteReadOnly = 8, kSqliteIoErr = 10, kSqliteFull = 13, kSqliteCantOpen = 14;

Error with_retry_after(Error e, const char* seconds) {
  e.headers.emplace("Retry-After", seconds);
  return e;
}
}  // namespace

Error storage_refused_error() {
  // 데이터베이스 저장 공간이 가득 찼거나 읽기 전용이어서 저장하지 못했습니다. …
  return with_retry_after(Error(ErrorCode::unavailable,
                                "The change could not be saved: the database storage is full or read-only. "
                                "Nothing was changed. Please try again later."),
                          "30");
}

Error database_unreachable_error() {
  // 지금 데이터베이스에 연결할 수 없습니다. …
  return with_retry_after(Error(ErrorCode::unavailable,
                                "The database cannot be reached right now. Nothing was changed. "
                                "Please try again shortly."),
                          "5");
}

std::optional<Error> sqlite_storage_error(int result_code) {
  switch (result_code & 0xff) {
    case kSqliteReadOnly:
    case kSqliteIoErr:
    case kSqliteFull:
    case kSqliteCantOpen:
      return storage_refused_error();
    case kSqliteBusy:  // another process (a backup, the CLI) held the lock longer than the busy timeout
      return with_retry_after(Error(ErrorCode::unavailable, "The server is busy. Please try again shortly."), "1");
    default:
      return std::nullopt;
  }
}

std::optional<Error> postgres_storage_error(std::string_view sqlstate, bool connection_lost) {
  // 53100 disk_full, 25006 read_only_sql_transaction (a standby or default_transaction_read_only)
  if (sqlstate == "53100" || sqlstate == "25006") return storage_refused_error();
  // class 08 connection exception; 57P01–57P03 shutdown / crash / cannot connect now; 53300 too many connections
  if (connection_lost || sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03" || sqlstate == "53300")
    return database_unreachable_error();
  return std::nullopt;
}

}  // namespace the5hc::store
