// The assessment engine with raw values, before and without validation: the scoring functions are documented as
// total (domain/scoring.hpp: "a missing or out-of-range input gives NULL, never a default score and never an
// exception"), so any double (NaN, ±inf, 1e308, negative), any int and any MCQ answer must score or give NULL
// without undefined behaviour. Validated input must also score into the documented ranges.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "domain/assessment_validation.hpp"
#include "domain/evaluation.hpp"
#include "domain/scoring.hpp"
#include "fuzz_support.hpp"

using namespace the5hc;
using namespace the5hc::domain;

namespace {

std::optional<double> real(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 5)) {
    case 0: return std::nullopt;
    case 1: return in.ConsumeFloatingPoint<double>();  // includes NaN, ±inf, extremes
    case 2: return in.ConsumeFloatingPointInRange(-50.0, 400.0);
    default: return static_cast<double>(in.ConsumeIntegralInRange(-5, 250));
  }
}

std::optional<int> integer(FuzzedDataProvider& in) {
  switch (in.ConsumeIntegralInRange(0, 3)) {
    case 0: return std::nullopt;
    case 1: return in.ConsumeIntegral<int>();
    default: return in.ConsumeIntegralInRange(-2, 220);
  }
}

AssessmentInput input_from(FuzzedDataProvider& in) {
  AssessmentInput a;
  a.test_environment = in.ConsumeBool() ? TestEnvironment::outdoor : TestEnvironment::indoor;
  a.temperature = real(in);
  a.overhead_squat_performed = in.ConsumeBool();
  a.overhead_squat_pain = in.ConsumeBool();
  a.overhead_squat_knee_valgus = in.ConsumeBool();
  a.overhead_squat_forward_lean = in.ConsumeBool();
  a.overhead_squat_heel_lift = in.ConsumeBool();
  a.overhead_squat_arm_drop = in.ConsumeBool();
  a.overhead_squat_score = integer(in);
  a.push_up_reps = integer(in);
  a.push_up_type = static_cast<PushUpType>(in.ConsumeIntegralInRange(0, 2));
  a.push_up_score = integer(in);
  a.single_leg_balance_right_eyes_open = real(in);
  a.single_leg_balance_left_eyes_open = real(in);
  a.single_leg_balance_right_eyes_closed = real(in);
  a.single_leg_balance_left_eyes_closed = real(in);
  a.single_leg_balance_score = real(in);
  a.toe_touch_distance = real(in);
  a.toe_touch_score = integer(in);
  a.shoulder_mobility_right = real(in);
  a.shoulder_mobility_left = real(in);
  a.shoulder_mobility_asymmetry = real(in);
  a.shoulder_mobility_pain = in.ConsumeBool();
  a.shoulder_mobility_score = integer(in);
  a.farmer_carry_weight = real(in);
  a.farmer_carry_distance = real(in);
  a.farmer_carry_time = real(in);
  a.farmer_carry_percentage = real(in);
  a.farmer_carry_score = real(in);
  a.harvard_step_test_hr1 = integer(in);
  a.harvard_step_test_hr2 = integer(in);
  a.harvard_step_test_hr3 = integer(in);
  a.harvard_step_test_duration = real(in);
  a.harvard_step_test_score = integer(in);
  if (in.ConsumeBool()) a.notes = in.ConsumeRandomLengthString(64);
  return a;
}

void check_range(const char* name, std::optional<double> v, double lo, double hi) {
  if (v && !(*v >= lo && *v <= hi)) fuzz::fail(std::string(name) + " = " + std::to_string(*v) + " out of range");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  AssessmentInput a = input_from(in);
  ClientFacts client;
  client.age = integer(in);
  if (in.ConsumeBool()) client.gender = in.ConsumeBool() ? Gender::male : Gender::female;
  client.weight = real(in);
  std::vector<McqResponse> responses;
  const McqBank& bank = builtin_mcq_bank();
  while (in.remaining_bytes() > 0 && responses.size() < 40) {
    McqResponse r;
    r.question_id = in.ConsumeIntegralInRange<std::int64_t>(-1, 80);
    for (int n = in.ConsumeIntegralInRange(0, 4); n > 0; --n)
      r.selected_choice_ids.push_back(in.ConsumeIntegralInRange<std::int64_t>(-1, 400));
    r.response_text = in.ConsumeRandomLengthString(16);
    responses.push_back(std::move(r));
  }
  bool mcq_valid = validate_mcq_responses(bank, responses, false).empty();

  fuzz::expect_only_product_errors("raw scoring", [&] {
    (void)validate_assessment_input(a);
    (void)score_assessment(a, client);
    (void)evaluate_assessment(a, client, mcq_valid ? responses : std::vector<McqResponse>{});
  });

  // Validated input (what the API and the web form let through) scores into DOMAIN.md's ranges.
  round_measurements(a);
  if (!validate_assessment_input(a).empty() || !mcq_valid) return 0;
  Evaluation e = evaluate_assessment(a, client, responses);
  const AssessmentScores& s = e.scores;
  check_range("overall_score", s.overall_score, 0, 100);
  for (auto c : {s.strength_score, s.mobility_score, s.balance_score, s.cardio_score}) check_range("category", c, 0, 100);
  check_range("single_leg_balance_score", s.single_leg_balance_score, 0, 4);
  check_range("farmer_carry_score", s.farmer_carry_score, 0, 4);
  if (s.harvard_step_test_pfi && !std::isfinite(*s.harvard_step_test_pfi)) fuzz::fail("PFI not finite");
  return 0;
}
