-- ssrlink migration 0001 for SQLite: the initial schema (version 1). Idempotent, like every
-- migration: it creates only what is missing. install.sql builds the
-- schema of the newest migration in one go (the tests hold the two together).
-- Every instant is a BIGINT count of milliseconds since 1970-01-01 UTC; dates are 'YYYY-MM-DD'.

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

-- One row per page request: who looked at which student's page and what they were offered.
CREATE TABLE IF NOT EXISTS ssrlink_audit (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         BIGINT NOT NULL,
  role       VARCHAR(16) NOT NULL,
  user_id    VARCHAR(128) NOT NULL,
  student_id BIGINT NOT NULL,
  page       VARCHAR(32) NOT NULL,
  outcome    VARCHAR(32) NOT NULL,
  offered    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ssrlink_audit_at ON ssrlink_audit (at);
CREATE INDEX IF NOT EXISTS ssrlink_audit_student ON ssrlink_audit (student_id);

-- Notification sweep: every report seen per SSID, so a parent hears of each report once.
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
  PRIMARY KEY (ssid, report_key)
);
CREATE INDEX IF NOT EXISTS ssrlink_report_log_student ON ssrlink_report_log (student_id);

-- Notices for the host's mailer: it sends rows with sent_at NULL and then sets sent_at.
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
  UNIQUE (student_id, contact_sequence, report_key)
);
CREATE INDEX IF NOT EXISTS ssrlink_outbox_unsent ON ssrlink_outbox (sent_at, id);

-- Splits one sweep between processes: a worker claims a slice (named by lease_key) until
-- expires_at; done_at marks it finished.
CREATE TABLE IF NOT EXISTS ssrlink_sweep_lease (
  lease_key  VARCHAR(128) NOT NULL PRIMARY KEY,
  worker     VARCHAR(128) NOT NULL,
  claimed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  done_at    BIGINT
);

-- The views the plugin reads. Map them onto another schema by editing the SELECTs (keep the
-- column names and types): see docs/dba-guide.md. Flags are 0/1; deleted rows are left out.
CREATE VIEW IF NOT EXISTS ssrlink_student AS
SELECT s.ID AS student_id,
       CAST(s.SC AS VARCHAR(10)) AS school_code,
       COALESCE(s.CID, '') AS ssid,
       s.CL AS correspondence_language,
       s.GR AS grade,
       CASE WHEN s.DNR = 'Y' THEN 1 ELSE 0 END AS do_not_release,
       CASE WHEN s.HCI = 'Y' THEN 1 ELSE 0 END AS hide_contact,
       s.TG AS tag,
       s.LD AS leave_date
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

CREATE VIEW IF NOT EXISTS ssrlink_school AS
SELECT CAST(k.SC AS VARCHAR(10)) AS school_code, k.NM AS name, k.CDS AS cds
  FROM SCL k;

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 1, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'initial schema'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 1);
