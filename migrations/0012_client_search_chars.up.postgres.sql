-- compatible: yes
-- 0012 (issue 11; PostgreSQL, keep in step with the SQLite file): an index of the non-ASCII characters (Hangul
-- syllables, accented letters, …) of each client's search_text, so that a search word holding one — the usual
-- search by a Korean syllable — reads the few clients that contain that character instead of testing strpos() on
-- every client of the organisation. The substring test still decides (store/clients.cpp): this table only narrows
-- the candidates, so it may hold more than needed but never less. ASCII characters are left out: each one is in
-- most clients and would make the table as large as the text for nothing.
-- A trigger keeps it current on every insert and every change of search_text (which migration 0004's BEFORE trigger
-- computes) or of the organisation, so every writer — services, legacy import, demo data, batch inserts, an older
-- binary — keeps it true; a deleted client's rows go by ON DELETE CASCADE.
CREATE TABLE client_search_chars (
  organization_id BIGINT NOT NULL,
  ch TEXT NOT NULL,  -- one character; '' marks a client whose search_text is longer than search_text_positions
  client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  PRIMARY KEY (organization_id, ch, client_id)
);
-- The cascade and the trigger's delete find a client's rows by this.
CREATE INDEX ix_client_search_chars_client ON client_search_chars (client_id);

-- 1 … 1024, which the characters of search_text are walked by: SQLite's trigger cannot do otherwise, and the same
-- walk here gives both engines the same rows. 1024 covers a name of the maximum 200 characters with an e-mail
-- address of the maximum 254 and the phone twice; a longer search_text (legacy data, a direct write) is marked with
-- ch = '' and is then a candidate of every search instead of being missed.
CREATE TABLE search_text_positions (n INTEGER PRIMARY KEY);
INSERT INTO search_text_positions (n) SELECT generate_series(1, 1024);

-- A database in SQL_ASCII holds bytes, not characters: no character the store looks for would match there, so every
-- client is marked '' (always a candidate) and the search stays the scan it was.
CREATE FUNCTION client_search_chars_refresh() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM client_search_chars WHERE client_id = OLD.id;
  END IF;
  IF current_setting('server_encoding') = 'SQL_ASCII' THEN
    INSERT INTO client_search_chars (organization_id, ch, client_id) VALUES (NEW.organization_id, '', NEW.id);
    RETURN NULL;
  END IF;
  INSERT INTO client_search_chars (organization_id, ch, client_id)
    SELECT DISTINCT NEW.organization_id, substr(NEW.search_text, p.n, 1), NEW.id FROM search_text_positions p
    WHERE p.n <= length(NEW.search_text) AND ascii(substr(NEW.search_text, p.n, 1)) > 127;
  INSERT INTO client_search_chars (organization_id, ch, client_id)
    SELECT NEW.organization_id, '', NEW.id WHERE length(NEW.search_text) > (SELECT max(n) FROM search_text_positions);
  RETURN NULL;
END $$ LANGUAGE plpgsql;
-- AFTER: search_text is final only after 0004's BEFORE trigger. A column list alone would miss that trigger's
-- change (it counts only the columns an UPDATE names), hence the WHEN on the values.
CREATE TRIGGER tr_clients_search_chars_insert AFTER INSERT ON clients
  FOR EACH ROW EXECUTE FUNCTION client_search_chars_refresh();
CREATE TRIGGER tr_clients_search_chars_update AFTER UPDATE ON clients
  FOR EACH ROW WHEN (OLD.search_text IS DISTINCT FROM NEW.search_text OR OLD.organization_id IS DISTINCT FROM NEW.organization_id)
  EXECUTE FUNCTION client_search_chars_refresh();

-- Backfill from the clients as they are, and statistics for the planner at once.
INSERT INTO client_search_chars (organization_id, ch, client_id)
  SELECT DISTINCT c.organization_id, substr(c.search_text, p.n, 1), c.id
  FROM clients c JOIN search_text_positions p ON p.n <= length(c.search_text)
  WHERE ascii(substr(c.search_text, p.n, 1)) > 127 AND current_setting('server_encoding') <> 'SQL_ASCII';
INSERT INTO client_search_chars (organization_id, ch, client_id)
  SELECT c.organization_id, '', c.id FROM clients c
  WHERE length(c.search_text) > (SELECT max(n) FROM search_text_positions)
     OR current_setting('server_encoding') = 'SQL_ASCII';
ANALYZE client_search_chars;
