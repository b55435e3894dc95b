-- ssrlink install script for SQLite: the plugin's tables and the ssrlink_* views, at the current
-- schema version. Idempotent: run it again at any time; it creates only what is missing and
-- never replaces a view a DBA has mapped. It is meant for NEW databases: SQLite cannot add a
-- column only when missing, so an existing database is upgraded with migrations/ (see
-- docs/dba-guide.md). Current schema version: 6.
-- Every instant is a BIGINT count of milliseconds since 1970-01-01 UTC; dates are 'YYYY-MM-DD'.
-- Works on any SIS: every plugin table, index and version row is created even without the
-- reference host's tables STU, CON and SCL. SQLite cannot run a statement only when a table
-- exists, but it looks a view's tables up when the view is read, not when it is created: so the
-- four views are created regardless, and a view over a missing table is a placeholder that
-- fails when read ("no such table: main.STU"). For each one the script prints a line (in the
-- sqlite3 shell) naming it: replace it with DROP VIEW IF EXISTS <view>; then CREATE VIEW <view>
-- over your SIS (docs/dba-guide.md, section 4). A view that already exists is never replaced,
-- so you may also map first and install second.

CREATE TABLE IF NOT EXISTS ssrlink_schema_version (
  version     INTEGER NOT NULL PRIMARY KEY,
  applied_at  BIGINT NOT NULL,
  description VARCHAR(200) NOT NULL
);

-- TOMS credentials: one row per scope ('district' or a school code). The Secret Key is sealed
-- (AES-256-GCM) with a key kept outside the database.
CREATE TABLE IF NOT EXISTS ssrlink_credentials (
  scope         VARCHAR(64) NOT NULL PRIMARY KEY,
  username      VARCHAR(256) NOT NULL,
  sealed_secret TEXT NOT NULL,
  expires_on    VARCHAR(10) NOT NULL,
  updated_at    BIGINT NOT NULL
);

-- Report links from ETS, shared by every host process; rows die with the links (about 30
-- minutes) and are deleted on the next write after they expire.
CREATE TABLE IF NOT EXISTS ssrlink_link_cache (
  cache_key  VARCHAR(255) NOT NULL PRIMARY KEY,
  payload    TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ssrlink_link_cache_expires ON ssrlink_link_cache (expires_at);

-- ETS bearer tokens shared by every host process (version 4): one row per credential set
-- ('<scope>:<when its pair was stored>'), the token sealed (AES-256-GCM) under the same key as
-- the Secret Keys. A row dies with its token (ETS sets the lifetime) and is deleted on the
-- next write after it expires.
CREATE TABLE IF NOT EXISTS ssrlink_ets_token (
  set_id       VARCHAR(128) NOT NULL PRIMARY KEY,
  sealed_token TEXT NOT NULL,
  expires_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);

-- One row per call: who looked at which student's page (or ran which staff call), what they
-- were offered and, for a denial, why. action is the C function without "ssrlink_"; student_id
-- is 0 when no single student is concerned; call_key is unique per call, so a retried insert
-- after a dropped connection cannot write a second row.
CREATE TABLE IF NOT EXISTS ssrlink_audit (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  at               BIGINT NOT NULL,
  role             VARCHAR(16) NOT NULL,
  user_id          VARCHAR(128) NOT NULL,
  student_id       BIGINT NOT NULL,
  page             VARCHAR(32) NOT NULL,
  outcome          VARCHAR(32) NOT NULL,
  offered          TEXT NOT NULL,
  action           VARCHAR(32) NOT NULL DEFAULT 'reports',
  reason           VARCHAR(64) NOT NULL DEFAULT '',
  contact_sequence INTEGER,
  call_key         VARCHAR(64)
);
CREATE INDEX IF NOT EXISTS ssrlink_audit_at ON ssrlink_audit (at);
CREATE INDEX IF NOT EXISTS ssrlink_audit_student ON ssrlink_audit (student_id);
CREATE UNIQUE INDEX IF NOT EXISTS ssrlink_audit_call ON ssrlink_audit (call_key);

-- Notification sweep: every report seen per SSID, so a parent hears of each report once;
-- notice (version 2) is none, queued, partial or no_email.
CREATE TABLE IF NOT EXISTS ssrlink_report_log (
  student_id BIGINT NOT NULL,
  ssid       VARCHAR(10) NOT NULL,
  report_key VARCHAR(255) NOT NULL,
  test       VARCHAR(32) NOT NULL,
  year       VARCHAR(16) NOT NULL,
  status     VARCHAR(32) NOT NULL,
  found_at   BIGINT NOT NULL,
  emailed_at BIGINT,
  viewed_at  BIGINT,
  notice     VARCHAR(16),
  PRIMARY KEY (ssid, report_key)
);
CREATE INDEX IF NOT EXISTS ssrlink_report_log_student ON ssrlink_report_log (student_id);

-- Mail for the host's mailer: it sends rows with sent_at NULL and then sets sent_at. kind
-- (version 5) is 'notice' (a parent's notice of a new report) or 'summary' (a summary for staff).
CREATE TABLE IF NOT EXISTS ssrlink_outbox (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  student_id       BIGINT NOT NULL,
  contact_sequence INTEGER NOT NULL,
  recipient        VARCHAR(320) NOT NULL,
  language         VARCHAR(8) NOT NULL,
  subject          VARCHAR(400) NOT NULL,
  body_text        TEXT NOT NULL,
  body_html        TEXT NOT NULL,
  report_key       VARCHAR(255) NOT NULL,
  created_at       BIGINT NOT NULL,
  claimed_at       BIGINT,
  claimed_by       VARCHAR(128),
  sent_at          BIGINT,
  kind             VARCHAR(16) NOT NULL DEFAULT 'notice',
  UNIQUE (student_id, contact_sequence, report_key)
);
CREATE INDEX IF NOT EXISTS ssrlink_outbox_unsent ON ssrlink_outbox (sent_at, id);
CREATE INDEX IF NOT EXISTS ssrlink_outbox_student ON ssrlink_outbox (student_id);

-- Splits one sweep between processes: a worker claims a slice (named by lease_key) until
-- expires_at; done_at marks it finished.
CREATE TABLE IF NOT EXISTS ssrlink_sweep_lease (
  lease_key  VARCHAR(128) NOT NULL PRIMARY KEY,
  worker     VARCHAR(128) NOT NULL,
  claimed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  done_at    BIGINT
);

-- The district's settings (version 5): one row per setting, its value JSON text, who saved it
-- and when.
CREATE TABLE IF NOT EXISTS ssrlink_settings (
  name       VARCHAR(64) NOT NULL PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL
);

-- Scheduled runs (version 5): one row per run, slot the due time in UTC
-- ('YYYY-MM-DDTHH:MM:SSZ'). Inserting a slot that exists fails: exactly one process runs it.
CREATE TABLE IF NOT EXISTS ssrlink_schedule_run (
  slot        VARCHAR(32) NOT NULL PRIMARY KEY,
  worker      VARCHAR(128) NOT NULL,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT,
  outcome     VARCHAR(32)
);

-- The views the plugin reads. Map them onto another schema by editing the SELECTs (keep the
-- column names and types): see docs/dba-guide.md. Flags are 0/1; deleted rows are left out.
-- The students' names (version 6) are read only by the Manager and the family page.
CREATE VIEW IF NOT EXISTS ssrlink_student AS
SELECT s.ID AS student_id,
       CAST(s.SC AS VARCHAR(10)) AS school_code,
       COALESCE(s.CID, '') AS ssid,
       s.CL AS correspondence_language,
       s.GR AS grade,
       CASE WHEN s.DNR = 'Y' THEN 1 ELSE 0 END AS do_not_release,
       CASE WHEN s.HCI = 'Y' THEN 1 ELSE 0 END AS hide_contact,
       s.TG AS tag,
       s.LD AS leave_date,
       COALESCE(s.PU, '') AS portal_user,
       s.FN AS first_name,
       s.LN AS last_name
  FROM STU s
 WHERE COALESCE(s.DEL, '') <> 'Y';

CREATE VIEW IF NOT EXISTS ssrlink_contact AS
SELECT c.PID AS student_id,
       c.SQ AS contact_sequence,
       c.EM AS email,
       CASE WHEN c.ED = 'Y' THEN 1 ELSE 0 END AS educational_rights,
       c.CL AS language,
       CASE WHEN c.HCI = 'Y' THEN 1 ELSE 0 END AS hide_contact
  FROM CON c
 WHERE COALESCE(c.DEL, '') <> 'Y';

-- Which parent-portal account may act as which contact of which student: one row per link.
CREATE VIEW IF NOT EXISTS ssrlink_portal_link AS
SELECT c.PU AS user_id, c.PID AS student_id, c.SQ AS contact_sequence
  FROM CON c
 WHERE COALESCE(c.PU, '') <> '' AND COALESCE(c.DEL, '') <> 'Y';

CREATE VIEW IF NOT EXISTS ssrlink_school AS
SELECT CAST(k.SC AS VARCHAR(10)) AS school_code, k.NM AS name, k.CDS AS cds
  FROM SCL k;

-- One line per placeholder view: only while the view is still install.sql's own (its SQL reads
-- the reference table) and that table is missing, so a mapped view is never reported.
SELECT 'ssrlink: the view ssrlink_student reads the table STU, which does not exist; '
       || 'replace it (DROP VIEW IF EXISTS ssrlink_student, then CREATE VIEW ssrlink_student '
       || 'over your SIS) as docs/dba-guide.md section 4 ("Map the views onto your SIS") shows.'
       AS ssrlink_notice
 WHERE NOT EXISTS (SELECT 1 FROM sqlite_master
                    WHERE type IN ('table', 'view') AND name = 'STU' COLLATE NOCASE)
   AND EXISTS (SELECT 1 FROM sqlite_master
                WHERE type = 'view' AND name = 'ssrlink_student' AND sql LIKE '%FROM STU s%');
SELECT 'ssrlink: the view ssrlink_contact reads the table CON, which does not exist; '
       || 'replace it (DROP VIEW IF EXISTS ssrlink_contact, then CREATE VIEW ssrlink_contact '
       || 'over your SIS) as docs/dba-guide.md section 4 ("Map the views onto your SIS") shows.'
       AS ssrlink_notice
 WHERE NOT EXISTS (SELECT 1 FROM sqlite_master
                    WHERE type IN ('table', 'view') AND name = 'CON' COLLATE NOCASE)
   AND EXISTS (SELECT 1 FROM sqlite_master
                WHERE type = 'view' AND name = 'ssrlink_contact' AND sql LIKE '%FROM CON c%');
SELECT 'ssrlink: the view ssrlink_portal_link reads the table CON, which does not exist; '
       || 'replace it (DROP VIEW IF EXISTS ssrlink_portal_link, then CREATE VIEW ssrlink_portal_link '
       || 'over your SIS) as docs/dba-guide.md section 4 ("Map the views onto your SIS") shows.'
       AS ssrlink_notice
 WHERE NOT EXISTS (SELECT 1 FROM sqlite_master
                    WHERE type IN ('table', 'view') AND name = 'CON' COLLATE NOCASE)
   AND EXISTS (SELECT 1 FROM sqlite_master
                WHERE type = 'view' AND name = 'ssrlink_portal_link' AND sql LIKE '%FROM CON c%');
SELECT 'ssrlink: the view ssrlink_school reads the table SCL, which does not exist; '
       || 'replace it (DROP VIEW IF EXISTS ssrlink_school, then CREATE VIEW ssrlink_school '
       || 'over your SIS) as docs/dba-guide.md section 4 ("Map the views onto your SIS") shows.'
       AS ssrlink_notice
 WHERE NOT EXISTS (SELECT 1 FROM sqlite_master
                    WHERE type IN ('table', 'view') AND name = 'SCL' COLLATE NOCASE)
   AND EXISTS (SELECT 1 FROM sqlite_master
                WHERE type = 'view' AND name = 'ssrlink_school' AND sql LIKE '%FROM SCL k%');

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 1, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'initial schema'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 1);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 2, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'sweep notice state'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 2);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 3, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'viewers bound to the data, audited actors'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 3);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 4, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'ETS tokens shared across processes'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 4);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 5, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'district settings, schedule, summaries'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 5);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 6, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'student names in ssrlink_student'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 6);
