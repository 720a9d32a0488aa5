-- compatible: yes
-- 0011 (issue 11; SQLite, keep in step with the PostgreSQL file): how many clients each organisation and each trainer
-- has, and how many assessments each organisation has, kept on their rows by triggers. The list's count ("count" of
-- the API page, the total under the web list) read every index entry of the organisation's clients (assessments)
-- on every page: a third of a plain client list request, half of an assessment list. A filtered list or a search
-- still counts its own matches.
ALTER TABLE organizations ADD COLUMN client_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE trainers ADD COLUMN client_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organizations ADD COLUMN assessment_count INTEGER NOT NULL DEFAULT 0;
UPDATE organizations SET client_count = (SELECT COUNT(*) FROM clients c WHERE c.organization_id = organizations.id);
UPDATE trainers SET client_count = (SELECT COUNT(*) FROM clients c WHERE c.trainer_id = trainers.id);
UPDATE organizations SET assessment_count =
  (SELECT COUNT(*) FROM assessments a WHERE a.organization_id = organizations.id);

CREATE TRIGGER tr_clients_count_insert AFTER INSERT ON clients BEGIN
  UPDATE organizations SET client_count = client_count + 1 WHERE id = NEW.organization_id;
  UPDATE trainers SET client_count = client_count + 1 WHERE id = NEW.trainer_id;
END;
CREATE TRIGGER tr_clients_count_delete AFTER DELETE ON clients BEGIN
  UPDATE organizations SET client_count = client_count - 1 WHERE id = OLD.organization_id;
  UPDATE trainers SET client_count = client_count - 1 WHERE id = OLD.trainer_id;
END;
-- A client handed to another trainer (or, were it ever allowed, another organisation).
CREATE TRIGGER tr_clients_count_move AFTER UPDATE OF organization_id, trainer_id ON clients
WHEN OLD.organization_id <> NEW.organization_id OR OLD.trainer_id <> NEW.trainer_id BEGIN
  UPDATE organizations SET client_count = client_count - 1 WHERE id = OLD.organization_id;
  UPDATE organizations SET client_count = client_count + 1 WHERE id = NEW.organization_id;
  UPDATE trainers SET client_count = client_count - 1 WHERE id = OLD.trainer_id;
  UPDATE trainers SET client_count = client_count + 1 WHERE id = NEW.trainer_id;
END;

CREATE TRIGGER tr_assessments_count_insert AFTER INSERT ON assessments BEGIN
  UPDATE organizations SET assessment_count = assessment_count + 1 WHERE id = NEW.organization_id;
END;
CREATE TRIGGER tr_assessments_count_delete AFTER DELETE ON assessments BEGIN
  UPDATE organizations SET assessment_count = assessment_count - 1 WHERE id = OLD.organization_id;
END;
CREATE TRIGGER tr_assessments_count_move AFTER UPDATE OF organization_id ON assessments
WHEN OLD.organization_id <> NEW.organization_id BEGIN
  UPDATE organizations SET assessment_count = assessment_count - 1 WHERE id = OLD.organization_id;
  UPDATE organizations SET assessment_count = assessment_count + 1 WHERE id = NEW.organization_id;
END;
