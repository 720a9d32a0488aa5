-- Reverts 0002_reference_data: deletes exactly the seeded rows (matched by their stable keys). Fails, on purpose,
-- while MCQ responses still reference a seeded question or choice.
DELETE FROM mcq_choices WHERE question_id IN (SELECT id FROM mcq_questions WHERE code IN ('strength_training_frequency', 'sleep_hours', 'fitness_goal', 'smoking', 'recovery_nutrients', 'goal_confidence'));
DELETE FROM mcq_questions WHERE code IN ('strength_training_frequency', 'sleep_hours', 'fitness_goal', 'smoking', 'recovery_nutrients', 'goal_confidence');
DELETE FROM mcq_categories WHERE code IN ('knowledge', 'lifestyle', 'readiness')
  AND NOT EXISTS (SELECT 1 FROM mcq_questions WHERE mcq_questions.category_id = mcq_categories.id);
DELETE FROM normative_data WHERE test_type IN ('push_up', 'harvard_step', 'farmer_carry', 'overall')
  AND gender IN ('M', 'F') AND ((age_min = 20 AND age_max = 29) OR (age_min = 30 AND age_max = 39) OR (age_min = 40 AND age_max = 49) OR (age_min = 50 AND age_max = 59) OR (age_min = 60 AND age_max = 69));
DELETE FROM test_standards WHERE test_type = 'push_up' AND gender IN ('M', 'F') AND conditions IS NULL AND ((age_min = 0 AND age_max = 29) OR (age_min = 30 AND age_max = 39) OR (age_min = 40 AND age_max = 49) OR (age_min = 50 AND age_max = 59) OR (age_min = 60 AND age_max = 120));
DELETE FROM test_standards WHERE age_min = 0 AND age_max = 120 AND (
  (test_type = 'balance' AND gender = 'A' AND conditions IN ('eyes_open', 'eyes_closed'))
  OR (test_type = 'farmer_carry' AND gender IN ('M', 'F') AND conditions IS NULL)
  OR (test_type IN ('step_test', 'toe_touch') AND gender = 'A' AND conditions IS NULL));
