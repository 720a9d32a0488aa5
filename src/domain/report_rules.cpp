#include "domain/report_rules.hpp"

#include <cstdio>
#include <string>

#include "domain/grades.hpp"
#include "domain/rounding.hpp"

namespace the5hc::domain {

const Label& category_label(Category c) {
  static constexpr std::array<Label, 4> labels{{{"strength", "근력", "Strength"},
                                                {"mobility", "기동성", "Mobility"},
                                                {"balance", "균형", "Balance"},
                                                {"cardio", "심폐지구력", "Cardiorespiratory fitness"}}};
  return label_of(labels, c);
}

FollowUp follow_up_dates(std::chrono::sys_days d) {
  return {d + std::chrono::days{45}, d + std::chrono::days{90}};
}

std::string suggestion_title(Category c, Lang lang) {
  if (lang == Lang::en) return std::string("Improve ") + category_label(c).en;
  return std::string(category_label(c).ko) + " 개선";
}

std::vector<std::string> category_suggestions(Category c, std::optional<double> score, Lang lang) {
  if (!score || *score >= 60) return {};
  struct Texts {
    std::array<const char*, 3> ko, en;
  };
  static constexpr std::array<Texts, 4> texts{{
      {{"주 3회 이상 근력 운동 실시", "점진적 과부하 원칙 적용", "복합 운동 위주로 구성"},
       {"Strength training at least 3 times a week", "Apply progressive overload", "Focus on compound exercises"}},
      {{"매일 10-15분 스트레칭", "요가나 필라테스 병행", "관절 가동 범위 운동"},
       {"Stretch 10-15 minutes every day", "Add yoga or Pilates", "Range-of-motion exercises"}},
      {{"균형 감각 향상 운동", "코어 강화 운동 추가", "한 발 서기 연습"},
       {"Balance training", "Add core strengthening", "Practise standing on one leg"}},
      {{"주 150분 이상 유산소 운동", "인터벌 트레이닝 도입", "점진적 강도 증가"},
       {"At least 150 minutes of aerobic exercise a week", "Introduce interval training",
        "Increase intensity gradually"}},
  }};
  const auto& t = texts[static_cast<std::size_t>(c)];
  const auto& chosen = lang == Lang::en ? t.en : t.ko;
  return {chosen.begin(), chosen.end()};
}

const std::array<ProgrammePhase, 3>& twelve_week_programme() {
  static constexpr std::array<ProgrammePhase, 3> phases{{
      {"1-4주차", "기초 체력 구축 및 운동 적응 단계", "Weeks 1-4", "Build a base and adapt to training"},
      {"5-8주차", "운동 강도 증가 및 근력 향상 집중", "Weeks 5-8", "Raise the intensity and focus on strength"},
      {"9-12주차", "종합적 체력 향상 및 목표 달성", "Weeks 9-12", "Improve overall fitness and reach your goals"},
  }};
  return phases;
}

std::optional<double> improvement(std::optional<double> current, std::optional<double> previous) {
  if (!current || !previous) return std::nullopt;
  return round1(*current - *previous);
}

FieldErrors validate_comparison_count(std::size_t count) {
  if (count >= 2 && count <= 5) return {};
  // 비교를 위해 2-5개의 평가를 선택해주세요.
  return {{"ids", {"Select 2 to 5 assessments to compare."}}};
}

BestScores best_scores(const std::vector<ComparedScores>& compared) {
  auto best = [&](std::optional<double> ComparedScores::*score, bool lowest) {
    std::optional<std::int64_t> id;
    std::optional<double> value;
    for (const auto& c : compared) {
      auto v = c.*score;
      if (v && (!value || (lowest ? *v < *value : *v > *value))) {
        value = v;
        id = c.id;
      }
    }
    return id;
  };
  return {best(&ComparedScores::overall, false),  best(&ComparedScores::strength, false),
          best(&ComparedScores::mobility, false), best(&ComparedScores::balance, false),
          best(&ComparedScores::cardio, false),   best(&ComparedScores::injury_risk, true)};
}

std::string report_file_name(const std::string& client_name, std::chrono::sys_days assessment_date) {
  std::string name = client_name;
  for (char& c : name)
    if (c == ' ') c = '_';
  std::chrono::year_month_day ymd{assessment_date};
  char date[16];
  std::snprintf(date, sizeof date, "%04d%02u%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return "fitness_assessment_" + name + "_" + date + ".pdf";
}

namespace {

// The questionnaire advice per category code; categories an owner adds get the general texts.
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

std::vector<const char*> mcq_recommendations(const std::string& category_code, double category_score) {
  const Advice* advice = &kGeneralAdvice;
  for (const auto& a : kAdvice)
    if (category_code == a.code) advice = &a;
  switch (mcq_recommendation_count(category_score)) {
    case 3: return {advice->low.begin(), advice->low.end()};
    case 2: return {advice->mid.begin(), advice->mid.end()};
    default: return {advice->high};
  }
}

}  // namespace the5hc::domain
