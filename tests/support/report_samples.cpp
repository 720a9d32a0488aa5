#include "support/report_samples.hpp"

#include "domain/mcq.hpp"
#include "domain/reference_data.hpp"

namespace the5hc::testing {
namespace d = the5hc::domain;

namespace {

d::AssessmentInput complete_input() {
  d::AssessmentInput in;
  in.overhead_squat_performed = true;
  in.overhead_squat_knee_valgus = true;
  in.overhead_squat_forward_lean = true;
  in.push_up_reps = 14;
  in.push_up_type = d::PushUpType::modified;
  in.single_leg_balance_right_eyes_open = 32;
  in.single_leg_balance_left_eyes_open = 18.5;
  in.single_leg_balance_right_eyes_closed = 9;
  in.single_leg_balance_left_eyes_closed = 4.2;
  in.toe_touch_distance = -6;
  in.shoulder_mobility_right = 12;
  in.shoulder_mobility_left = 19;
  in.shoulder_mobility_score = 1;
  in.farmer_carry_weight = 16;
  in.farmer_carry_distance = 20;
  in.farmer_carry_time = 28;
  in.harvard_step_test_hr1 = 118;
  in.harvard_step_test_hr2 = 104;
  in.harvard_step_test_hr3 = 96;
  in.push_up_score = 3;  // the trainer's judgement of the knee push-ups
  in.push_up_notes = "무릎 푸시업으로 진행, 마지막 세트에서 허리 처짐";
  in.notes = "왼쪽 발목 염좌 이력. 다음 평가 전 균형 훈련 병행 권장.";
  return in;
}

report::ReportModel base(Lang lang) {
  report::ReportModel m;
  m.lang = lang;
  m.organization_name = "더파이브 헬스케어 강남점";
  m.trainer_name = "박준형";
  m.client_name = "김민지";
  m.client_age = 34;
  m.client_gender = d::Gender::female;
  m.client_height = 163.5;
  m.client_weight = 58.2;
  m.assessment_date = {2026, 11, 20};
  return m;
}

d::ClientFacts facts(const report::ReportModel& m) { return {m.client_age, m.client_gender, m.client_weight}; }

}  // namespace

report::ReportModel sample_report(Lang lang, bool questionnaire) {
  auto m = base(lang);
  m.input = complete_input();
  const auto& bank = d::builtin_mcq_bank();
  std::vector<d::McqResponse> responses;
  if (questionnaire)
    for (const auto& q : bank.questions) {
      if (q.choices.empty() || q.depends_on_id) continue;
      // the last choice of each question: the riskiest answers, so the risk list has entries
      responses.push_back({q.id, {q.choices.back().id}, ""});
    }
  m.evaluation = d::evaluate_assessment(m.input, facts(m), responses);
  m.previous_categories = std::array<std::optional<double>, 4>{55.0, 40.0, 45.0, 50.0};
  if (questionnaire) {
    for (const auto& c : bank.categories) {
      auto it = m.evaluation.mcq.category_scores.find(c.code);
      m.questionnaire.push_back({c.code, lang == Lang::en ? c.name : c.name_ko,
                                 it == m.evaluation.mcq.category_scores.end() ? std::nullopt : it->second});
    }
    m.questionnaire_risks = m.evaluation.mcq.risk_items;
    m.questionnaire_advice = {lang == Lang::en ? "Keep a consistent sleep schedule" : "규칙적인 수면 습관을 유지하세요"};
  }
  return m;
}

report::ReportModel incomplete_report() {
  auto m = base(Lang::ko);
  m.input.push_up_reps = 20;
  m.input.harvard_step_test_hr1 = 120;
  m.input.harvard_step_test_hr2 = 110;
  m.input.harvard_step_test_hr3 = 100;
  m.evaluation = d::evaluate_assessment(m.input, facts(m));
  return m;
}

report::ReportModel legacy_report() {
  auto m = base(Lang::ko);
  m.is_legacy = true;
  m.client_name = "이영희";
  m.assessment_date = {2025, 6, 3};
  m.input.push_up_reps = 0;
  m.input.toe_touch_distance = 0;
  auto& s = m.evaluation.scores;
  s.overhead_squat_performed = true;
  s.overhead_squat_score = 0;
  s.push_up_score = 1;
  s.single_leg_balance_score = 1;
  s.toe_touch_score = 3;
  s.shoulder_mobility_score = 0;
  s.farmer_carry_score = 1;
  s.harvard_step_test_score = 1;
  s.strength_score = 25;
  s.mobility_score = 37.5;
  s.balance_score = 12.5;
  s.cardio_score = 20;
  s.overall_score = 24;
  s.is_complete = true;
  m.evaluation.risk.score = 35;
  m.evaluation.risk.level = d::risk_level(35);
  return m;
}

}  // namespace the5hc::testing
