-- ssrlink migration 0006 for SQL Server: the students' names in the view ssrlink_student
-- (version 6). Idempotent.
-- Provided, untested: no SQL Server runs in this project's tests; kept in step with the
-- PostgreSQL file of the same name by hand.
-- Run with: sqlcmd -b -i 0006_student_names.sql
--
-- It adds the columns first_name and last_name to ssrlink_student (text; empty or NULL when the
-- host has none). Only the Manager (the staff list in the Manager's order, with names) and the
-- family page (a parent's students) read them; pages for one student and sweeps do not, so until
-- the view has them those work as before, and the Manager and the family page fail with a
-- sentence naming ssrlink_student, the column and this file.
--
-- The statement below maps them over the reference host table dbo.STU (STU.FN and STU.LN), and
-- only where ssrlink_student is still the reference view: the table exists, the view reads it,
-- and the view has no first_name yet. ALTER VIEW keeps the view's permissions, so grants.sql
-- need not run again. If you mapped ssrlink_student yourself, it is left alone: add first_name
-- and last_name to your own view (docs/dba-guide.md, section 4). The version row is recorded
-- either way.

IF OBJECT_ID(N'dbo.STU', N'U') IS NOT NULL
   AND OBJECT_ID(N'dbo.ssrlink_student', N'V') IS NOT NULL
   AND COL_LENGTH(N'dbo.ssrlink_student', N'first_name') IS NULL
   AND EXISTS (SELECT 1 FROM sys.sql_expression_dependencies
                WHERE referencing_id = OBJECT_ID(N'dbo.ssrlink_student')
                  AND referenced_entity_name = N'STU')
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
       COALESCE(s.PU, '''') AS portal_user,
       s.FN AS first_name,
       s.LN AS last_name
  FROM dbo.STU s
 WHERE COALESCE(s.DEL, '''') <> ''Y''');
GO

IF NOT EXISTS (SELECT 1 FROM dbo.ssrlink_schema_version WHERE version = 6)
INSERT INTO dbo.ssrlink_schema_version (version, applied_at, description)
VALUES (6, DATEDIFF_BIG(millisecond, '1970-01-01', SYSUTCDATETIME()), N'student names in ssrlink_student');
GO
