#include "store/reference_data.hpp"

#include <soci/soci.h>

#include "store/query.hpp"
#include "store/row.hpp"

namespace the5hc::store {

std::vector<domain::TestStandard> load_test_standards(soci::session& sql) {
  SqlParams p;
  std::vector<domain::TestStandard> out;
  for_each_row(sql,
               "SELECT test_type, gender, age_min, age_max, conditions, metric, excellent, good, average, name_ko, "
               "source FROM test_standards WHERE is_active = 1 ORDER BY id",
               p, [&](const Row& r) {
                 domain::TestStandard s;
                 s.test_type = get_text(r, 0);
                 s.gender = get_text(r, 1).empty() ? 'A' : get_text(r, 1)[0];
                 s.age_min = static_cast<int>(get_int(r, 2));
                 s.age_max = static_cast<int>(get_int(r, 3));
                 s.conditions = get_text(r, 4);
                 s.metric = get_text(r, 5);
                 s.excellent = get_real(r, 6);
                 s.good = get_real(r, 7);
                 s.average = get_real(r, 8);
                 s.name_ko = get_text(r, 9);
                 s.source = get_text(r, 10);
                 out.push_back(std::move(s));
               });
  return out;
}

std::vector<domain::NormativeRow> load_normative_data(soci::session& sql) {
  SqlParams p;
  std::vector<domain::NormativeRow> out;
  for_each_row(sql,
               "SELECT test_type, gender, age_min, age_max, p10, p25, p50, p75, p90, source, year, sample_size "
               "FROM normative_data ORDER BY test_type, gender, age_min",
               p, [&](const Row& r) {
                 domain::NormativeRow n;
                 n.test_type = get_text(r, 0);
                 n.gender = get_text(r, 1).empty() ? 'A' : get_text(r, 1)[0];
                 n.age_min = static_cast<int>(get_int(r, 2));
                 n.age_max = static_cast<int>(get_int(r, 3));
                 n.p10 = get_real(r, 4);
                 n.p25 = get_real(r, 5);
                 n.p50 = get_real(r, 6);
                 n.p75 = get_real(r, 7);
                 n.p90 = get_real(r, 8);
                 n.source = get_text(r, 9);
                 n.year = static_cast<int>(get_int(r, 10));
                 n.sample_size = static_cast<int>(get_int(r, 11));
                 out.push_back(std::move(n));
               });
  return out;
}

ReferenceStamp reference_stamp(soci::session& sql) {
  // Read before every scoring call: through the statement cache (for_each_row), not prepared each time.
  ReferenceStamp out;
  SqlParams none;
  for_each_row(sql, "SELECT instance, version FROM reference_data_version WHERE id = 1", none,
               [&](const Row& r) {
                 out.instance = get_text(r, 0);
                 out.stamp = get_int(r, 1);
               });
  return out;
}

}  // namespace the5hc::store
