-- ssrlink migration 0001 for Microsoft SQL Server: the initial schema (version 1). Idempotent,
-- like every migration: it creates only what is missing. install.sql builds the
-- schema of the newest migration in one go (the tests hold the two together).
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL scripts by hand, and the test every_dialect_creates_the_same_tables_and_columns
-- (tests/integration/odbc/schema_scripts_test.cpp) holds its tables and columns to them.
-- Any change to sql/postgresql/migrations/0001_initial.sql must be made here too.
-- Every instant is a BIGINT count of milliseconds since 1970-01-01 UTC; dates are 'YYYY-MM-DD'.
-- Text the plugin writes is NVARCHAR so UTF-8 from the plugin keeps every character.
-- Run with: sqlcmd -b -i migrations\0001_initial.sql (GO separates batches).

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
  offered    NVARCHAR(MAX) NOT NULL
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_audit_at')
CREATE INDEX ssrlink_audit_at ON dbo.ssrlink_audit (at);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_audit_student')
CREATE INDEX ssrlink_audit_student ON dbo.ssrlink_audit (student_id);
GO

-- Notification sweep: every report seen per SSID, so a parent hears of each report once.
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
  PRIMARY KEY (ssid, report_key)
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_report_log_student')
CREATE INDEX ssrlink_report_log_student ON dbo.ssrlink_report_log (student_id);
GO

-- Notices for the host's mailer: it sends rows with sent_at NULL and then sets sent_at.
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
  CONSTRAINT ssrlink_outbox_once UNIQUE (student_id, contact_sequence, report_key)
);
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_outbox_unsent')
CREATE INDEX ssrlink_outbox_unsent ON dbo.ssrlink_outbox (sent_at, id);
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

-- The views the plugin reads. Map them onto another schema by editing the SELECTs (keep the
-- column names and types): see docs/dba-guide.md. Flags are 0/1; deleted rows are left out.
-- Created only when absent (CREATE VIEW must be alone in its batch, hence EXEC), so a mapped
-- view survives a rerun.
IF OBJECT_ID(N'dbo.ssrlink_student', N'V') IS NULL
EXEC(N'CREATE VIEW dbo.ssrlink_student AS
SELECT s.ID AS student_id,
       CAST(s.SC AS VARCHAR(10)) AS school_code,
       COALESCE(s.CID, '''') AS ssid,
       s.CL AS correspondence_language,
       s.GR AS grade,
       CASE WHEN s.DNR = ''Y'' THEN 1 ELSE 0 END AS do_not_release,
       CASE WHEN s.HCI = ''Y'' THEN 1 ELSE 0 END AS hide_contact,
       s.TG AS tag,
       s.LD AS leave_date
  FROM dbo.STU s
 WHERE COALESCE(s.DEL, '''') <> ''Y''');
GO

IF OBJECT_ID(N'dbo.ssrlink_contact', N'V') IS NULL
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

IF OBJECT_ID(N'dbo.ssrlink_school', N'V') IS NULL
EXEC(N'CREATE VIEW dbo.ssrlink_school AS
SELECT CAST(k.SC AS VARCHAR(10)) AS school_code, k.NM AS name, k.CDS AS cds
  FROM dbo.SCL k');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 1)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (1, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'initial schema');
GO
