-- ssrlink migration 0005 for SQL Server: what district staff and families use beside the page
-- (version 5). Idempotent.
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL scripts by hand, and the test every_dialect_creates_the_same_tables_and_columns
-- (tests/integration/odbc/schema_scripts_test.cpp) holds its tables and columns to them.
-- That test reads CREATE TABLE statements only; this migration's ALTER TABLE line is held
-- to the PostgreSQL file of the same name by eye.
-- Run with: sqlcmd -b -i 0005_staff_and_families.sql
--
-- It adds:
--   ssrlink_settings      the district's settings, one row per setting (value is JSON text);
--   ssrlink_schedule_run  one row per scheduled run (slot: the due time in UTC,
--                         'YYYY-MM-DDTHH:MM:SSZ'); inserting a slot that exists fails, which is
--                         how exactly one host process runs it;
--   ssrlink_outbox.kind   'notice' (a parent's notice, every row written before) or 'summary'.
-- Until this runs the page and the sweep work as before; reading or saving the settings fails
-- with a sentence naming ssrlink_settings and this file. Afterwards grant the plugin's login
-- SELECT, INSERT, UPDATE on ssrlink_settings and SELECT, INSERT, UPDATE, DELETE on
-- ssrlink_schedule_run (run grants.sql again; docs/dba-guide.md, "Least privileges"). The
-- mailer's grant on ssrlink_outbox covers the new column.

-- The district's settings: one row per setting, its value JSON text, who saved it and when.
IF OBJECT_ID(N'dbo.ssrlink_settings', N'U') IS NULL
CREATE TABLE dbo.ssrlink_settings (
  name       NVARCHAR(64) NOT NULL PRIMARY KEY,
  value      NVARCHAR(MAX) NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by NVARCHAR(128) NOT NULL
);
GO

-- Scheduled runs: one row per run, slot the due time in UTC ('YYYY-MM-DDTHH:MM:SSZ').
-- Inserting a slot that exists fails: exactly one process runs it.
IF OBJECT_ID(N'dbo.ssrlink_schedule_run', N'U') IS NULL
CREATE TABLE dbo.ssrlink_schedule_run (
  slot        NVARCHAR(32) NOT NULL PRIMARY KEY,
  worker      NVARCHAR(128) NOT NULL,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT NULL,
  outcome     NVARCHAR(32) NULL
);
GO

-- 'notice' for every row written before; 'summary' rows come from version 5 on.
IF COL_LENGTH(N'dbo.ssrlink_outbox', N'kind') IS NULL
ALTER TABLE dbo.ssrlink_outbox ADD kind NVARCHAR(16) NOT NULL DEFAULT N'notice';
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 5)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (5, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'district settings, schedule, summaries');
GO
