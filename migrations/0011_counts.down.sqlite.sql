DROP TRIGGER tr_assessments_count_insert;
DROP TRIGGER tr_assessments_count_delete;
DROP TRIGGER tr_assessments_count_move;
DROP TRIGGER tr_clients_count_insert;
DROP TRIGGER tr_clients_count_delete;
DROP TRIGGER tr_clients_count_move;
ALTER TABLE trainers DROP COLUMN client_count;
ALTER TABLE organizations DROP COLUMN client_count;
ALTER TABLE organizations DROP COLUMN assessment_count;
