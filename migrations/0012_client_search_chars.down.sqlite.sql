DROP TRIGGER tr_clients_search_chars;
DROP TABLE search_text_positions;
DROP INDEX ix_client_search_chars_client;
DROP TABLE client_search_chars;
