-- Read paths (issue 11).
-- 1. Indexes that let the default list orders stop after one page instead of sorting the whole organisation.
-- Assessment list: ORDER BY date DESC, created_at DESC, id DESC within the organisation.
CREATE INDEX ix_assessments_organization_listed ON assessments (organization_id, date, created_at, id);
-- Dashboard "recent activity": the newest assessments of the organisation.
CREATE INDEX ix_assessments_organization_created ON assessments (organization_id, created_at, id);

-- 2. Client search reads one normalised column: lower-case name and e-mail, the phone as written and without
-- dashes, separated by spaces (a search term never holds a space, so it cannot match across two fields). A trigger
-- keeps it current, so every writer (and an older binary) stays correct.
ALTER TABLE clients ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE clients SET search_text = lower(name) || ' ' || lower(coalesce(email, '')) || ' ' || coalesce(phone, '') || ' ' || replace(coalesce(phone, ''), '-', '');
CREATE TRIGGER tr_clients_search_insert AFTER INSERT ON clients BEGIN
  UPDATE clients SET search_text = lower(NEW.name) || ' ' || lower(coalesce(NEW.email, '')) || ' ' || coalesce(NEW.phone, '') || ' ' || replace(coalesce(NEW.phone, ''), '-', '') WHERE id = NEW.id;
END;
CREATE TRIGGER tr_clients_search_update AFTER UPDATE OF name, email, phone ON clients BEGIN
  UPDATE clients SET search_text = lower(NEW.name) || ' ' || lower(coalesce(NEW.email, '')) || ' ' || coalesce(NEW.phone, '') || ' ' || replace(coalesce(NEW.phone, ''), '-', '') WHERE id = NEW.id;
END;

-- 3. A stamp of the reference data (standards, norms, MCQ bank), set to a new random value by every change to those
-- tables, so a server can cache them in memory and notice a re-seed from another process (service::load_reference).
-- Random rather than counted: a change that was rolled back can never leave its number to a different change.
-- `instance` tells databases apart inside one process (tests run several).
CREATE TABLE reference_data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  instance TEXT NOT NULL,
  version BIGINT NOT NULL
);
INSERT INTO reference_data_version (id, instance, version) VALUES (1, lower(hex(randomblob(16))), 1);
CREATE TRIGGER tr_test_standards_version_insert AFTER INSERT ON test_standards BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_test_standards_version_update AFTER UPDATE ON test_standards BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_test_standards_version_delete AFTER DELETE ON test_standards BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_normative_data_version_insert AFTER INSERT ON normative_data BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_normative_data_version_update AFTER UPDATE ON normative_data BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_normative_data_version_delete AFTER DELETE ON normative_data BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_categories_version_insert AFTER INSERT ON mcq_categories BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_categories_version_update AFTER UPDATE ON mcq_categories BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_categories_version_delete AFTER DELETE ON mcq_categories BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_questions_version_insert AFTER INSERT ON mcq_questions BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_questions_version_update AFTER UPDATE ON mcq_questions BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_questions_version_delete AFTER DELETE ON mcq_questions BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_choices_version_insert AFTER INSERT ON mcq_choices BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_choices_version_update AFTER UPDATE ON mcq_choices BEGIN UPDATE reference_data_version SET version = random(); END;
CREATE TRIGGER tr_mcq_choices_version_delete AFTER DELETE ON mcq_choices BEGIN UPDATE reference_data_version SET version = random(); END;
