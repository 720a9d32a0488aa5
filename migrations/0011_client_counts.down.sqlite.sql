DROP TRIGGER tr_clients_count_insert;
DROP TRIGGER tr_clients_count_delete;
DROP TRIGGER tr_clients_count_move;
ALTER TABLE trainers DROP COLUMN client_count;
ALTER TABLE organizations DROP COLUMN client_count;
