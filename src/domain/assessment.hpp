#pragma once
// Value types of one assessment (DOMAIN.md §1.6): the trainer's inputs, the client facts scoring needs and the
// computed per-test scores and categories. Every test input is optional: an empty field is "not measured", never 0.
#include <optional>
#include <string>

namespace the5hc::domain {

enum class Gender { male, female };
enum class TestEnvironment { indoor, outdoor };
enum class PushUpType { standard, modified, wall };

// The snapshot of the client taken when the assessment is created (client_age, client_weight, gender).
struct ClientFacts {
  std::optional<int> age;
  std::optional<Gender> gender;
  std::optional<double> weight;  // kg
};

// Field names follow the API (API.md §3.2). A `*_score` that is set is a score the trainer entered (manual).
struct AssessmentInput {
  TestEnvironment test_environment = TestEnvironment::indoor;
  std::optional<double> temperature;  // °C

  bool overhead_squat_performed = false;
  bool overhead_squat_pain = false;
  bool overhead_squat_knee_valgus = false;
  bool overhead_squat_forward_lean = false;
  bool overhead_squat_heel_lift = false;
  bool overhead_squat_arm_drop = false;
  std::optional<int> overhead_squat_score;  // 0–3

  std::optional<int> push_up_reps;
  PushUpType push_up_type = PushUpType::standard;
  std::optional<int> push_up_score;  // 1–4

  std::optional<double> single_leg_balance_right_eyes_open;  // s
  std::optional<double> single_leg_balance_left_eyes_open;
  std::optional<double> single_leg_balance_right_eyes_closed;
  std::optional<double> single_leg_balance_left_eyes_closed;
  std::optional<double> single_leg_balance_score;  // 1.0–4.0

  std::optional<double> toe_touch_distance;  // cm, positive = past the toes
  std::optional<int> toe_touch_score;        // 1–4

  std::optional<double> shoulder_mobility_right;  // cm between the fists
  std::optional<double> shoulder_mobility_left;
  std::optional<double> shoulder_mobility_asymmetry;  // entered; computed from right/left otherwise
  bool shoulder_mobility_pain = false;
  std::optional<int> shoulder_mobility_score;  // 0–3, always entered

  std::optional<double> farmer_carry_weight;      // kg, both hands
  std::optional<double> farmer_carry_distance;    // m
  std::optional<double> farmer_carry_time;        // s
  std::optional<double> farmer_carry_percentage;  // %BW entered by the trainer
  std::optional<double> farmer_carry_score;       // 1.0–4.0

  std::optional<int> harvard_step_test_hr1;  // bpm, recovery 1–1.5 min
  std::optional<int> harvard_step_test_hr2;  // 2–2.5 min
  std::optional<int> harvard_step_test_hr3;  // 3–3.5 min
  std::optional<double> harvard_step_test_duration;  // s, 180 when empty
  std::optional<int> harvard_step_test_score;        // 1–4

  std::optional<std::string> notes, overhead_squat_notes, push_up_notes, single_leg_balance_notes, toe_touch_notes,
      shoulder_mobility_notes, farmer_carry_notes, harvard_step_test_notes;

  bool operator==(const AssessmentInput&) const = default;
};

// Per-test scores, derived measures and categories (DOMAIN.md §2.2–§2.5). NULL = not performed / not computable.
struct AssessmentScores {
  bool overhead_squat_performed = false;
  std::optional<int> overhead_squat_score;
  std::optional<int> push_up_score;
  std::optional<double> single_leg_balance_score;
  std::optional<int> toe_touch_score;
  std::optional<int> shoulder_mobility_score;
  std::optional<double> farmer_carry_score;
  std::optional<int> harvard_step_test_score;

  std::optional<double> harvard_step_test_pfi;
  std::optional<double> farmer_carry_percentage;  // entered or computed
  bool farmer_carry_percentage_entered = false;
  std::optional<double> shoulder_mobility_asymmetry;  // entered or computed

  // *_manual_override: the score is the trainer's and survives recalculation (DOMAIN.md §2.3)
  bool overhead_squat_score_manual_override = false;
  bool push_up_score_manual_override = false;
  bool single_leg_balance_score_manual_override = false;
  bool toe_touch_score_manual_override = false;
  bool farmer_carry_score_manual_override = false;
  bool harvard_step_test_score_manual_override = false;

  double temperature_factor = 1.0;
  std::optional<double> strength_score, mobility_score, balance_score, cardio_score;  // 25–100
  std::optional<double> overall_score;
  bool is_complete = false;
};

// Number of OHS compensations ticked (knee valgus, forward lean, heel lift, arm drop).
int ohs_compensation_count(const AssessmentInput& in);

}  // namespace the5hc::domain
