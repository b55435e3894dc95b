-- ssrlink migration 0003 for SQL Server: viewers bound to the data, audited actors (version 3).
-- Idempotent.
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL scripts by hand, and the test every_dialect_creates_the_same_tables_and_columns
-- (tests/integration/odbc/schema_scripts_test.cpp) holds its tables and columns to them.
-- That test reads CREATE TABLE statements only; this migration's ALTER TABLE lines are held
-- to the PostgreSQL file of the same name by eye.
-- Run with: sqlcmd -b -i 0003_viewers.sql
--
-- Part 1, the plugin's own table: ssrlink_audit gains action, reason, contact_sequence and
-- call_key (unique per call, so a retried insert writes one row).
-- Part 2, the mapping over the reference host tables: STU.PU, CON.PU, ssrlink_student with
-- portal_user and ssrlink_portal_link, each only when missing. If you mapped ssrlink_student
-- yourself, add portal_user to it and create ssrlink_portal_link over your SIS's portal
-- accounts instead (docs/dba-guide.md, "Portal accounts").

IF COL_LENGTH(N'dbo.ssrlink_audit', N'action') IS NULL
ALTER TABLE dbo.ssrlink_audit ADD action NVARCHAR(32) NOT NULL DEFAULT 'reports',
  reason NVARCHAR(64) NOT NULL DEFAULT '', contact_sequence INT NULL, call_key VARCHAR(64) NULL;
GO
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_audit_call')
CREATE UNIQUE INDEX ssrlink_audit_call ON dbo.ssrlink_audit (call_key) WHERE call_key IS NOT NULL;
GO

-- Link cache entries are sealed from version 3 on; rows written before hold report links in
-- clear. They are only a cache: drop them (the next page asks ETS again).
DELETE FROM dbo.ssrlink_link_cache;
GO

IF OBJECT_ID(N'dbo.STU', N'U') IS NOT NULL AND COL_LENGTH(N'dbo.STU', N'PU') IS NULL
ALTER TABLE dbo.STU ADD PU NVARCHAR(128) NOT NULL DEFAULT '';
GO
IF OBJECT_ID(N'dbo.CON', N'U') IS NOT NULL AND COL_LENGTH(N'dbo.CON', N'PU') IS NULL
ALTER TABLE dbo.CON ADD PU NVARCHAR(128) NOT NULL DEFAULT '';
GO
IF OBJECT_ID(N'dbo.CON', N'U') IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'CON_PU')
CREATE INDEX CON_PU ON dbo.CON (PU);
GO

IF OBJECT_ID(N'dbo.STU', N'U') IS NOT NULL AND COL_LENGTH(N'dbo.ssrlink_student', N'portal_user') IS NULL
EXEC(N'ALTER VIEW dbo.ssrlink_student AS
SELECT s.ID AS student_id,
       CAST(s.SC AS VARCHAR(10)) AS school_code,
       COALESCE(s.CID, '''') AS ssid,
       s.CL AS correspondence_language,
       s.GR AS grade,
       CASE WHEN s.DNR = ''Y'' THEN 1 ELSE 0 END AS do_not_release,
       CASE WHEN s.HCI = ''Y'' THEN 1 ELSE 0 END AS hide_contact,
       s.TG AS tag,
       s.LD AS leave_date,
       COALESCE(s.PU, '''') AS portal_user
  FROM dbo.STU s
 WHERE COALESCE(s.DEL, '''') <> ''Y''');
GO

IF OBJECT_ID(N'dbo.CON', N'U') IS NOT NULL AND OBJECT_ID(N'dbo.ssrlink_portal_link', N'V') IS NULL
EXEC(N'CREATE VIEW dbo.ssrlink_portal_link AS
SELECT c.PU AS user_id, c.PID AS student_id, c.SQ AS contact_sequence
  FROM dbo.CON c
 WHERE COALESCE(c.PU, '''') <> '''' AND COALESCE(c.DEL, '''') <> ''Y''');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 3)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (3, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'viewers bound to the data, audited actors');
GO
