#include "domain/grades.hpp"

#include <array>
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

namespace {

// Recommendations per category and band (DOMAIN.md §2.8): three below 60, two below 80, else one; the texts are
// msgids translated by the catalog.
struct Advice {
  const char* code;
  std::array<const char*, 3> low;
  std::array<const char*, 2> mid;
  const char* high;
};
const Advice kAdvice[] = {
    {"knowledge",
     {"Education on exercise principles and technique is needed", "Learn correct exercise form with your trainer",
      "Acquiring basic nutrition knowledge is important"},
     {"Deepen your understanding of training principles", "Review recovery and nutrition basics"},
     "Keep your exercise knowledge up to date"},
    {"lifestyle",
     {"Improve your sleep pattern and get a full 7-8 hours of sleep", "Reduce or stop smoking with professional help",
      "Build a regular daily routine that supports recovery"},
     {"Keep a consistent sleep schedule", "Reduce habits that hinder recovery"},
     "Maintain your healthy lifestyle"},
    {"readiness",
     {"Set small, achievable goals to build confidence", "Agree on clear goals with your trainer",
      "Track your progress to stay motivated"},
     {"Review your goals regularly with your trainer", "Celebrate progress to keep motivation high"},
     "Your readiness is high: keep the momentum"},
};
const Advice kGeneralAdvice = {"",
                               {"This area needs focused attention", "Discuss this area with your trainer",
                                "Set a concrete goal for this area"},
                               {"Keep working on this area", "Review this area with your trainer"},
                               "Keep up the good work in this area"};

}  // namespace

std::vector<const char*> mcq_recommendations(std::string_view category_code, double category_score) {
  const Advice* advice = &kGeneralAdvice;
  for (const auto& a : kAdvice)
    if (category_code == a.code) advice = &a;
  switch (mcq_recommendation_count(category_score)) {
    case 3: return {advice->low.begin(), advice->low.end()};
    case 2: return {advice->mid.begin(), advice->mid.end()};
    default: return {advice->high};
  }
}

int mcq_recommendation_count(double category_score) {
  if (category_score < 60) return 3;
  if (category_score < 80) return 2;
  return 1;
}

}  // namespace the5hc::domain
