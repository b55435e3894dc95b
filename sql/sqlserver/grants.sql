-- ssrlink grants for Microsoft SQL Server: gives the plugin's database user ssrlink_app exactly
-- what the plugin uses, and nothing of the host's own tables (the views read them through
-- ownership chaining):
--   SELECT on the views ssrlink_student, ssrlink_contact, ssrlink_portal_link, ssrlink_school
--   and on ssrlink_schema_version;
--   SELECT, INSERT, UPDATE, DELETE on ssrlink_credentials, ssrlink_link_cache,
--   ssrlink_ets_token, ssrlink_report_log, ssrlink_outbox, ssrlink_sweep_lease,
--   ssrlink_schedule_run;
--   SELECT, INSERT, UPDATE on ssrlink_settings (a setting is replaced, never deleted);
--   SELECT, INSERT on ssrlink_audit (append only; SELECT for the duplicate-call check).
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL scripts by hand (sql/postgresql/grants.sql, which the tests run), and the test
-- every_dialect_creates_the_same_tables_and_columns (tests/integration/odbc/schema_scripts_test.cpp)
-- holds the tables and columns of install.sql to them.
--
-- Before: create the login and its user in the SIS database yourself, with a password of your
-- own (this file holds none):
--   CREATE LOGIN ssrlink_app WITH PASSWORD = '...';
--   CREATE USER ssrlink_app FOR LOGIN ssrlink_app;
-- Run it in the SIS database, after install.sql and your view mapping:
--   sqlcmd -S <server> -d <database> -b -i grants.sql
-- No database or schema name is written here: GRANT applies to the current database, and each
-- object is found the way the plugin's unqualified statements find it (the default schema,
-- then dbo) and granted in the schema it lives in.
-- Idempotent: run it again at any time. Run it again after you map (or remap) a view: a view
-- that does not exist yet is skipped with a PRINT, and DROP VIEW + CREATE VIEW drops its
-- grants (ALTER VIEW keeps them).
-- The host's mailer, which drains ssrlink_outbox, needs SELECT, UPDATE on that table only; grant
-- that to the mailer's own user.

SET NOCOUNT ON;
IF DATABASE_PRINCIPAL_ID(N'ssrlink_app') IS NULL
BEGIN
  RAISERROR(N'ssrlink: there is no database user ssrlink_app; create it first (CREATE LOGIN, then CREATE USER ssrlink_app FOR LOGIN ssrlink_app), then run grants.sql again.', 16, 1);
  RETURN;
END
IF OBJECT_ID(N'ssrlink_audit', N'U') IS NULL
BEGIN
  RAISERROR(N'ssrlink: there is no table ssrlink_audit in this database; run install.sql first.', 16, 1);
  RETURN;
END

GRANT CONNECT TO ssrlink_app;

DECLARE @wanted TABLE (object_name SYSNAME NOT NULL, privileges NVARCHAR(100) NOT NULL,
                       is_view BIT NOT NULL);
INSERT INTO @wanted (object_name, privileges, is_view) VALUES
  (N'ssrlink_student', N'SELECT', 1),
  (N'ssrlink_contact', N'SELECT', 1),
  (N'ssrlink_portal_link', N'SELECT', 1),
  (N'ssrlink_school', N'SELECT', 1),
  (N'ssrlink_schema_version', N'SELECT', 0),
  (N'ssrlink_credentials', N'SELECT, INSERT, UPDATE, DELETE', 0),
  (N'ssrlink_link_cache', N'SELECT, INSERT, UPDATE, DELETE', 0),
  (N'ssrlink_ets_token', N'SELECT, INSERT, UPDATE, DELETE', 0),
  (N'ssrlink_report_log', N'SELECT, INSERT, UPDATE, DELETE', 0),
  (N'ssrlink_outbox', N'SELECT, INSERT, UPDATE, DELETE', 0),
  (N'ssrlink_sweep_lease', N'SELECT, INSERT, UPDATE, DELETE', 0),
  (N'ssrlink_schedule_run', N'SELECT, INSERT, UPDATE, DELETE', 0),
  (N'ssrlink_settings', N'SELECT, INSERT, UPDATE', 0),
  (N'ssrlink_audit', N'SELECT, INSERT', 0);

DECLARE @name SYSNAME, @privileges NVARCHAR(100), @is_view BIT, @sql NVARCHAR(600);
DECLARE wanted CURSOR LOCAL FAST_FORWARD FOR
  SELECT object_name, privileges, is_view FROM @wanted;
OPEN wanted;
FETCH NEXT FROM wanted INTO @name, @privileges, @is_view;
WHILE @@FETCH_STATUS = 0
BEGIN
  IF OBJECT_ID(@name) IS NULL AND @is_view = 1
    PRINT N'ssrlink: the view ' + @name + N' does not exist yet, so ssrlink_app was not granted '
          + N'it; map it (docs/dba-guide.md, section 4), then run grants.sql again.';
  ELSE IF OBJECT_ID(@name) IS NULL
  BEGIN
    RAISERROR(N'ssrlink: there is no table %s in this database; run install.sql first.', 16, 1,
              @name);
    RETURN;
  END
  ELSE
  BEGIN
    SET @sql = N'GRANT ' + @privileges + N' ON '
               + QUOTENAME(OBJECT_SCHEMA_NAME(OBJECT_ID(@name))) + N'.' + QUOTENAME(@name)
               + N' TO ssrlink_app';
    EXEC (@sql);
  END
  FETCH NEXT FROM wanted INTO @name, @privileges, @is_view;
END
CLOSE wanted;
DEALLOCATE wanted;
GO
