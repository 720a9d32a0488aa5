-- compatible: yes
-- 0001 initial data model (SQLite). Keep in step with 0001_initial.up.postgres.sql: same tables, same columns in
-- the same order, same constraints and indexes (scripts/schema-columns.sh compares them).
-- Conventions: ids INTEGER PRIMARY KEY AUTOINCREMENT; booleans INTEGER 0/1; dates 'YYYY-MM-DD', timestamps 'YYYY-MM-DD HH:MM:SS' UTC
-- and times 'HH:MM' as TEXT; money BIGINT KRW; rates INTEGER basis points; measurements REAL; JSON TEXT.
-- Range checks on values copied verbatim by the legacy importer are limited to non-negativity (LEGACY.md §7.2).

-- Organisations (DOMAIN.md §1.1)
CREATE TABLE organizations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*'),
  description TEXT,
  address TEXT,
  phone TEXT,
  email TEXT,
  timezone TEXT NOT NULL DEFAULT 'Asia/Seoul',
  business_hours TEXT NOT NULL DEFAULT '{}',
  max_trainers INTEGER NOT NULL DEFAULT 5 CHECK (max_trainers BETWEEN 1 AND 1000),
  vat_rate_bp INTEGER NOT NULL DEFAULT 1000 CHECK (vat_rate_bp BETWEEN 0 AND 5000),
  card_fee_rate_bp INTEGER NOT NULL DEFAULT 350 CHECK (card_fee_rate_bp BETWEEN 0 AND 2000),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Users (DOMAIN.md §1.2)
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL CHECK (username <> ''),
  email TEXT NOT NULL CHECK (email <> ''),
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  is_superuser INTEGER NOT NULL DEFAULT 0 CHECK (is_superuser IN (0, 1)),
  language TEXT NOT NULL DEFAULT 'ko' CHECK (language IN ('ko', 'en')),
  failed_login_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_login_attempts >= 0),
  locked_until TEXT,
  last_login TEXT,
  password_changed_at TEXT,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  date_joined TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_users_username_lower ON users (lower(username));
CREATE UNIQUE INDEX ux_users_email_lower ON users (lower(email));

-- Trainers: a user's membership and profile in one organisation (DOMAIN.md §1.3)
CREATE TABLE trainers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id BIGINT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  role TEXT NOT NULL DEFAULT 'trainer' CHECK (role IN ('owner', 'senior', 'trainer', 'assistant')),
  bio TEXT,
  certifications TEXT NOT NULL DEFAULT '[]',
  specialties TEXT NOT NULL DEFAULT '[]',
  years_of_experience INTEGER NOT NULL DEFAULT 0 CHECK (years_of_experience BETWEEN 0 AND 60),
  session_price BIGINT NOT NULL DEFAULT 50000 CHECK (session_price >= 0),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  deactivated_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_trainers_organization ON trainers (organization_id, is_active, role);

-- Invitations (DOMAIN.md §1.4)
CREATE TABLE invitations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  email TEXT NOT NULL,
  name TEXT,
  role TEXT NOT NULL DEFAULT 'trainer' CHECK (role IN ('owner', 'senior', 'trainer', 'assistant')),
  code TEXT NOT NULL UNIQUE,
  message TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
  invited_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_at TEXT,
  accepted_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_invitations_organization_status ON invitations (organization_id, status, created_at);
CREATE INDEX ix_invitations_email_lower ON invitations (organization_id, lower(email));
CREATE INDEX ix_invitations_status_expires ON invitations (status, expires_at);
CREATE INDEX ix_invitations_invited_by ON invitations (invited_by_id);
CREATE INDEX ix_invitations_accepted_user ON invitations (accepted_user_id);

-- Clients (DOMAIN.md §1.5)
CREATE TABLE clients (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  trainer_id BIGINT NOT NULL REFERENCES trainers (id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  age INTEGER NOT NULL CHECK (age BETWEEN 1 AND 120),
  gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
  height REAL NOT NULL CHECK (height BETWEEN 50 AND 300),
  weight REAL NOT NULL CHECK (weight BETWEEN 20 AND 500),
  email TEXT,
  phone TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_clients_organization_created ON clients (organization_id, created_at);
CREATE INDEX ix_clients_organization_name ON clients (organization_id, name);
CREATE INDEX ix_clients_trainer ON clients (trainer_id, created_at);
CREATE UNIQUE INDEX ux_clients_organization_email_lower ON clients (organization_id, lower(email));

-- Assessments (DOMAIN.md §1.6)
CREATE TABLE assessments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  trainer_id BIGINT NOT NULL REFERENCES trainers (id) ON DELETE RESTRICT,
  date TEXT NOT NULL,
  client_age INTEGER NOT NULL CHECK (client_age BETWEEN 1 AND 120),
  client_weight REAL NOT NULL CHECK (client_weight > 0),
  test_environment TEXT NOT NULL DEFAULT 'indoor' CHECK (test_environment IN ('indoor', 'outdoor')),
  temperature REAL CHECK (temperature BETWEEN -10 AND 50),
  notes TEXT,
  -- overhead squat
  overhead_squat_performed INTEGER NOT NULL DEFAULT 0 CHECK (overhead_squat_performed IN (0, 1)),
  overhead_squat_pain INTEGER NOT NULL DEFAULT 0 CHECK (overhead_squat_pain IN (0, 1)),
  overhead_squat_knee_valgus INTEGER NOT NULL DEFAULT 0 CHECK (overhead_squat_knee_valgus IN (0, 1)),
  overhead_squat_forward_lean INTEGER NOT NULL DEFAULT 0 CHECK (overhead_squat_forward_lean IN (0, 1)),
  overhead_squat_heel_lift INTEGER NOT NULL DEFAULT 0 CHECK (overhead_squat_heel_lift IN (0, 1)),
  overhead_squat_arm_drop INTEGER NOT NULL DEFAULT 0 CHECK (overhead_squat_arm_drop IN (0, 1)),
  overhead_squat_notes TEXT,
  overhead_squat_score INTEGER CHECK (overhead_squat_score BETWEEN 0 AND 3),
  overhead_squat_score_manual_override INTEGER NOT NULL DEFAULT 0 CHECK (overhead_squat_score_manual_override IN (0, 1)),
  -- push-up
  push_up_reps INTEGER CHECK (push_up_reps >= 0),
  push_up_type TEXT NOT NULL DEFAULT 'standard' CHECK (push_up_type IN ('standard', 'modified', 'wall')),
  push_up_notes TEXT,
  push_up_score INTEGER CHECK (push_up_score BETWEEN 1 AND 4),
  push_up_score_manual_override INTEGER NOT NULL DEFAULT 0 CHECK (push_up_score_manual_override IN (0, 1)),
  -- single-leg balance (seconds)
  single_leg_balance_right_eyes_open REAL CHECK (single_leg_balance_right_eyes_open >= 0),
  single_leg_balance_left_eyes_open REAL CHECK (single_leg_balance_left_eyes_open >= 0),
  single_leg_balance_right_eyes_closed REAL CHECK (single_leg_balance_right_eyes_closed >= 0),
  single_leg_balance_left_eyes_closed REAL CHECK (single_leg_balance_left_eyes_closed >= 0),
  single_leg_balance_notes TEXT,
  single_leg_balance_score REAL CHECK (single_leg_balance_score BETWEEN 1 AND 4),
  single_leg_balance_score_manual_override INTEGER NOT NULL DEFAULT 0 CHECK (single_leg_balance_score_manual_override IN (0, 1)),
  -- toe touch (cm, positive = past the toes)
  toe_touch_distance REAL,
  toe_touch_notes TEXT,
  toe_touch_score INTEGER CHECK (toe_touch_score BETWEEN 1 AND 4),
  toe_touch_score_manual_override INTEGER NOT NULL DEFAULT 0 CHECK (toe_touch_score_manual_override IN (0, 1)),
  -- shoulder mobility (cm); the score is always entered, so it has no override flag
  shoulder_mobility_right REAL CHECK (shoulder_mobility_right >= 0),
  shoulder_mobility_left REAL CHECK (shoulder_mobility_left >= 0),
  shoulder_mobility_asymmetry REAL CHECK (shoulder_mobility_asymmetry >= 0),
  shoulder_mobility_pain INTEGER NOT NULL DEFAULT 0 CHECK (shoulder_mobility_pain IN (0, 1)),
  shoulder_mobility_notes TEXT,
  shoulder_mobility_score INTEGER CHECK (shoulder_mobility_score BETWEEN 0 AND 3),
  -- farmer's carry
  farmer_carry_weight REAL CHECK (farmer_carry_weight >= 0),
  farmer_carry_distance REAL CHECK (farmer_carry_distance >= 0),
  farmer_carry_time REAL CHECK (farmer_carry_time >= 0),
  farmer_carry_percentage REAL CHECK (farmer_carry_percentage >= 0),
  farmer_carry_percentage_entered INTEGER NOT NULL DEFAULT 0 CHECK (farmer_carry_percentage_entered IN (0, 1)),
  farmer_carry_notes TEXT,
  farmer_carry_score REAL CHECK (farmer_carry_score BETWEEN 1 AND 4),
  farmer_carry_score_manual_override INTEGER NOT NULL DEFAULT 0 CHECK (farmer_carry_score_manual_override IN (0, 1)),
  -- Harvard step test (bpm, seconds)
  harvard_step_test_hr1 INTEGER CHECK (harvard_step_test_hr1 >= 0),
  harvard_step_test_hr2 INTEGER CHECK (harvard_step_test_hr2 >= 0),
  harvard_step_test_hr3 INTEGER CHECK (harvard_step_test_hr3 >= 0),
  harvard_step_test_duration REAL CHECK (harvard_step_test_duration >= 0),
  harvard_step_test_legacy_hr INTEGER,
  harvard_step_test_notes TEXT,
  harvard_step_test_pfi REAL CHECK (harvard_step_test_pfi >= 0),
  harvard_step_test_score INTEGER CHECK (harvard_step_test_score BETWEEN 1 AND 4),
  harvard_step_test_score_manual_override INTEGER NOT NULL DEFAULT 0 CHECK (harvard_step_test_score_manual_override IN (0, 1)),
  -- results (computed; legacy rows keep category scores on the legacy scale, hence no 25-100 check)
  strength_score REAL,
  mobility_score REAL,
  balance_score REAL,
  cardio_score REAL,
  overall_score REAL,
  is_complete INTEGER NOT NULL DEFAULT 0 CHECK (is_complete IN (0, 1)),
  injury_risk_physical REAL CHECK (injury_risk_physical BETWEEN 0 AND 100),
  injury_risk_mcq REAL CHECK (injury_risk_mcq BETWEEN 0 AND 100),
  injury_risk_score REAL CHECK (injury_risk_score BETWEEN 0 AND 100),
  injury_risk_level TEXT CHECK (injury_risk_level IN ('low', 'low_moderate', 'moderate', 'high')),
  risk_factors TEXT NOT NULL DEFAULT '[]',
  knowledge_score REAL CHECK (knowledge_score BETWEEN 0 AND 100),
  lifestyle_score REAL CHECK (lifestyle_score BETWEEN 0 AND 100),
  readiness_score REAL CHECK (readiness_score BETWEEN 0 AND 100),
  mcq_category_scores TEXT NOT NULL DEFAULT '{}',
  comprehensive_score REAL,
  is_legacy INTEGER NOT NULL DEFAULT 0 CHECK (is_legacy IN (0, 1)),
  scored_at TEXT,
  created_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_assessments_client_date ON assessments (client_id, date);
CREATE INDEX ix_assessments_organization_date ON assessments (organization_id, date);
CREATE INDEX ix_assessments_trainer_date ON assessments (trainer_id, date);
CREATE INDEX ix_assessments_created_by ON assessments (created_by_id);

-- Questionnaire bank (DOMAIN.md §1.7). The spec's `order` is stored as sort_order (ORDER is a reserved word).
CREATE TABLE mcq_categories (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  code TEXT NOT NULL UNIQUE CHECK (code <> ''),
  name TEXT NOT NULL,
  name_ko TEXT NOT NULL,
  description TEXT,
  description_ko TEXT,
  weight REAL NOT NULL DEFAULT 0 CHECK (weight BETWEEN 0 AND 1),
  sort_order INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1))
);
CREATE INDEX ix_mcq_categories_order ON mcq_categories (is_active, sort_order);

-- code: stable key of seeded questions (NULL for questions added later). SQLite accepts the forward reference to
-- mcq_choices (PostgreSQL adds that foreign key after creating mcq_choices).
CREATE TABLE mcq_questions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  category_id BIGINT NOT NULL REFERENCES mcq_categories (id) ON DELETE CASCADE,
  code TEXT UNIQUE CHECK (code <> ''),
  question_text TEXT NOT NULL,
  question_text_ko TEXT NOT NULL,
  question_type TEXT NOT NULL DEFAULT 'single' CHECK (question_type IN ('single', 'multiple', 'scale', 'text')),
  points INTEGER NOT NULL DEFAULT 1 CHECK (points >= 1),
  is_required INTEGER NOT NULL DEFAULT 1 CHECK (is_required IN (0, 1)),
  help_text TEXT,
  help_text_ko TEXT,
  sort_order INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  depends_on_id BIGINT REFERENCES mcq_questions (id) ON DELETE SET NULL,
  depends_on_choice_id BIGINT REFERENCES mcq_choices (id) ON DELETE SET NULL
);
CREATE INDEX ix_mcq_questions_category_order ON mcq_questions (category_id, sort_order);
CREATE INDEX ix_mcq_questions_depends_on ON mcq_questions (depends_on_id);
CREATE INDEX ix_mcq_questions_depends_on_choice ON mcq_questions (depends_on_choice_id);

CREATE TABLE mcq_choices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  question_id BIGINT NOT NULL REFERENCES mcq_questions (id) ON DELETE CASCADE,
  choice_text TEXT NOT NULL,
  choice_text_ko TEXT NOT NULL,
  points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
  is_correct INTEGER NOT NULL DEFAULT 0 CHECK (is_correct IN (0, 1)),
  sort_order INTEGER NOT NULL DEFAULT 0,
  contributes_to_risk INTEGER NOT NULL DEFAULT 0 CHECK (contributes_to_risk IN (0, 1)),
  risk_weight REAL NOT NULL DEFAULT 0 CHECK (risk_weight BETWEEN 0 AND 1),
  risk_label TEXT,
  risk_label_ko TEXT,
  CHECK (risk_weight = 0 OR contributes_to_risk = 1)
);
CREATE INDEX ix_mcq_choices_question_order ON mcq_choices (question_id, sort_order);

CREATE TABLE mcq_responses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  question_id BIGINT NOT NULL REFERENCES mcq_questions (id) ON DELETE RESTRICT,
  response_text TEXT,
  points_earned INTEGER NOT NULL DEFAULT 0 CHECK (points_earned >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (assessment_id, question_id)
);
CREATE INDEX ix_mcq_responses_question ON mcq_responses (question_id);

CREATE TABLE mcq_response_choices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  response_id BIGINT NOT NULL REFERENCES mcq_responses (id) ON DELETE CASCADE,
  choice_id BIGINT NOT NULL REFERENCES mcq_choices (id) ON DELETE RESTRICT,
  UNIQUE (response_id, choice_id)
);
CREATE INDEX ix_mcq_response_choices_choice ON mcq_response_choices (choice_id);

-- Reference data (DOMAIN.md §1.8, values seeded by 0002 / `the5hc seed-standards`)
CREATE TABLE test_standards (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  test_type TEXT NOT NULL CHECK (test_type IN ('push_up', 'balance', 'farmer_carry', 'step_test', 'toe_touch')),
  gender TEXT NOT NULL CHECK (gender IN ('M', 'F', 'A')),
  age_min INTEGER NOT NULL CHECK (age_min BETWEEN 0 AND 120),
  age_max INTEGER NOT NULL CHECK (age_max BETWEEN 0 AND 120),
  conditions TEXT CHECK (conditions IN ('eyes_open', 'eyes_closed')),
  metric TEXT NOT NULL CHECK (metric IN ('repetitions', 'time', 'distance', 'pfi')),
  excellent REAL NOT NULL,
  good REAL NOT NULL,
  average REAL NOT NULL,
  name_ko TEXT NOT NULL,
  source TEXT,
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  CHECK (age_min <= age_max),
  CHECK (excellent >= good AND good >= average)
);
-- conditions is NULL for most rows and NULLs are distinct in a UNIQUE constraint, hence the coalesce.
CREATE UNIQUE INDEX ux_test_standards_key ON test_standards (test_type, gender, age_min, age_max, coalesce(conditions, ''));

CREATE TABLE normative_data (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  test_type TEXT NOT NULL CHECK (test_type IN ('push_up', 'harvard_step', 'farmer_carry', 'overall')),
  gender TEXT NOT NULL CHECK (gender IN ('M', 'F', 'A')),
  age_min INTEGER NOT NULL CHECK (age_min BETWEEN 0 AND 120),
  age_max INTEGER NOT NULL CHECK (age_max BETWEEN 0 AND 120),
  p10 REAL NOT NULL,
  p25 REAL NOT NULL,
  p50 REAL NOT NULL,
  p75 REAL NOT NULL,
  p90 REAL NOT NULL,
  source TEXT,
  year INTEGER,
  sample_size INTEGER CHECK (sample_size >= 0),
  CHECK (age_min <= age_max),
  CHECK (p10 <= p25 AND p25 <= p50 AND p50 <= p75 AND p75 <= p90),
  UNIQUE (test_type, gender, age_min, age_max)
);

-- Session packages (DOMAIN.md §1.9). remaining_credits has no check: imported packages may be negative (§5.3).
-- vat_rate_bp / card_fee_rate_bp: the rates of the purchase (LEGACY.md §7.2 copies them); NULL on pre-fee imports.
CREATE TABLE session_packages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
  trainer_id BIGINT NOT NULL REFERENCES trainers (id) ON DELETE RESTRICT,
  package_name TEXT NOT NULL,
  total_amount BIGINT NOT NULL CHECK (total_amount >= 0),
  session_price BIGINT NOT NULL CHECK (session_price >= 0),
  total_sessions INTEGER NOT NULL CHECK (total_sessions >= 1),
  remaining_sessions INTEGER NOT NULL CHECK (remaining_sessions >= 0),
  remaining_credits BIGINT NOT NULL DEFAULT 0,
  gross_amount BIGINT CHECK (gross_amount >= 0),
  vat_amount BIGINT CHECK (vat_amount >= 0),
  card_fee_amount BIGINT CHECK (card_fee_amount >= 0),
  net_amount BIGINT,
  vat_rate_bp INTEGER CHECK (vat_rate_bp >= 0),
  card_fee_rate_bp INTEGER CHECK (card_fee_rate_bp >= 0),
  is_active INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
  is_legacy INTEGER NOT NULL DEFAULT 0 CHECK (is_legacy IN (0, 1)),
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_session_packages_organization_created ON session_packages (organization_id, created_at);
CREATE INDEX ix_session_packages_client_created ON session_packages (client_id, created_at);
CREATE INDEX ix_session_packages_trainer ON session_packages (trainer_id, is_active);

-- Sessions (DOMAIN.md §1.10)
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
  package_id BIGINT NOT NULL REFERENCES session_packages (id) ON DELETE RESTRICT,
  trainer_id BIGINT NOT NULL REFERENCES trainers (id) ON DELETE RESTRICT,
  session_date TEXT NOT NULL,
  session_time TEXT,
  session_duration INTEGER NOT NULL DEFAULT 60 CHECK (session_duration > 0),
  session_cost BIGINT NOT NULL DEFAULT 0 CHECK (session_cost >= 0),
  status TEXT NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'completed', 'cancelled', 'no_show')),
  late_cancellation INTEGER NOT NULL DEFAULT 0 CHECK (late_cancellation IN (0, 1)),
  sessions_used INTEGER NOT NULL DEFAULT 0 CHECK (sessions_used >= 0),
  credits_used BIGINT NOT NULL DEFAULT 0,
  notes TEXT,
  cancel_reason TEXT,
  created_at TEXT NOT NULL,
  completed_at TEXT,
  cancelled_at TEXT,
  CHECK (late_cancellation = 0 OR status = 'cancelled')
);
CREATE INDEX ix_sessions_package_status ON sessions (package_id, status);
CREATE INDEX ix_sessions_organization_date ON sessions (organization_id, session_date);
CREATE INDEX ix_sessions_client_date ON sessions (client_id, session_date);
CREATE INDEX ix_sessions_trainer_date ON sessions (trainer_id, session_date);

-- Payments (DOMAIN.md §1.11). Breakdown and rates NULL only on imported rows without them.
CREATE TABLE payments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  client_id BIGINT NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,
  trainer_id BIGINT NOT NULL REFERENCES trainers (id) ON DELETE RESTRICT,
  package_id BIGINT REFERENCES session_packages (id) ON DELETE RESTRICT,
  amount BIGINT NOT NULL CHECK (amount >= 0),
  payment_method TEXT NOT NULL CHECK (payment_method IN ('card', 'cash', 'transfer', 'other')),
  kind TEXT NOT NULL DEFAULT 'other' CHECK (kind IN ('package_purchase', 'top_up', 'other')),
  payment_date TEXT NOT NULL,
  description TEXT,
  vat_amount BIGINT CHECK (vat_amount >= 0),
  card_fee_amount BIGINT CHECK (card_fee_amount >= 0),
  net_amount BIGINT,
  vat_rate_bp INTEGER CHECK (vat_rate_bp >= 0),
  card_fee_rate_bp INTEGER CHECK (card_fee_rate_bp >= 0),
  is_legacy INTEGER NOT NULL DEFAULT 0 CHECK (is_legacy IN (0, 1)),
  created_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_payments_organization_date ON payments (organization_id, payment_date);
CREATE INDEX ix_payments_client_date ON payments (client_id, payment_date);
CREATE INDEX ix_payments_package_date ON payments (package_id, payment_date);
CREATE INDEX ix_payments_trainer_date ON payments (trainer_id, payment_date);
CREATE INDEX ix_payments_created_by ON payments (created_by_id);

-- Fee audit (DOMAIN.md §1.12), append-only. organization_id added for scoping; package/payment references become
-- NULL if the row they point to is deleted (only kind-other payments can be), so the audit row survives.
CREATE TABLE fee_audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  package_id BIGINT REFERENCES session_packages (id) ON DELETE SET NULL,
  payment_id BIGINT REFERENCES payments (id) ON DELETE SET NULL,
  calculation_type TEXT NOT NULL CHECK (calculation_type IN ('package_purchase', 'top_up', 'payment', 'legacy')),
  gross_amount BIGINT NOT NULL,
  vat_amount BIGINT,
  card_fee_amount BIGINT,
  net_amount BIGINT,
  vat_rate_bp INTEGER,
  card_fee_rate_bp INTEGER,
  payment_method TEXT CHECK (payment_method IN ('card', 'cash', 'transfer', 'other')),
  details TEXT NOT NULL DEFAULT '{}',
  created_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_fee_audit_log_organization_created ON fee_audit_log (organization_id, created_at);
CREATE INDEX ix_fee_audit_log_package ON fee_audit_log (package_id);
CREATE INDEX ix_fee_audit_log_payment ON fee_audit_log (payment_id);
CREATE INDEX ix_fee_audit_log_created_by ON fee_audit_log (created_by_id);

-- Assessment reports (DOMAIN.md §1.13). The PDF is stored base64-encoded in TEXT so that one query works on both
-- engines through SOCI (SOCI 4.0 maps PostgreSQL blobs to large objects, not BYTEA).
CREATE TABLE assessment_reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  assessment_id BIGINT NOT NULL REFERENCES assessments (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
  generated_by_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  generated_at TEXT NOT NULL,
  report_type TEXT NOT NULL DEFAULT 'detailed' CHECK (report_type IN ('detailed')),
  language TEXT NOT NULL DEFAULT 'ko' CHECK (language IN ('ko', 'en')),
  file_name TEXT NOT NULL,
  file_size BIGINT NOT NULL CHECK (file_size >= 0),
  pdf_base64 TEXT NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE INDEX ix_assessment_reports_assessment ON assessment_reports (assessment_id, generated_at);
CREATE INDEX ix_assessment_reports_organization ON assessment_reports (organization_id, generated_at);
CREATE INDEX ix_assessment_reports_generated_by ON assessment_reports (generated_by_id);

-- Notifications (DOMAIN.md §1.14); user_id is the recipient.
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('client_added', 'assessment_completed', 'payment_received', 'trainer_joined')),
  params TEXT NOT NULL DEFAULT '{}',
  object_type TEXT,
  object_id BIGINT,
  url TEXT,
  is_read INTEGER NOT NULL DEFAULT 0 CHECK (is_read IN (0, 1)),
  read_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX ix_notifications_user_read ON notifications (user_id, is_read, created_at);
CREATE INDEX ix_notifications_organization ON notifications (organization_id);
CREATE INDEX ix_notifications_read_at ON notifications (is_read, read_at);

-- Audit log (DOMAIN.md §1.14, §10.1), append-only. action is not checked against a list: the list grows with
-- features and SQLite cannot alter a CHECK without rebuilding the table. References become NULL (never block).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
  user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
  action TEXT NOT NULL CHECK (action <> ''),
  object_type TEXT,
  object_id BIGINT,
  object_repr TEXT,
  ip_address TEXT,
  user_agent TEXT,
  request_id TEXT,
  before TEXT,
  after TEXT,
  extra TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);
CREATE INDEX ix_audit_log_organization_created ON audit_log (organization_id, created_at);
CREATE INDEX ix_audit_log_user_created ON audit_log (user_id, created_at);
CREATE INDEX ix_audit_log_object ON audit_log (object_type, object_id);
CREATE INDEX ix_audit_log_action_created ON audit_log (action, created_at);
CREATE INDEX ix_audit_log_created ON audit_log (created_at);

-- Web sessions (DOMAIN.md §1.15, OPERATIONS.md §4). id = hash of the cookie value; user_id NULL for an anonymous
-- session (e.g. a flash message after logout); data = JSON (flash messages etc.).
CREATE TABLE web_sessions (
  id TEXT PRIMARY KEY,
  user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
  csrf_secret TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  remember_me INTEGER NOT NULL DEFAULT 0 CHECK (remember_me IN (0, 1)),
  last_seen_at TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX ix_web_sessions_user ON web_sessions (user_id);
CREATE INDEX ix_web_sessions_expires ON web_sessions (expires_at);

-- Refresh tokens (API.md §2): one row per issued refresh token; family_id = the login that started the chain.
CREATE TABLE refresh_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  jti TEXT NOT NULL UNIQUE,
  family_id TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  rotated_at TEXT,
  revoked_at TEXT,
  replaced_by_jti TEXT
);
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id);
CREATE INDEX ix_refresh_tokens_expires ON refresh_tokens (expires_at);

-- Legacy import idempotency keys (LEGACY.md §7.1)
CREATE TABLE legacy_import_rows (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source TEXT NOT NULL,
  source_table TEXT NOT NULL,
  source_id BIGINT NOT NULL,
  target_table TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  imported_at TEXT NOT NULL,
  raw TEXT NOT NULL DEFAULT '{}',
  UNIQUE (source, source_table, source_id)
);
CREATE INDEX ix_legacy_import_rows_target ON legacy_import_rows (target_table, target_id);
