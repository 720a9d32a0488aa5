// One read transaction per request (store::Database::RequestScope, issue 11): the reads of a request share one
// pooled connection and transaction; a write ends it so that later reads see the write; a failed read or
// end_shared_read() ends it too, and a request never holds two connections (a pool of one cannot deadlock).
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <chrono>
#include <stdexcept>

#include "config/config.hpp"
#include "store/database.hpp"
#include "support/harness.hpp"

using namespace the5hc::testing;
namespace store = the5hc::store;

namespace {

class RequestScope : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.emplace(the5hc::parse_database_url(database_.url()), 1, std::chrono::milliseconds(1000));
    db_->write([](soci::session& s) { s << "CREATE TABLE scope_probe (n INTEGER PRIMARY KEY)"; });
  }
  long long count() {
    return db_->read([](soci::session& s) {
      long long n = 0;
      s << "SELECT COUNT(*) FROM scope_probe", soci::into(n);
      return n;
    });
  }
  void insert(int n) {
    db_->write([n](soci::session& s) {
      int v = n;
      s << "INSERT INTO scope_probe (n) VALUES (:n)", soci::use(v);
    });
  }
  TestDatabase database_;
  std::optional<store::Database> db_;  // a pool of ONE connection: holding two at once would time out
};

TEST_F(RequestScope, ReadsShareOneConnectionUntilTheScopeEnds) {
  {
    store::Database::RequestScope scope(*db_);
    EXPECT_EQ(db_->stats().in_use, 0);  // begun lazily, by the first read
    EXPECT_EQ(count(), 0);
    EXPECT_EQ(db_->stats().in_use, 1);
    EXPECT_EQ(count(), 0);  // the same connection: a second one would wait for the pool of one and fail
    {
      store::Database::RequestScope nested(*db_);  // an inner scope changes nothing
      EXPECT_EQ(count(), 0);
    }
    EXPECT_EQ(db_->stats().in_use, 1);
  }
  EXPECT_EQ(db_->stats().in_use, 0);
}

TEST_F(RequestScope, AWriteEndsTheSharedReadSoThatLaterReadsSeeIt) {
  store::Database::RequestScope scope(*db_);
  EXPECT_EQ(count(), 0);
  insert(1);  // on PostgreSQL the write needs the pool's only connection: the scope must have given it back
  EXPECT_EQ(count(), 1);
  insert(2);
  EXPECT_EQ(count(), 2);
}

TEST_F(RequestScope, AFailedReadEndsTheTransactionAndTheNextReadWorks) {
  store::Database::RequestScope scope(*db_);
  EXPECT_EQ(count(), 0);
  EXPECT_ANY_THROW(db_->read([](soci::session& s) { s << "SELECT no_such_column FROM scope_probe"; }));
  // On PostgreSQL a failed statement aborts its transaction; the scope began a new one.
  EXPECT_EQ(count(), 0);
  EXPECT_THROW(db_->read([](soci::session&) -> int { throw std::runtime_error("a use case's own error"); }),
               std::runtime_error);
  EXPECT_EQ(count(), 0);
}

TEST_F(RequestScope, EndSharedReadGivesTheConnectionBackBeforeSlowWork) {
  store::Database::RequestScope scope(*db_);
  EXPECT_EQ(count(), 0);
  db_->end_shared_read();
  EXPECT_EQ(db_->stats().in_use, 0);
  // another thread (another request) can now read with the pool's only connection
  std::thread other([&] { EXPECT_EQ(count(), 0); });
  other.join();
  EXPECT_EQ(count(), 0);
}

TEST_F(RequestScope, OtherThreadsAreNotInTheScope) {
  store::Database::RequestScope scope(*db_);
  EXPECT_EQ(count(), 0);  // this thread now holds the only connection
  std::thread other([&] {
    // no scope on this thread: its read needs a connection of its own and finds none within the pool timeout
    EXPECT_ANY_THROW(count());
  });
  other.join();
}

}  // namespace
