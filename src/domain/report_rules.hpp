#pragma once
// Rules of the report and comparison views (DOMAIN.md §11, API.md §3.2 comparison/compare): follow-up dates,
// suggestions for weak categories, the 12-week programme, score deltas between assessments.
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/i18n.hpp"
#include "domain/label.hpp"

namespace the5hc::domain {

enum class Category { strength, mobility, balance, cardio };

const Label& category_label(Category c);  // strength 근력 / mobility 기동성 / balance 균형 / cardio 심폐지구력

struct FollowUp {
  std::chrono::sys_days midpoint_check;  // 중간 점검: + 45 days
  std::chrono::sys_days reassessment;    // 재평가 예정: + 90 days
};
FollowUp follow_up_dates(std::chrono::sys_days assessment_date);

// The three suggestions for a category scored below 60; empty at 60 or above or without a score. The PDF report
// also renders them in English, so each text has both languages here rather than a catalog entry.
std::vector<std::string> category_suggestions(Category c, std::optional<double> score, Lang lang = Lang::ko);
// Title of the improvement block, e.g. "근력 개선".
std::string suggestion_title(Category c, Lang lang = Lang::ko);

// The advice for one questionnaire category's score (DOMAIN.md §2.8; the insights of the API and the assessment
// page, the report's suggestions and the client's share page): three texts below 60, two below 80, else one. They
// are msgids (English) that the caller translates (catalog records.po).
std::vector<const char*> mcq_recommendations(const std::string& category_code, double category_score);

// 1-4주차, 5-8주차, 9-12주차 with their descriptions (and their English for the report in English).
struct ProgrammePhase {
  const char* weeks;
  const char* description;
  const char* weeks_en;
  const char* description_en;
};
const std::array<ProgrammePhase, 3>& twelve_week_programme();

// current − previous, round1; NULL when either is missing.
std::optional<double> improvement(std::optional<double> current, std::optional<double> previous);

// 2–5 assessments ("비교를 위해 2-5개의 평가를 선택해주세요."), keyed `ids`.
FieldErrors validate_comparison_count(std::size_t count);

// One compared assessment's scores (compare view, API.md §3.2).
struct ComparedScores {
  std::int64_t id = 0;
  std::optional<double> overall, strength, mobility, balance, cardio, injury_risk;
};
// The id holding the best of each score: highest, except injury risk where the lowest is best. The earliest in
// the given order wins a tie, so the answer does not depend on ids; NULL when no assessment has the score.
struct BestScores {
  std::optional<std::int64_t> overall, strength, mobility, balance, cardio, injury_risk;
};
BestScores best_scores(const std::vector<ComparedScores>& compared);

// PDF file name: fitness_assessment_{client name, spaces → _}_{YYYYMMDD}.pdf
std::string report_file_name(const std::string& client_name, std::chrono::sys_days assessment_date);

}  // namespace the5hc::domain
