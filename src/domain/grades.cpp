#include "domain/grades.hpp"

#include <cmath>

namespace the5hc::domain {

Label score_band(double score) {
  if (score >= 90) return {"90-100", "매우 우수", "Excellent"};
  if (score >= 80) return {"80-89", "우수", "Very good"};
  if (score >= 70) return {"70-79", "양호", "Good"};
  if (score >= 60) return {"60-69", "보통", "Average"};
  return {"0-59", "개선 필요", "Needs improvement"};
}

Label test_grade(double score) {
  switch (static_cast<int>(std::floor(score))) {
    case 4: return {"4", "우수", "Excellent"};
    case 3: return {"3", "양호", "Good"};
    case 2: return {"2", "평균", "Average"};
    default: break;
  }
  return {"1", "개선 필요", "Needs improvement"};
}

Label fms_label(int score, bool shoulder_mobility) {
  switch (score) {
    case 0: return {"0", "통증", "Pain"};
    case 1: return shoulder_mobility ? Label{"1", "2주먹 이상", "Two fists or more"} : Label{"1", "불가", "Unable"};
    case 2:
      return shoulder_mobility ? Label{"2", "1.5주먹", "One and a half fists"}
                               : Label{"2", "보상동작", "With compensations"};
    default: break;
  }
  return shoulder_mobility ? Label{"3", "1주먹 이내", "Within one fist"} : Label{"3", "완벽", "Perfect"};
}

namespace {

std::optional<Band> parse_band(std::string_view text, std::initializer_list<std::pair<std::string_view, Band>> bands) {
  for (const auto& [name, band] : bands)
    if (text == name) return band;
  return std::nullopt;
}

}  // namespace

std::optional<Band> parse_score_band(std::string_view text) {
  return parse_band(text, {{"90-100", {90, 100}}, {"80-89", {80, 89}}, {"70-79", {70, 79}}, {"60-69", {60, 69}},
                           {"0-59", {0, 59}}});
}

std::optional<Band> parse_risk_band(std::string_view text) {
  return parse_band(text, {{"0-19", {0, 19}}, {"20-39", {20, 39}}, {"40-69", {40, 69}}, {"70-100", {70, 100}}});
}

int mcq_recommendation_count(double category_score) {
  if (category_score < 60) return 3;
  if (category_score < 80) return 2;
  return 1;
}

}  // namespace the5hc::domain
