-- ssrlink install script for Microsoft SQL Server: the plugin's tables and the ssrlink_* views,
-- at the current schema version. Idempotent: run it again at any time; it creates only what is
-- missing and never replaces a view a DBA has mapped. It also upgrades an older database in
-- place (migrations/ holds the same steps one by one; docs/dba-guide.md). Current version: 6.
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL scripts by hand, and the test every_dialect_creates_the_same_tables_and_columns
-- (tests/integration/odbc/schema_scripts_test.cpp) holds its tables and columns to them.
-- Any change to sql/postgresql/install.sql must be made here too.
-- Every instant is a BIGINT count of milliseconds since 1970-01-01 UTC; dates are 'YYYY-MM-DD'.
-- Text the plugin writes is NVARCHAR so UTF-8 from the plugin keeps every character.
-- Works on any SIS: every plugin table, index and version row is created even without the
-- reference host's tables STU, CON and SCL; a view that would read a missing one is left out
-- with a PRINT naming it, for you to map (docs/dba-guide.md, section 4).
-- Run with: sqlcmd -b -i install.sql (GO separates batches); then grants.sql (section 5).

IF OBJECT_ID(N'dbo.ssrlink_schema_version', N'U') IS NULL
CREATE TABLE dbo.ssrlink_schema_version (
  version     INT NOT NULL PRIMARY KEY,
  applied_at  BIGINT NOT NULL,
  description NVARCHAR(200) NOT NULL
);
GO

-- TOMS credentials: one row per scope ('district' or a school code). The Secret Key is sealed
-- (AES-256-GCM) with a key kept outside the database.
IF OBJECT_ID(N'dbo.ssrlink_credentials', N'U') IS NULL
CREATE TABLE dbo.ssrlink_credentials (
  scope         NVARCHAR(64) NOT NULL PRIMARY KEY,
  username      NVARCHAR(256) NOT NULL,
  sealed_secret NVARCHAR(MAX) NOT NULL,
  expires_on    VARCHAR(10) NOT NULL,
  updated_at    BIGINT NOT NULL
);
GO

-- Report links from ETS, shared by every host process; rows die with the links (about 30
-- minutes) and are deleted on the next write after they expire.
IF OBJECT_ID(N'dbo.ssrlink_link_cache', N'U') IS NULL
CREATE TABLE dbo.ssrlink_link_cache (
  cache_key  NVARCHAR(255) NOT NULL PRIMARY KEY,
  payload    NVARCHAR(MAX) NOT NULL,
  expires_at BIGINT NOT NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_link_cache_expires')
CREATE INDEX ssrlink_link_cache_expires ON dbo.ssrlink_link_cache (expires_at);
GO

-- ETS bearer tokens shared by every host process (version 4): one row per credential set
-- ('<scope>:<when its pair was stored>'), the token sealed (AES-256-GCM) under the same key as
-- the Secret Keys. A row dies with its token (ETS sets the lifetime) and is deleted on the
-- next write after it expires.
IF OBJECT_ID(N'dbo.ssrlink_ets_token', N'U') IS NULL
CREATE TABLE dbo.ssrlink_ets_token (
  set_id       NVARCHAR(128) NOT NULL PRIMARY KEY,
  sealed_token NVARCHAR(MAX) NOT NULL,
  expires_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);
GO

-- One row per page request: who looked at which student's page and what they were offered.
IF OBJECT_ID(N'dbo.ssrlink_audit', N'U') IS NULL
CREATE TABLE dbo.ssrlink_audit (
  id         BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  at         BIGINT NOT NULL,
  role       NVARCHAR(16) NOT NULL,
  user_id    NVARCHAR(128) NOT NULL,
  student_id BIGINT NOT NULL,
  page       NVARCHAR(32) NOT NULL,
  outcome    NVARCHAR(32) NOT NULL,
  offered    NVARCHAR(MAX) NOT NULL,
  action           NVARCHAR(32) NOT NULL DEFAULT 'reports',
  reason           NVARCHAR(64) NOT NULL DEFAULT '',
  contact_sequence INT NULL,
  call_key         VARCHAR(64) NULL
);
GO
IF COL_LENGTH(N'dbo.ssrlink_audit', N'action') IS NULL
ALTER TABLE dbo.ssrlink_audit ADD action NVARCHAR(32) NOT NULL DEFAULT 'reports',
  reason NVARCHAR(64) NOT NULL DEFAULT '', contact_sequence INT NULL, call_key VARCHAR(64) NULL;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_audit_at')
CREATE INDEX ssrlink_audit_at ON dbo.ssrlink_audit (at);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_audit_student')
CREATE INDEX ssrlink_audit_student ON dbo.ssrlink_audit (student_id);
GO
-- Filtered: rows written before version 3 have no call_key, and SQL Server's unique indexes
-- would otherwise admit only one NULL.
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_audit_call')
CREATE UNIQUE INDEX ssrlink_audit_call ON dbo.ssrlink_audit (call_key) WHERE call_key IS NOT NULL;
GO

-- Notification sweep: every report seen per SSID, so a parent hears of each report once;
-- notice (version 2) is none, queued, partial or no_email.
IF OBJECT_ID(N'dbo.ssrlink_report_log', N'U') IS NULL
CREATE TABLE dbo.ssrlink_report_log (
  student_id BIGINT NOT NULL,
  ssid       VARCHAR(10) NOT NULL,
  report_key NVARCHAR(255) NOT NULL,
  test       NVARCHAR(32) NOT NULL,
  year       NVARCHAR(16) NOT NULL,
  status     NVARCHAR(32) NOT NULL,
  found_at   BIGINT NOT NULL,
  emailed_at BIGINT NULL,
  viewed_at  BIGINT NULL,
  notice     VARCHAR(16) NULL,
  PRIMARY KEY (ssid, report_key)
);
GO
-- Brings a version 1 table up to date too, so this script also upgrades.
IF COL_LENGTH(N'dbo.ssrlink_report_log', N'notice') IS NULL
ALTER TABLE dbo.ssrlink_report_log ADD notice VARCHAR(16) NULL;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_report_log_student')
CREATE INDEX ssrlink_report_log_student ON dbo.ssrlink_report_log (student_id);
GO

-- Mail for the host's mailer: it sends rows with sent_at NULL and then sets sent_at. kind
-- (version 5) is 'notice' (a parent's notice of a new report) or 'summary' (a summary for staff).
IF OBJECT_ID(N'dbo.ssrlink_outbox', N'U') IS NULL
CREATE TABLE dbo.ssrlink_outbox (
  id               BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
  student_id       BIGINT NOT NULL,
  contact_sequence INT NOT NULL,
  recipient        NVARCHAR(320) NOT NULL,
  language         NVARCHAR(8) NOT NULL,
  subject          NVARCHAR(400) NOT NULL,
  body_text        NVARCHAR(MAX) NOT NULL,
  body_html        NVARCHAR(MAX) NOT NULL,
  report_key       NVARCHAR(255) NOT NULL,
  created_at       BIGINT NOT NULL,
  claimed_at       BIGINT NULL,
  claimed_by       NVARCHAR(128) NULL,
  sent_at          BIGINT NULL,
  kind             NVARCHAR(16) NOT NULL DEFAULT N'notice',
  CONSTRAINT ssrlink_outbox_once UNIQUE (student_id, contact_sequence, report_key)
);
GO
-- Brings a version 4 table up to date too, so this script also upgrades.
IF COL_LENGTH(N'dbo.ssrlink_outbox', N'kind') IS NULL
ALTER TABLE dbo.ssrlink_outbox ADD kind NVARCHAR(16) NOT NULL DEFAULT N'notice';
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_outbox_unsent')
CREATE INDEX ssrlink_outbox_unsent ON dbo.ssrlink_outbox (sent_at, id);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_outbox_student'
               AND object_id = OBJECT_ID(N'dbo.ssrlink_outbox'))
CREATE INDEX ssrlink_outbox_student ON dbo.ssrlink_outbox (student_id);
GO

-- Splits one sweep between processes: a worker claims a slice (named by lease_key) until
-- expires_at; done_at marks it finished.
IF OBJECT_ID(N'dbo.ssrlink_sweep_lease', N'U') IS NULL
CREATE TABLE dbo.ssrlink_sweep_lease (
  lease_key  NVARCHAR(128) NOT NULL PRIMARY KEY,
  worker     NVARCHAR(128) NOT NULL,
  claimed_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  done_at    BIGINT NULL
);
GO

-- The district's settings (version 5): one row per setting, its value JSON text, who saved it
-- and when.
IF OBJECT_ID(N'dbo.ssrlink_settings', N'U') IS NULL
CREATE TABLE dbo.ssrlink_settings (
  name       NVARCHAR(64) NOT NULL PRIMARY KEY,
  value      NVARCHAR(MAX) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by NVARCHAR(128) NOT NULL
);
GO

-- Scheduled runs (version 5): one row per run, slot the due time in UTC
-- ('YYYY-MM-DDTHH:MM:SSZ'). Inserting a slot that exists fails: exactly one process runs it.
IF OBJECT_ID(N'dbo.ssrlink_schedule_run', N'U') IS NULL
CREATE TABLE dbo.ssrlink_schedule_run (
  slot        NVARCHAR(32) NOT NULL PRIMARY KEY,
  worker      NVARCHAR(128) NOT NULL,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT NULL,
  outcome     NVARCHAR(32) NULL
);
GO

-- The views the plugin reads. Map them onto another schema by editing the SELECTs (keep the
-- column names and types): see docs/dba-guide.md. Flags are 0/1; deleted rows are left out.
-- Created only when absent (CREATE VIEW must be alone in its batch, hence EXEC), so a mapped
-- view survives a rerun, and either order works (install then map, or map then install). The
-- views below read the reference host's tables STU, CON and SCL; a view whose table is not there
-- is not created and a PRINT names it: map that view onto your SIS (docs/dba-guide.md, section 4).
-- The students' names (version 6) are read only by the Manager and the family page. A view that
-- exists is never replaced, so an older database gains them with migrations/0006_student_names.sql.
IF OBJECT_ID(N'dbo.ssrlink_student') IS NULL AND OBJECT_ID(N'dbo.STU') IS NULL
  PRINT N'ssrlink: the view ssrlink_student was not created because there is no table STU; '
        + N'create it over your SIS as docs/dba-guide.md section 4 '
        + N'("Map the views onto your SIS") shows.';
ELSE IF OBJECT_ID(N'dbo.ssrlink_student') IS NULL
  EXEC(N'CREATE VIEW dbo.ssrlink_student AS
SELECT s.ID AS student_id,
       CAST(s.SC AS VARCHAR(10)) AS school_code,
       COALESCE(s.CID, '''') AS ssid,
       s.CL AS correspondence_language,
       s.GR AS grade,
       CASE WHEN s.DNR = ''Y'' THEN 1 ELSE 0 END AS do_not_release,
       CASE WHEN s.HCI = ''Y'' THEN 1 ELSE 0 END AS hide_contact,
       s.TG AS tag,
       s.LD AS leave_date,
       COALESCE(s.PU, '''') AS portal_user,
       s.FN AS first_name,
       s.LN AS last_name
  FROM dbo.STU s
 WHERE COALESCE(s.DEL, '''') <> ''Y''');
GO

IF OBJECT_ID(N'dbo.ssrlink_contact') IS NULL AND OBJECT_ID(N'dbo.CON') IS NULL
  PRINT N'ssrlink: the view ssrlink_contact was not created because there is no table CON; '
        + N'create it over your SIS as docs/dba-guide.md section 4 '
        + N'("Map the views onto your SIS") shows.';
ELSE IF OBJECT_ID(N'dbo.ssrlink_contact') IS NULL
  EXEC(N'CREATE VIEW dbo.ssrlink_contact AS
SELECT c.PID AS student_id,
       c.SQ AS contact_sequence,
       c.EM AS email,
       CASE WHEN c.ED = ''Y'' THEN 1 ELSE 0 END AS educational_rights,
       c.CL AS language,
       CASE WHEN c.HCI = ''Y'' THEN 1 ELSE 0 END AS hide_contact
  FROM dbo.CON c
 WHERE COALESCE(c.DEL, '''') <> ''Y''');
GO

IF OBJECT_ID(N'dbo.ssrlink_portal_link') IS NULL AND OBJECT_ID(N'dbo.CON') IS NULL
  PRINT N'ssrlink: the view ssrlink_portal_link was not created because there is no table CON; '
        + N'create it over your SIS as docs/dba-guide.md section 4 '
        + N'("Map the views onto your SIS") shows.';
ELSE IF OBJECT_ID(N'dbo.ssrlink_portal_link') IS NULL
  EXEC(N'CREATE VIEW dbo.ssrlink_portal_link AS
SELECT c.PU AS user_id, c.PID AS student_id, c.SQ AS contact_sequence
  FROM dbo.CON c
 WHERE COALESCE(c.PU, '''') <> '''' AND COALESCE(c.DEL, '''') <> ''Y''');
GO

IF OBJECT_ID(N'dbo.ssrlink_school') IS NULL AND OBJECT_ID(N'dbo.SCL') IS NULL
  PRINT N'ssrlink: the view ssrlink_school was not created because there is no table SCL; '
        + N'create it over your SIS as docs/dba-guide.md section 4 '
        + N'("Map the views onto your SIS") shows.';
ELSE IF OBJECT_ID(N'dbo.ssrlink_school') IS NULL
  EXEC(N'CREATE VIEW dbo.ssrlink_school AS
SELECT CAST(k.SC AS VARCHAR(10)) AS school_code, k.NM AS name, k.CDS AS cds
  FROM dbo.SCL k');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 1)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (1, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'initial schema');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 2)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (2, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'sweep notice state');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 3)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (3, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'viewers bound to the data, audited actors');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 4)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (4, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'ETS tokens shared across processes');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 5)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (5, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'district settings, schedule, summaries');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 6)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (6, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'student names in ssrlink_student');
GO
