DROP TRIGGER tr_assessments_count_move ON assessments;
DROP TRIGGER tr_assessments_count ON assessments;
DROP FUNCTION assessment_counts();
DROP TRIGGER tr_clients_count_move ON clients;
DROP TRIGGER tr_clients_count ON clients;
DROP FUNCTION client_counts();
ALTER TABLE trainers DROP COLUMN client_count;
ALTER TABLE organizations DROP COLUMN client_count;
ALTER TABLE organizations DROP COLUMN assessment_count;
