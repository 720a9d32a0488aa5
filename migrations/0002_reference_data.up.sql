-- compatible: yes
-- 0002 reference data of DOMAIN.md §3 (same SQL on both engines): test standards (§3.1, 16 rows), normative data
-- (§3.2, 40 rows) and the default MCQ bank (§3.3: 3 categories, 6 questions, 25 choices). No explicit ids: parents
-- are found by their unique key. Stable keys for `the5hc seed-standards` upserts:
--   test_standards (test_type, gender, age_min, age_max, conditions)
--   normative_data (test_type, gender, age_min, age_max)
--   mcq_categories.code, mcq_questions.code, mcq_choices (question code, sort_order)
-- Question sort_order = its number in §3.3 (1-6), so "question N of the seeded bank" is sort_order N.

-- Test standards (DOMAIN.md §3.1): value >= excellent -> 4, >= good -> 3, >= average -> 2, else 1.
INSERT INTO test_standards (test_type, gender, age_min, age_max, conditions, metric, excellent, good, average, name_ko, is_active) VALUES
  ('push_up', 'M', 0, 29, NULL, 'repetitions', 36, 29, 22, '남성 푸시업 기준 (0-29세)', 1),
  ('push_up', 'M', 30, 39, NULL, 'repetitions', 30, 24, 17, '남성 푸시업 기준 (30-39세)', 1),
  ('push_up', 'M', 40, 49, NULL, 'repetitions', 25, 20, 13, '남성 푸시업 기준 (40-49세)', 1),
  ('push_up', 'M', 50, 59, NULL, 'repetitions', 21, 16, 10, '남성 푸시업 기준 (50-59세)', 1),
  ('push_up', 'M', 60, 120, NULL, 'repetitions', 18, 12, 8, '남성 푸시업 기준 (60-120세)', 1),
  ('push_up', 'F', 0, 29, NULL, 'repetitions', 30, 21, 15, '여성 푸시업 기준 (0-29세)', 1),
  ('push_up', 'F', 30, 39, NULL, 'repetitions', 27, 20, 13, '여성 푸시업 기준 (30-39세)', 1),
  ('push_up', 'F', 40, 49, NULL, 'repetitions', 24, 15, 11, '여성 푸시업 기준 (40-49세)', 1),
  ('push_up', 'F', 50, 59, NULL, 'repetitions', 21, 13, 9, '여성 푸시업 기준 (50-59세)', 1),
  ('push_up', 'F', 60, 120, NULL, 'repetitions', 17, 12, 8, '여성 푸시업 기준 (60-120세)', 1),
  ('balance', 'A', 0, 120, 'eyes_open', 'time', 45, 30, 15, '외발 서기 기준 (눈 뜨고)', 1),
  ('balance', 'A', 0, 120, 'eyes_closed', 'time', 30, 20, 10, '외발 서기 기준 (눈 감고)', 1),
  ('farmer_carry', 'M', 0, 120, NULL, 'time', 60, 45, 30, '남성 파머스 캐리 기준 (시간)', 1),
  ('farmer_carry', 'F', 0, 120, NULL, 'time', 45, 30, 20, '여성 파머스 캐리 기준 (시간)', 1),
  ('step_test', 'A', 0, 120, NULL, 'pfi', 90, 80, 65, '하버드 스텝 테스트 기준 (PFI)', 1),
  ('toe_touch', 'A', 0, 120, NULL, 'distance', 5, 0, -10, '발끝 닿기 기준', 1);

-- Normative data (DOMAIN.md §3.2): p10/p25/p50/p75/p90 per gender and age band.
INSERT INTO normative_data (test_type, gender, age_min, age_max, p10, p25, p50, p75, p90, source, year, sample_size) VALUES
  ('push_up', 'M', 20, 29, 17, 22, 29, 36, 44, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'M', 30, 39, 13, 17, 22, 30, 39, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'M', 40, 49, 10, 13, 17, 24, 30, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'M', 50, 59, 7, 10, 13, 20, 25, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'M', 60, 69, 5, 8, 11, 17, 23, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'F', 20, 29, 6, 10, 15, 23, 30, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'F', 30, 39, 5, 8, 13, 20, 27, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'F', 40, 49, 4, 6, 11, 15, 24, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'F', 50, 59, 2, 5, 7, 12, 17, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('push_up', 'F', 60, 69, 1, 3, 5, 11, 17, 'ACSM Guidelines 11th Edition', 2021, 5000),
  ('harvard_step', 'M', 20, 29, 45, 55, 65, 75, 85, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'M', 30, 39, 42, 52, 62, 72, 82, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'M', 40, 49, 40, 50, 58, 68, 78, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'M', 50, 59, 38, 46, 55, 65, 75, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'M', 60, 69, 35, 43, 52, 61, 70, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'F', 20, 29, 42, 52, 62, 72, 82, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'F', 30, 39, 40, 48, 58, 68, 78, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'F', 40, 49, 38, 46, 55, 64, 73, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'F', 50, 59, 35, 43, 52, 60, 68, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('harvard_step', 'F', 60, 69, 32, 40, 48, 56, 65, 'ACSM Fitness Assessment Manual', 2021, 3000),
  ('farmer_carry', 'M', 20, 29, 40, 50, 65, 80, 95, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'M', 30, 39, 35, 45, 60, 75, 90, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'M', 40, 49, 30, 40, 55, 70, 85, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'M', 50, 59, 25, 35, 50, 65, 80, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'M', 60, 69, 20, 30, 45, 60, 75, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'F', 20, 29, 30, 40, 50, 65, 80, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'F', 30, 39, 25, 35, 45, 60, 75, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'F', 40, 49, 20, 30, 40, 55, 70, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'F', 50, 59, 15, 25, 35, 50, 65, 'Korean National Fitness Survey', 2022, 2500),
  ('farmer_carry', 'F', 60, 69, 10, 20, 30, 45, 60, 'Korean National Fitness Survey', 2022, 2500),
  ('overall', 'M', 20, 29, 45, 55, 65, 75, 85, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'M', 30, 39, 42, 52, 62, 72, 82, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'M', 40, 49, 38, 48, 58, 68, 78, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'M', 50, 59, 35, 45, 55, 65, 75, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'M', 60, 69, 30, 40, 50, 60, 70, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'F', 20, 29, 42, 52, 62, 72, 82, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'F', 30, 39, 40, 50, 60, 70, 80, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'F', 40, 49, 36, 46, 56, 66, 76, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'F', 50, 59, 32, 42, 52, 62, 72, 'The5HC Assessment Database', 2023, 1500),
  ('overall', 'F', 60, 69, 28, 38, 48, 58, 68, 'The5HC Assessment Database', 2023, 1500);

-- MCQ bank (DOMAIN.md §3.3); active category weights sum to 0.40. English texts are translations of the Korean.
INSERT INTO mcq_categories (code, name, name_ko, weight, sort_order, is_active) VALUES
  ('knowledge', 'Knowledge Assessment', '지식 평가', 0.15, 1, 1),
  ('lifestyle', 'Lifestyle Assessment', '생활습관 평가', 0.15, 2, 1),
  ('readiness', 'Readiness Assessment', '준비도 평가', 0.10, 3, 1);

INSERT INTO mcq_questions (category_id, code, question_text, question_text_ko, question_type, points, is_required, sort_order, is_active) VALUES
  ((SELECT id FROM mcq_categories WHERE code = 'knowledge'), 'strength_training_frequency', 'How many times per week is strength training recommended?', '근력 운동은 주당 몇 회가 권장됩니까?', 'single', 5, 1, 1, 1),
  ((SELECT id FROM mcq_categories WHERE code = 'lifestyle'), 'sleep_hours', 'How many hours do you sleep on average?', '평균 수면 시간은 얼마입니까?', 'single', 5, 1, 2, 1),
  ((SELECT id FROM mcq_categories WHERE code = 'readiness'), 'fitness_goal', 'What is your main fitness goal?', '주요 피트니스 목표는 무엇입니까?', 'single', 5, 1, 3, 1),
  ((SELECT id FROM mcq_categories WHERE code = 'lifestyle'), 'smoking', 'Do you smoke?', '흡연하십니까?', 'single', 5, 1, 4, 1),
  ((SELECT id FROM mcq_categories WHERE code = 'knowledge'), 'recovery_nutrients', 'Which nutrients are most important for muscle recovery? (select all that apply)', '근육 회복에 가장 중요한 영양소는? (복수 선택)', 'multiple', 5, 1, 5, 1),
  ((SELECT id FROM mcq_categories WHERE code = 'readiness'), 'goal_confidence', 'How confident are you that you will reach your fitness goals?', '피트니스 목표를 달성할 자신감은 어느 정도입니까?', 'scale', 5, 1, 6, 1);

INSERT INTO mcq_choices (question_id, choice_text, choice_text_ko, points, is_correct, sort_order, contributes_to_risk, risk_weight, risk_label, risk_label_ko) VALUES
  ((SELECT id FROM mcq_questions WHERE code = 'strength_training_frequency'), '1-2 times', '1-2회', 2, 0, 1, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'strength_training_frequency'), '2-3 times', '2-3회', 5, 1, 2, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'strength_training_frequency'), '4-5 times', '4-5회', 3, 0, 3, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'strength_training_frequency'), 'Every day', '매일', 1, 0, 4, 1, 1.0, 'overtraining', '과훈련'),
  ((SELECT id FROM mcq_questions WHERE code = 'sleep_hours'), 'Less than 5 hours', '5시간 미만', 0, 0, 1, 1, 1.0, 'sleep_deprivation', '수면 부족'),
  ((SELECT id FROM mcq_questions WHERE code = 'sleep_hours'), '5-6 hours', '5-6시간', 2, 0, 2, 1, 1.0, 'insufficient_sleep', '수면 부족'),
  ((SELECT id FROM mcq_questions WHERE code = 'sleep_hours'), '7-8 hours', '7-8시간', 5, 0, 3, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'sleep_hours'), '9 hours or more', '9시간 이상', 3, 0, 4, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'fitness_goal'), 'Weight loss', '체중 감량', 5, 0, 1, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'fitness_goal'), 'Muscle gain', '근육 증가', 5, 0, 2, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'fitness_goal'), 'Better health', '건강 개선', 5, 0, 3, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'fitness_goal'), 'Better performance', '성능 향상', 5, 0, 4, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'smoking'), 'Yes, daily', '예, 매일', 0, 0, 1, 1, 1.0, 'smoking', '흡연'),
  ((SELECT id FROM mcq_questions WHERE code = 'smoking'), 'Yes, occasionally', '예, 가끔', 2, 0, 2, 1, 1.0, 'smoking', '흡연'),
  ((SELECT id FROM mcq_questions WHERE code = 'smoking'), 'No, I quit recently', '아니요, 최근에 끊었습니다', 3, 0, 3, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'smoking'), 'No, never', '아니요, 전혀', 5, 0, 4, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'recovery_nutrients'), 'Protein', '단백질', 2, 1, 1, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'recovery_nutrients'), 'Carbohydrates', '탄수화물', 2, 1, 2, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'recovery_nutrients'), 'Fat', '지방', 1, 0, 3, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'recovery_nutrients'), 'Vitamins', '비타민', 0, 0, 4, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'goal_confidence'), '1 - Very low', '1 - 매우 낮음', 1, 0, 1, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'goal_confidence'), '2 - Low', '2 - 낮음', 2, 0, 2, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'goal_confidence'), '3 - Moderate', '3 - 보통', 3, 0, 3, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'goal_confidence'), '4 - High', '4 - 높음', 4, 0, 4, 0, 0, NULL, NULL),
  ((SELECT id FROM mcq_questions WHERE code = 'goal_confidence'), '5 - Very high', '5 - 매우 높음', 5, 0, 5, 0, 0, NULL, NULL);
