-- ssrlink migration 0004 for SQL Server: ETS tokens shared across host processes (version 4).
-- Idempotent.
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL scripts by hand, and the test every_dialect_creates_the_same_tables_and_columns
-- (tests/integration/odbc/schema_scripts_test.cpp) holds its tables and columns to them.
-- Run with: sqlcmd -b -i 0004_ets_token.sql
--
-- Until this runs, the plugin works as before, but each host process (each PHP-FPM request,
-- for example) asks ETS for a bearer token of its own; the log says so once per process,
-- naming this file. Afterwards grant the plugin's login SELECT, INSERT, UPDATE, DELETE on
-- ssrlink_ets_token (docs/dba-guide.md, "Least privileges").
--
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

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 4)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (4, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'ETS tokens shared across processes');
GO
