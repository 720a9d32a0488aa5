#pragma once
// Accepted ranges of the assessment inputs (DOMAIN.md §1.6). Validation reports values outside them; scoring
// treats such a value as missing, so a bad input never produces a score.
namespace the5hc::domain::ranges {

struct Range {
  double min, max;
  constexpr bool contains(double v) const { return v >= min && v <= max; }
};

inline constexpr Range temperature{-10, 50};
inline constexpr Range push_up_reps{0, 300};
inline constexpr Range balance_time{0, 120};
inline constexpr Range toe_touch_distance{-50, 50};
inline constexpr Range shoulder_distance{0, 100};
inline constexpr Range farmer_weight{0, 300};
inline constexpr Range farmer_distance{0, 200};
inline constexpr Range farmer_time{0, 600};
inline constexpr Range farmer_percentage{0, 200};
inline constexpr Range heart_rate{40, 250};
inline constexpr Range harvard_duration{1, 300};
inline constexpr Range fms_score{0, 3};   // OHS, SM
inline constexpr Range test_score{1, 4};  // push-up, toe touch, Harvard (integers); balance, farmer (1 decimal)
inline constexpr Range client_weight{20, 500};

}  // namespace the5hc::domain::ranges
