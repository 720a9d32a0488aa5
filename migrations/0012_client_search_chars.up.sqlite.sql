-- compatible: yes
-- 0012 (issue 11; SQLite, keep in step with the PostgreSQL file): an index of the non-ASCII characters (Hangul
-- syllables, accented letters, …) of each client's search_text, so that a search word holding one — the usual
-- search by a Korean syllable — reads the few clients that contain that character instead of testing instr() on
-- every client of the organisation. The substring test still decides (store/clients.cpp): this table only narrows
-- the candidates, so it may hold more than needed but never less. ASCII characters are left out: each one is in
-- most clients and would make the table as large as the text for nothing.
-- A trigger keeps it current on every change of search_text (which migration 0004's triggers set on every insert
-- and every change of name, e-mail or phone) or of the organisation, so every writer — services, legacy import,
-- demo data, batch inserts, an older binary — keeps it true; a deleted client's rows go by ON DELETE CASCADE.
CREATE TABLE client_search_chars (
  organization_id BIGINT NOT NULL,
  ch TEXT NOT NULL,  -- one character; '' marks a client whose search_text is longer than search_text_positions
  client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  PRIMARY KEY (organization_id, ch, client_id)
) WITHOUT ROWID;
-- The cascade and the trigger's delete find a client's rows by this.
CREATE INDEX ix_client_search_chars_client ON client_search_chars (client_id);

-- 1 … 1024: a trigger body cannot hold a recursive CTE, so it walks search_text's characters by joining this.
-- 1024 covers a name of the maximum 200 characters with an e-mail address of the maximum 254 and the phone twice;
-- a longer search_text (legacy data, an e-mail address beyond RFC 5321) is marked with ch = '' and is then a
-- candidate of every search instead of being missed.
CREATE TABLE search_text_positions (n INTEGER PRIMARY KEY);
INSERT INTO search_text_positions (n)
  WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 1024) SELECT n FROM k;

-- AFTER UPDATE OF search_text also runs after an insert: 0004's AFTER INSERT trigger sets search_text by an UPDATE,
-- and the row's search_text is only final then (the order of two AFTER INSERT triggers is not defined).
CREATE TRIGGER tr_clients_search_chars AFTER UPDATE OF search_text, organization_id ON clients BEGIN
  DELETE FROM client_search_chars WHERE client_id = OLD.id;
  INSERT INTO client_search_chars (organization_id, ch, client_id)
    SELECT DISTINCT NEW.organization_id, substr(NEW.search_text, p.n, 1), NEW.id FROM search_text_positions p
    WHERE p.n <= length(NEW.search_text) AND unicode(substr(NEW.search_text, p.n, 1)) > 127;
  INSERT INTO client_search_chars (organization_id, ch, client_id)
    SELECT NEW.organization_id, '', NEW.id WHERE length(NEW.search_text) > (SELECT max(n) FROM search_text_positions);
END;

-- Backfill from the clients as they are.
INSERT INTO client_search_chars (organization_id, ch, client_id)
  SELECT DISTINCT c.organization_id, substr(c.search_text, p.n, 1), c.id
  FROM clients c JOIN search_text_positions p ON p.n <= length(c.search_text)
  WHERE unicode(substr(c.search_text, p.n, 1)) > 127;
INSERT INTO client_search_chars (organization_id, ch, client_id)
  SELECT c.organization_id, '', c.id FROM clients c
  WHERE length(c.search_text) > (SELECT max(n) FROM search_text_positions);
