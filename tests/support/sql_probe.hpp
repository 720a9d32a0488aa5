#pragma once
// Direct SQL on a test database, for what the HTTP interface does not show (hashes, lock times, token rows) and for
// arranging states a test cannot reach over HTTP in reasonable time (an expired lock).
#include <memory>
#include <string>

namespace the5hc::store {
class Database;
}

namespace the5hc::testing {

class TestDatabase;

class SqlProbe {
 public:
  explicit SqlProbe(const TestDatabase& db);
  ~SqlProbe();
  long long count(const std::string& sql);   // first column of the first row, as an integer
  std::string text(const std::string& sql);  // ... as text; "<null>" for NULL
  double real(const std::string& sql);
  void exec(const std::string& sql);

 private:
  std::unique_ptr<store::Database> db_;
};

}  // namespace the5hc::testing
