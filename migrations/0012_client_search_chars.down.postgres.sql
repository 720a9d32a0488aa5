DROP TRIGGER tr_clients_search_chars_update ON clients;
DROP TRIGGER tr_clients_search_chars_insert ON clients;
DROP FUNCTION client_search_chars_refresh();
DROP TABLE search_text_positions;
DROP TABLE client_search_chars;
