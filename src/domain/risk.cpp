#include "domain/risk.hpp"

#include <algorithm>
#include <cmath>

#include "domain/assessment_ranges.hpp"
#include "domain/rounding.hpp"

namespace the5hc::domain {

const DetailValue* find_detail(const DetailValue::Object& obj, const std::string& key) {
  for (const auto& [k, v] : obj)
    if (k == key) return &v;
  return nullptr;
}

RiskLevel risk_level(double score) {
  if (score >= 70) return RiskLevel::high;
  if (score >= 40) return RiskLevel::moderate;
  if (score >= 20) return RiskLevel::low_moderate;
  return RiskLevel::low;
}

const Label& risk_level_label(RiskLevel level) {
  static constexpr std::array<Label, 4> labels{{{"low", "낮음", "Low"},
                                                {"low_moderate", "경미", "Low-moderate"},
                                                {"moderate", "중간", "Moderate"},
                                                {"high", "높음", "High"}}};
  return label_of(labels, level);
}

namespace {

std::optional<double> time_in_range(std::optional<double> t) {
  return t && ranges::balance_time.contains(*t) ? t : std::nullopt;
}

// The factor list with unrounded points alongside, since the total uses them (DOMAIN.md §2.7).
struct Collector {
  std::vector<RiskFactor> factors;
  double total = 0;
  void add(std::string code, std::string ko, std::string en, double points, DetailValue::Object details) {
    total += points;
    factors.push_back({std::move(code), std::move(ko), std::move(en), round1(points), std::move(details)});
  }
};

void category_imbalance(Collector& c, const AssessmentScores& s) {
  if (!s.is_complete) return;
  const std::pair<const char*, double> cats[] = {{"strength", *s.strength_score},
                                                 {"mobility", *s.mobility_score},
                                                 {"balance", *s.balance_score},
                                                 {"cardio", *s.cardio_score}};
  double avg = 0;
  for (const auto& [name, v] : cats) avg += v / 4;
  if (avg <= 0) return;
  double max_dev = 0;
  for (const auto& [name, v] : cats) max_dev = std::max(max_dev, std::fabs(v - avg));
  if (max_dev <= 0.3 * avg) return;
  DetailValue::Array flagged;
  for (const auto& [name, v] : cats) {
    double dev = std::fabs(v - avg);
    if (dev > 0.3 * avg)
      flagged.push_back(DetailValue::Object{{"category", name},
                                            {"score", v},
                                            {"average", round1(avg)},
                                            {"deviation", round1(dev)},
                                            {"percentage", round1(dev / avg * 100)}});
  }
  c.add("category_imbalance", "카테고리 불균형", "Category imbalance", std::min(30.0, max_dev / avg * 50),
        {{"average", round1(avg)}, {"max_deviation", round1(max_dev)}, {"categories", std::move(flagged)}});
}

void balance_asymmetry(Collector& c, std::optional<double> right, std::optional<double> left, bool eyes_open) {
  right = time_in_range(right), left = time_in_range(left);
  if (!right || !left || *right <= 0 || *left <= 0) return;
  double asym = std::fabs(*right - *left) / std::max(*right, *left) * 100;
  if (asym <= 30) return;
  c.add(eyes_open ? "balance_asymmetry_eyes_open" : "balance_asymmetry_eyes_closed",
        eyes_open ? "좌우 균형 비대칭(눈 뜨고)" : "좌우 균형 비대칭(눈 감고)",
        eyes_open ? "Balance asymmetry (eyes open)" : "Balance asymmetry (eyes closed)", std::min(20.0, asym * 0.4),
        {{"right", *right}, {"left", *left}, {"asymmetry_percentage", round1(asym)}});
}

void poor_mobility(Collector& c, std::optional<int> score, const char* test, const char* test_ko,
                   const char* test_en) {
  if (!score || *score > 1) return;
  c.add("poor_mobility", std::string(test_ko) + " 가동성 제한", std::string("Limited mobility: ") + test_en,
        *score == 0 ? 15.0 : 10.0, {{"test", test}, {"score", *score}});
}

}  // namespace

InjuryRisk physical_injury_risk(const AssessmentInput& in, const AssessmentScores& s) {
  Collector c;
  category_imbalance(c, s);
  balance_asymmetry(c, in.single_leg_balance_right_eyes_open, in.single_leg_balance_left_eyes_open, true);
  balance_asymmetry(c, in.single_leg_balance_right_eyes_closed, in.single_leg_balance_left_eyes_closed, false);

  if (s.shoulder_mobility_asymmetry && *s.shoulder_mobility_asymmetry > 2) {
    double cm = *s.shoulder_mobility_asymmetry;
    c.add("shoulder_asymmetry", "어깨 가동성 비대칭", "Shoulder mobility asymmetry", std::min(20.0, cm * 3),
          {{"difference_cm", cm}, {"risk_level", cm > 5 ? "high" : "moderate"}});
  }

  poor_mobility(c, s.overhead_squat_score, "overhead_squat", "오버헤드 스쿼트", "Overhead squat");
  poor_mobility(c, s.toe_touch_score, "toe_touch", "발끝 닿기", "Toe touch");
  poor_mobility(c, s.shoulder_mobility_score, "shoulder_mobility", "어깨 가동성", "Shoulder mobility");

  if (s.balance_score && *s.balance_score < 40)
    c.add("poor_balance", "낮은 균형 능력", "Low balance", 15 * (1 - *s.balance_score / 100),
          {{"balance_score", *s.balance_score}});

  std::optional<double> shortest_open;
  for (auto t : {time_in_range(in.single_leg_balance_right_eyes_open),
                 time_in_range(in.single_leg_balance_left_eyes_open)})
    if (t) shortest_open = shortest_open ? std::min(*shortest_open, *t) : *t;
  if (shortest_open && *shortest_open < 10)
    c.add("poor_static_balance", "정적 균형 부족", "Poor static balance", 10, {{"shortest_time", *shortest_open}});

  // Compensations count even when pain or an entered score decides the OHS score (DOMAIN.md §12 #23).
  DetailValue::Array names;
  const std::pair<bool, const char*> flags[] = {{in.overhead_squat_knee_valgus, "knee_valgus"},
                                                {in.overhead_squat_forward_lean, "forward_lean"},
                                                {in.overhead_squat_heel_lift, "heel_lift"},
                                                {in.overhead_squat_arm_drop, "arm_drop"}};
  for (const auto& [ticked, name] : flags)
    if (ticked) names.push_back(name);
  if (int n = static_cast<int>(names.size()); n >= 1)
    c.add("movement_compensations", "움직임 보상", "Movement compensations", std::min(10.0, 4.0 * n),
          {{"compensations", std::move(names)}, {"count", n}, {"risk_level", n >= 2 ? "high" : "moderate"}});

  if (in.shoulder_mobility_pain) c.add("shoulder_pain", "어깨 통증", "Shoulder pain", 10, {});

  if (s.strength_score && *s.strength_score < 30)
    c.add("low_strength", "낮은 근력", "Low strength", 5 * (1 - *s.strength_score / 100),
          {{"strength_score", *s.strength_score}});
  if (s.push_up_score && *s.push_up_score <= 1)
    c.add("poor_upper_body_strength", "상체 근력 부족", "Poor upper-body strength", 5,
          {{"push_up_score", *s.push_up_score}});
  if (s.cardio_score && *s.cardio_score < 30)
    c.add("poor_cardio", "낮은 심폐지구력", "Low cardiorespiratory fitness", 5 * (1 - *s.cardio_score / 100),
          {{"cardio_score", *s.cardio_score}});

  InjuryRisk risk;
  risk.physical = round1(std::min(100.0, c.total));
  risk.factors = std::move(c.factors);
  blend_mcq_risk(risk, McqResult{});
  return risk;
}

void blend_mcq_risk(InjuryRisk& risk, const McqResult& mcq) {
  std::erase_if(risk.factors, [](const RiskFactor& f) { return f.code == "mcq_risk"; });
  risk.mcq.reset();
  risk.score = risk.physical;
  if (mcq.mcq_risk && *mcq.mcq_risk > 0) {
    risk.mcq = mcq.mcq_risk;
    risk.score = round1(0.8 * risk.physical + 0.2 * *mcq.mcq_risk);
    DetailValue::Array answers;
    for (const auto& item : mcq.risk_items)
      answers.push_back(DetailValue::Object{{"category", item.category},
                                            {"question", item.question},
                                            {"answer", item.answer},
                                            {"risk_weight", item.risk_weight}});
    risk.factors.push_back({"mcq_risk", "설문 위험 요인", "Questionnaire risk factors", round1(0.2 * *mcq.mcq_risk),
                            {{"mcq_risk", *mcq.mcq_risk}, {"answers", std::move(answers)}}});
  }
  risk.level = risk_level(risk.score);
  // stable: ties stay in rule order with mcq_risk last
  std::vector<std::size_t> order(risk.factors.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return risk.factors[a].points > risk.factors[b].points; });
  order.resize(std::min<std::size_t>(3, order.size()));
  risk.primary_concerns = std::move(order);
}

}  // namespace the5hc::domain
