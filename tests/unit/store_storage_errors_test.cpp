// Storage failures are answered 503 with a message saying nothing was saved (store/storage_errors.hpp, issue 17):
// the driver codes that mean "full, read-only, unreachable", and the ones that stay what they are.
#include <gtest/gtest.h>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "store/storage_errors.hpp"

using namespace the5hc;

TEST(StoreStorageErrors, SqliteFullReadOnlyIoAndCantOpenAre503WithRetryAfter) {
  // primary codes and extended ones (SQLITE_IOERR_WRITE 778, SQLITE_READONLY_DBMOVED 1032)
  for (int code : {13, 8, 10, 14, 778, 1032}) {
    auto e = store::sqlite_storage_error(code);
    ASSERT_TRUE(e) << code;
    EXPECT_EQ(e->code(), ErrorCode::unavailable);
    EXPECT_EQ(http_status(e->code()), 503);
    EXPECT_EQ(e->headers.at("Retry-After"), "30");
    EXPECT_EQ(i18n::translate(Lang::ko, e->message(), {}),
              "데이터베이스 저장 공간이 가득 찼거나 읽기 전용이어서 저장하지 못했습니다. 아무것도 변경되지 않았습니다. "
              "잠시 후 다시 시도해주세요.");
  }
  EXPECT_EQ(store::sqlite_storage_error(5)->message(), "The server is busy. Please try again shortly.");
  for (int code : {1, 11, 19, 2067, 21}) EXPECT_FALSE(store::sqlite_storage_error(code)) << code;  // bugs, constraints
}

TEST(StoreStorageErrors, PostgresDiskFullReadOnlyAndLostConnectionsAre503) {
  EXPECT_EQ(store::postgres_storage_error("53100", false)->headers.at("Retry-After"), "30");
  EXPECT_EQ(store::postgres_storage_error("25006", false)->headers.at("Retry-After"), "30");
  for (const char* state : {"08006", "08001", "57P01", "57P03", "53300"}) {
    auto e = store::postgres_storage_error(state, false);
    ASSERT_TRUE(e) << state;
    EXPECT_EQ(e->headers.at("Retry-After"), "5");
    EXPECT_EQ(i18n::translate(Lang::en, e->message(), {}),
              "The database cannot be reached right now. Nothing was changed. Please try again shortly.");
  }
  EXPECT_TRUE(store::postgres_storage_error("", true));
  for (const char* state : {"23505", "42601", "40001", ""}) EXPECT_FALSE(store::postgres_storage_error(state, false));
}
