-- ssrlink migration 0002 for SQL Server: the notification sweep's notice state (version 2).
-- Idempotent. ssrlink_report_log.notice says what became of a newly Final report's notices:
-- 'none', 'queued', 'partial' (some guardians had no usable email) or 'no_email' (follow up by
-- hand). Sweep leases need no new column: ssrlink_sweep_lease.lease_key is
-- '<scope>@<YYYY-MM-DD>|<first student_id>|<last student_id>' (plus one '<run>|plan' row).
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL scripts by hand, and the test every_dialect_creates_the_same_tables_and_columns
-- (tests/integration/odbc/schema_scripts_test.cpp) holds its tables and columns to them.
-- That test reads CREATE TABLE statements only; this migration's ALTER TABLE lines are held
-- to the PostgreSQL file of the same name by eye.
-- Run with: sqlcmd -b -i 0002_sweep.sql

IF COL_LENGTH(N'dbo.ssrlink_report_log', N'notice') IS NULL
ALTER TABLE dbo.ssrlink_report_log ADD notice VARCHAR(16) NULL;
GO

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ssrlink_outbox_student'
               AND object_id = OBJECT_ID(N'dbo.ssrlink_outbox'))
CREATE INDEX ssrlink_outbox_student ON dbo.ssrlink_outbox (student_id);
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 2)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (2, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'sweep notice state');
GO
