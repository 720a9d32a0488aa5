#pragma once
// Built-in reference data of DOMAIN.md §3: test standards, normative data and the default MCQ bank. `score` uses it
// without a database and `seed-standards` copies it into the tables, so these vectors are the one source.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/assessment.hpp"
#include "domain/mcq.hpp"

namespace the5hc::domain {

// One row of `test_standards`: value ≥ excellent → 4, ≥ good → 3, ≥ average → 2, else 1.
struct TestStandard {
  std::string test_type;   // push_up, balance, farmer_carry, step_test, toe_touch
  char gender = 'A';       // M, F, A
  int age_min = 0, age_max = 120;
  std::string conditions;  // eyes_open, eyes_closed or empty
  std::string metric;      // repetitions, time, distance, pfi
  double excellent = 0, good = 0, average = 0;
  std::string name_ko;
  std::string source;
  bool is_active = true;
};

// One row of `normative_data`.
struct NormativeRow {
  std::string test_type;  // push_up, harvard_step, farmer_carry, overall
  char gender = 'A';
  int age_min = 0, age_max = 0;
  double p10 = 0, p25 = 0, p50 = 0, p75 = 0, p90 = 0;
  std::string source;
  int year = 0;
  int sample_size = 0;
};

const std::vector<TestStandard>& builtin_test_standards();  // 16 rows
const std::vector<NormativeRow>& builtin_normative_data();  // 40 rows
// The seeded bank: question ids 1–6 in the order of DOMAIN.md §3.3; choice id = question id × 10 + order.
const McqBank& builtin_mcq_bank();

char gender_code(Gender g);  // 'M' / 'F'

// Among the rows satisfying `matches`: the client's gender row wins over the `A` (전체) row.
template <class Row, class Pred>
const Row* find_by_gender(const std::vector<Row>& rows, std::optional<Gender> gender, Pred matches) {
  for (char g : {gender ? gender_code(*gender) : 'A', 'A'})
    for (const auto& r : rows)
      if (r.gender == g && matches(r)) return &r;
  return nullptr;
}

// The active standard for the test: the client's gender row before the `A` row, age inside [age_min, age_max];
// without a known age only a row spanning every age (0–120) matches. nullptr when none applies.
const TestStandard* find_standard(const std::vector<TestStandard>& standards, std::string_view test_type,
                                  std::optional<Gender> gender, std::optional<int> age,
                                  std::string_view conditions = {});

// 4 / 3 / 2 / 1 by the standard's thresholds.
int score_by_standard(const TestStandard& s, double value);

}  // namespace the5hc::domain
