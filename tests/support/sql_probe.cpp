#include "support/sql_probe.hpp"

#include <soci/soci.h>

#include "config/config.hpp"
#include "store/database.hpp"
#include "support/harness.hpp"

namespace the5hc::testing {

SqlProbe::SqlProbe(const TestDatabase& db)
    : db_(std::make_unique<store::Database>(parse_database_url(db.url()), 1)) {}

SqlProbe::~SqlProbe() = default;

long long SqlProbe::count(const std::string& sql) {
  long long n = -1;
  db_->read([&](soci::session& s) { s << sql, soci::into(n); });
  return n;
}

std::string SqlProbe::text(const std::string& sql) {
  std::string v;
  soci::indicator ind;
  db_->read([&](soci::session& s) { s << sql, soci::into(v, ind); });
  return ind == soci::i_ok ? v : "<null>";
}

double SqlProbe::real(const std::string& sql) {
  double v = -1;
  db_->read([&](soci::session& s) { s << sql, soci::into(v); });
  return v;
}

void SqlProbe::exec(const std::string& sql) {
  db_->write([&](soci::session& s) { s << sql; });
}

}  // namespace the5hc::testing
