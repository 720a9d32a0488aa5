// Durable writes under concurrency (issue 11): on SQLite, writes queue for one writer thread that commits them in
// batches (one fsync per batch, a savepoint per request); on PostgreSQL each write is its own transaction. Either
// way every acknowledged write must survive `kill -9`, and one failing write must not take others with it.
#include <gtest/gtest.h>
#include <signal.h>
#include <soci/soci.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <latch>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "common/error.hpp"
#include "config/config.hpp"
#include "store/database.hpp"
#include "support/harness.hpp"
#include "support/sql_probe.hpp"

using namespace the5hc::testing;
using nlohmann::json;
namespace store = the5hc::store;

namespace {

struct Refused : std::exception {
  const char* what() const noexcept override { return "refused after its insert"; }
};

// Runs f(i) for i in [0, n) on n threads released together.
template <class F>
void at_once(int n, F f) {
  std::latch start(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      f(i);
    });
  for (auto& t : threads) t.join();
}

class GroupCommit : public ::testing::Test {
 protected:
  void SetUp() override {
    env_ = base_env(db_);
    auto migrated = run_the5hc({"migrate"}, env_, db_.dir());
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  }
  TestDatabase db_;
  Env env_;
};

TEST_F(GroupCommit, AFailingWriteRollsBackOnlyItselfAndTheOthersCommit) {
  store::Database db(the5hc::parse_database_url(db_.url()), 4);
  db.write([](soci::session& s) { s << "CREATE TABLE gc_probe (n INTEGER PRIMARY KEY, note TEXT NOT NULL)"; });
  // Hold the writer so that the writes below queue up and (on SQLite) commit as one batch.
  std::thread holder([&] {
    db.write([](soci::session& s) {
      s << "INSERT INTO gc_probe (n, note) VALUES (1000, 'holder')";
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    });
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const int n = 48;
  std::vector<std::string> outcome(n);
  at_once(n, [&](int i) {
    try {
      db.write([&](soci::session& s) {
        int key = i;
        s << "INSERT INTO gc_probe (n, note) VALUES (:n, 'ok')", soci::use(key);
        if (i % 4 == 1) throw Refused();
        if (i % 4 == 2) s << "INSERT INTO gc_probe (n, note) VALUES (1000, 'duplicate')";  // primary key violation
      });
      outcome[i] = "committed";
    } catch (const Refused& e) {
      outcome[i] = e.what();
    } catch (const std::exception&) {
      outcome[i] = "database error";
    }
  });
  holder.join();
  SqlProbe probe(db_);
  for (int i = 0; i < n; ++i) {
    long long rows = probe.count("SELECT COUNT(*) FROM gc_probe WHERE n = " + std::to_string(i));
    if (i % 4 == 1) {
      EXPECT_EQ(outcome[i], "refused after its insert");
      EXPECT_EQ(rows, 0) << i;
    } else if (i % 4 == 2) {
      EXPECT_EQ(outcome[i], "database error");
      EXPECT_EQ(rows, 0) << i;
    } else {
      EXPECT_EQ(outcome[i], "committed") << i;
      EXPECT_EQ(rows, 1) << i;
    }
  }
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM gc_probe"), 1 + n / 2);
  if (!db_.postgres()) {
    auto st = db.stats();
    EXPECT_EQ(st.grouped_writes, 2 + n / 2);  // the CREATE TABLE, the holder and the committed half
    EXPECT_LT(st.write_batches, st.grouped_writes);  // the queued writes shared commits
    std::cout << "[ grouped  ] " << st.grouped_writes << " writes in " << st.write_batches << " commits\n";
  }
}

TEST_F(GroupCommit, AWriteInsideAWriteRunsInItsTransaction) {
  store::Database db(the5hc::parse_database_url(db_.url()), 2);
  db.write([](soci::session& s) { s << "CREATE TABLE gc_nested (n INTEGER PRIMARY KEY)"; });
  int inner = db.write([&](soci::session& s) {
    s << "INSERT INTO gc_nested (n) VALUES (1)";
    try {
      db.write([](soci::session& t) {
        t << "INSERT INTO gc_nested (n) VALUES (2)";
        throw std::runtime_error("inner refused");
      });
    } catch (const std::runtime_error&) {
    }
    return db.write([](soci::session& t) {
      t << "INSERT INTO gc_nested (n) VALUES (3)";
      return 3;
    });
  });
  EXPECT_EQ(inner, 3);
  SqlProbe probe(db_);
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM gc_nested"), 2);
  EXPECT_EQ(probe.count("SELECT COUNT(*) FROM gc_nested WHERE n = 2"), 0);
}

TEST_F(GroupCommit, EveryAcknowledgedWriteSurvivesKillNine) {
  env_["THROTTLE_USER"] = "1000000/hour";
  env_["LOGIN_RATE_LIMIT"] = "10000/15m";
  create_user(db_, "durable-owner", "Studio-pass-77", {"--create-organization", "Durable Studio"});
  auto server = std::make_unique<ServerProcess>(env_, db_.dir());
  std::string token = login(server->port(), "durable-owner", "Studio-pass-77");
  ASSERT_FALSE(token.empty());

  // 32 writers, each sending clients one after another, until the server is killed under them.
  std::mutex m;
  std::vector<std::int64_t> acknowledged;
  std::atomic<bool> killed{false};
  std::atomic<int> sent{0};
  std::thread killer([&] {
    while (sent < 400) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    server->signal(SIGKILL);
    killed = true;
  });
  at_once(32, [&](int w) {
    for (int k = 0; !killed && k < 200; ++k) {
      json body = {{"name", "내구" + std::to_string(w) + "-" + std::to_string(k)},
                   {"age", 30},
                   {"gender", "female"},
                   {"height", 165},
                   {"weight", 60},
                   {"email", "durable" + std::to_string(w) + "-" + std::to_string(k) + "@example.com"}};
      HttpResponse r;
      try {
        r = http_request(server->port(), "POST", "/api/v1/clients/", body.dump(), bearer(token));
      } catch (const std::exception&) {
        break;  // the server is gone
      }
      ++sent;
      if (r.status == 201) {
        std::lock_guard lock(m);
        acknowledged.push_back(json::parse(r.body)["id"].get<std::int64_t>());
      } else if (r.status != 0) {
        ADD_FAILURE() << r.status << " " << r.body;
      }
    }
  });
  killer.join();
  server->wait(10000);
  server.reset();
  ASSERT_GE(acknowledged.size(), 300u);

  // A new server on the same database finds every acknowledged client.
  auto restarted = std::make_unique<ServerProcess>(env_, db_.dir());
  SqlProbe probe(db_);
  long long missing = 0;
  for (auto id : acknowledged)
    if (probe.count("SELECT COUNT(*) FROM clients WHERE id = " + std::to_string(id)) != 1) ++missing;
  EXPECT_EQ(missing, 0) << "of " << acknowledged.size() << " acknowledged";
  auto one = restarted->get("/api/v1/clients/" + std::to_string(acknowledged.front()) + "/", bearer(token));
  EXPECT_EQ(one.status, 200) << one.body;
  std::cout << "[ durable  ] " << acknowledged.size() << " acknowledged before kill -9, all present after restart\n";
}

}  // namespace
