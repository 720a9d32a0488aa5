#include "domain/reference_data.hpp"

#include <array>

#include "domain/rounding.hpp"

namespace the5hc::domain {

namespace {

constexpr const char* standards_source = "The5HC";

struct Band {
  int min, max;
};
constexpr std::array<Band, 5> push_up_bands{{{0, 29}, {30, 39}, {40, 49}, {50, 59}, {60, 120}}};
constexpr std::array<Band, 5> norm_bands{{{20, 29}, {30, 39}, {40, 49}, {50, 59}, {60, 69}}};

std::vector<TestStandard> make_standards() {
  std::vector<TestStandard> rows;
  const double men[5][3] = {{36, 29, 22}, {30, 24, 17}, {25, 20, 13}, {21, 16, 10}, {18, 12, 8}};
  const double women[5][3] = {{30, 21, 15}, {27, 20, 13}, {24, 15, 11}, {21, 13, 9}, {17, 12, 8}};
  for (char g : {'M', 'F'}) {
    const auto& t = g == 'M' ? men : women;
    for (std::size_t i = 0; i < push_up_bands.size(); ++i) {
      auto [lo, hi] = push_up_bands[i];
      std::string ages = std::to_string(lo) + "-" + std::to_string(hi);
      rows.push_back({"push_up", g, lo, hi, "", "repetitions", t[i][0], t[i][1], t[i][2],
                      std::string(g == 'M' ? "남성" : "여성") + " 푸시업 기준 (" + ages + "세)", standards_source});
    }
  }
  rows.push_back({"balance", 'A', 0, 120, "eyes_open", "time", 45, 30, 15, "외발 서기 기준 (눈 뜨고)", standards_source});
  rows.push_back({"balance", 'A', 0, 120, "eyes_closed", "time", 30, 20, 10, "외발 서기 기준 (눈 감고)", standards_source});
  rows.push_back({"farmer_carry", 'M', 0, 120, "", "time", 60, 45, 30, "남성 파머스 캐리 기준 (시간)", standards_source});
  rows.push_back({"farmer_carry", 'F', 0, 120, "", "time", 45, 30, 20, "여성 파머스 캐리 기준 (시간)", standards_source});
  rows.push_back({"step_test", 'A', 0, 120, "", "pfi", 90, 80, 65, "하버드 스텝 테스트 기준 (PFI)", standards_source});
  rows.push_back({"toe_touch", 'A', 0, 120, "", "distance", 5, 0, -10, "발끝 닿기 기준", standards_source});
  return rows;
}

struct NormSet {
  const char* test_type;
  const char* source;
  int year, sample_size;
  double men[5][5], women[5][5];
};

std::vector<NormativeRow> make_norms() {
  const NormSet sets[] = {
      {"push_up", "ACSM Guidelines 11th Edition", 2021, 5000,
       {{17, 22, 29, 36, 44}, {13, 17, 22, 30, 39}, {10, 13, 17, 24, 30}, {7, 10, 13, 20, 25}, {5, 8, 11, 17, 23}},
       {{6, 10, 15, 23, 30}, {5, 8, 13, 20, 27}, {4, 6, 11, 15, 24}, {2, 5, 7, 12, 17}, {1, 3, 5, 11, 17}}},
      {"harvard_step", "ACSM Fitness Assessment Manual", 2021, 3000,
       {{45, 55, 65, 75, 85}, {42, 52, 62, 72, 82}, {40, 50, 58, 68, 78}, {38, 46, 55, 65, 75}, {35, 43, 52, 61, 70}},
       {{42, 52, 62, 72, 82}, {40, 48, 58, 68, 78}, {38, 46, 55, 64, 73}, {35, 43, 52, 60, 68}, {32, 40, 48, 56, 65}}},
      {"farmer_carry", "Korean National Fitness Survey", 2022, 2500,
       {{40, 50, 65, 80, 95}, {35, 45, 60, 75, 90}, {30, 40, 55, 70, 85}, {25, 35, 50, 65, 80}, {20, 30, 45, 60, 75}},
       {{30, 40, 50, 65, 80}, {25, 35, 45, 60, 75}, {20, 30, 40, 55, 70}, {15, 25, 35, 50, 65}, {10, 20, 30, 45, 60}}},
      {"overall", "The5HC Assessment Database", 2023, 1500,
       {{45, 55, 65, 75, 85}, {42, 52, 62, 72, 82}, {38, 48, 58, 68, 78}, {35, 45, 55, 65, 75}, {30, 40, 50, 60, 70}},
       {{42, 52, 62, 72, 82}, {40, 50, 60, 70, 80}, {36, 46, 56, 66, 76}, {32, 42, 52, 62, 72}, {28, 38, 48, 58, 68}}},
  };
  std::vector<NormativeRow> rows;
  for (const auto& s : sets)
    for (char g : {'M', 'F'})
      for (std::size_t i = 0; i < norm_bands.size(); ++i) {
        const auto& p = g == 'M' ? s.men[i] : s.women[i];
        rows.push_back({s.test_type, g, norm_bands[i].min, norm_bands[i].max, p[0], p[1], p[2], p[3], p[4], s.source,
                        s.year, s.sample_size});
      }
  return rows;
}

McqChoice choice(std::int64_t question_id, int order, std::string en, std::string ko, int points,
                 bool correct = false, double risk = 0.0, std::string risk_label = {}, std::string risk_label_ko = {}) {
  return McqChoice{question_id * 10 + order, std::move(en), std::move(ko), points, correct, order, risk > 0, risk,
                   std::move(risk_label), std::move(risk_label_ko)};
}

McqBank make_bank() {
  McqBank bank;
  bank.categories = {
      {"knowledge", "Knowledge Assessment", "지식 평가", 0.15, 1, true},
      {"lifestyle", "Lifestyle Assessment", "생활습관 평가", 0.15, 2, true},
      {"readiness", "Readiness Assessment", "준비도 평가", 0.10, 3, true},
  };
  auto question = [&](std::int64_t id, std::string cat, QuestionType type, std::string en, std::string ko,
                      std::vector<McqChoice> choices) {
    McqQuestion q;
    q.id = id;
    q.category_code = std::move(cat);
    q.question_type = type;
    q.question_text = std::move(en);
    q.question_text_ko = std::move(ko);
    q.points = 5;
    q.order = static_cast<int>(id);
    q.choices = std::move(choices);
    bank.questions.push_back(std::move(q));
  };
  question(1, "knowledge", QuestionType::single, "How many strength-training sessions per week are recommended?",
           "근력 운동은 주당 몇 회가 권장됩니까?",
           {choice(1, 1, "1-2 times", "1-2회", 2), choice(1, 2, "2-3 times", "2-3회", 5, true),
            choice(1, 3, "4-5 times", "4-5회", 3),
            choice(1, 4, "Every day", "매일", 1, false, 1.0, "overtraining", "과훈련")});
  question(2, "lifestyle", QuestionType::single, "How many hours do you sleep on average?",
           "평균 수면 시간은 얼마입니까?",
           {choice(2, 1, "Less than 5 hours", "5시간 미만", 0, false, 1.0, "sleep_deprivation", "수면 부족"),
            choice(2, 2, "5-6 hours", "5-6시간", 2, false, 1.0, "insufficient_sleep", "수면 부족"),
            choice(2, 3, "7-8 hours", "7-8시간", 5), choice(2, 4, "9 hours or more", "9시간 이상", 3)});
  question(3, "readiness", QuestionType::single, "What is your main fitness goal?", "주요 피트니스 목표는 무엇입니까?",
           {choice(3, 1, "Weight loss", "체중 감량", 5), choice(3, 2, "Muscle gain", "근육 증가", 5),
            choice(3, 3, "Better health", "건강 개선", 5), choice(3, 4, "Performance", "성능 향상", 5)});
  question(4, "lifestyle", QuestionType::single, "Do you smoke?", "흡연하십니까?",
           {choice(4, 1, "Yes, daily", "예, 매일", 0, false, 1.0, "smoking", "흡연"),
            choice(4, 2, "Yes, occasionally", "예, 가끔", 2, false, 1.0, "smoking", "흡연"),
            choice(4, 3, "No, I quit recently", "아니요, 최근에 끊었습니다", 3),
            choice(4, 4, "No, never", "아니요, 전혀", 5)});
  question(5, "knowledge", QuestionType::multiple,
           "Which nutrients matter most for muscle recovery? (select all that apply)",
           "근육 회복에 가장 중요한 영양소는? (복수 선택)",
           {choice(5, 1, "Protein", "단백질", 2, true), choice(5, 2, "Carbohydrates", "탄수화물", 2, true),
            choice(5, 3, "Fat", "지방", 1), choice(5, 4, "Vitamins", "비타민", 0)});
  question(6, "readiness", QuestionType::scale, "How confident are you of reaching your fitness goals?",
           "피트니스 목표를 달성할 자신감은 어느 정도입니까?",
           {choice(6, 1, "1 - Very low", "1 - 매우 낮음", 1), choice(6, 2, "2 - Low", "2 - 낮음", 2),
            choice(6, 3, "3 - Moderate", "3 - 보통", 3), choice(6, 4, "4 - High", "4 - 높음", 4),
            choice(6, 5, "5 - Very high", "5 - 매우 높음", 5)});
  return bank;
}

}  // namespace

const std::vector<TestStandard>& builtin_test_standards() {
  static const std::vector<TestStandard> rows = make_standards();
  return rows;
}

const std::vector<NormativeRow>& builtin_normative_data() {
  static const std::vector<NormativeRow> rows = make_norms();
  return rows;
}

const McqBank& builtin_mcq_bank() {
  static const McqBank bank = make_bank();
  return bank;
}

char gender_code(Gender g) { return g == Gender::male ? 'M' : 'F'; }

const TestStandard* find_standard(const std::vector<TestStandard>& standards, std::string_view test_type,
                                  std::optional<Gender> gender, std::optional<int> age, std::string_view conditions) {
  return find_by_gender(standards, gender, [&](const TestStandard& s) {
    if (!s.is_active || s.test_type != test_type || s.conditions != conditions) return false;
    if (!age) return s.age_min <= 0 && s.age_max >= 120;
    return s.age_min <= *age && *age <= s.age_max;
  });
}

int score_by_standard(const TestStandard& s, double value) {
  if (at_least(value, s.excellent)) return 4;
  if (at_least(value, s.good)) return 3;
  if (at_least(value, s.average)) return 2;
  return 1;
}

}  // namespace the5hc::domain
