-- compatible: yes
-- 0011 (issue 11; PostgreSQL, keep in step with the SQLite file): how many clients each organisation and each trainer
-- has, and how many assessments each organisation has, kept on their rows by triggers. The list's count ("count" of
-- the API page, the total under the web list) read every index entry of the organisation's clients (assessments)
-- on every page: a third of a plain client list request, half of an assessment list. A filtered list or a search
-- still counts its own matches.
-- Each change is an increment under the row's lock (FOR NO KEY UPDATE, which does not wait for the KEY SHARE locks
-- that inserting a client's foreign keys take), so concurrent writers add up; two clients created at once in one
-- organisation wait for each other's commit, as client creation is rare beside reading. The assessment count moves
-- at commit (a deferred trigger, as the client summary of 0010): concurrent assessments of one organisation then
-- hold its row only while they commit.
ALTER TABLE organizations ADD COLUMN client_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE trainers ADD COLUMN client_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organizations ADD COLUMN assessment_count INTEGER NOT NULL DEFAULT 0;
UPDATE organizations o SET client_count = (SELECT COUNT(*) FROM clients c WHERE c.organization_id = o.id);
UPDATE trainers t SET client_count = (SELECT COUNT(*) FROM clients c WHERE c.trainer_id = t.id);
UPDATE organizations o SET assessment_count = (SELECT COUNT(*) FROM assessments a WHERE a.organization_id = o.id);

CREATE FUNCTION client_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE organizations SET client_count = client_count - 1 WHERE id = OLD.organization_id;
    UPDATE trainers SET client_count = client_count - 1 WHERE id = OLD.trainer_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE organizations SET client_count = client_count + 1 WHERE id = NEW.organization_id;
    UPDATE trainers SET client_count = client_count + 1 WHERE id = NEW.trainer_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER tr_clients_count AFTER INSERT OR DELETE ON clients FOR EACH ROW EXECUTE FUNCTION client_counts();
-- A client handed to another trainer (or, were it ever allowed, another organisation).
CREATE TRIGGER tr_clients_count_move AFTER UPDATE OF organization_id, trainer_id ON clients FOR EACH ROW
WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id OR OLD.trainer_id IS DISTINCT FROM NEW.trainer_id)
EXECUTE FUNCTION client_counts();

CREATE FUNCTION assessment_counts() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    UPDATE organizations SET assessment_count = assessment_count - 1 WHERE id = OLD.organization_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    UPDATE organizations SET assessment_count = assessment_count + 1 WHERE id = NEW.organization_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE CONSTRAINT TRIGGER tr_assessments_count AFTER INSERT OR DELETE ON assessments DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION assessment_counts();
CREATE CONSTRAINT TRIGGER tr_assessments_count_move AFTER UPDATE OF organization_id ON assessments
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (OLD.organization_id IS DISTINCT FROM NEW.organization_id) EXECUTE FUNCTION assessment_counts();
