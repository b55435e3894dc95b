-- ssrlink migration 0006 for SQLite: the students' names in the view ssrlink_student (version 6).
-- Idempotent: it may be run again, on a database at version 5 (made by the migrations or by
-- install.sql of version 5) or on one already at version 6.
-- Run with: sqlite3 -bail DATABASE < 0006_student_names.sql
--
-- It adds the columns first_name and last_name to ssrlink_student (text; empty or NULL when the
-- host has none). Only the Manager (the staff list in the Manager's order, with names) and the
-- family page (a parent's students) read them; pages for one student and sweeps do not, so until
-- this runs they work as before, and the Manager and the family page fail with a sentence naming
-- ssrlink_student, the column and this file.
--
-- The whole file is the reference mapping: it re-creates ssrlink_student over the reference host
-- table STU (STU.FN and STU.LN). SQLite cannot run a statement only when a view is still the
-- reference one, so:
--   - if ssrlink_student is still install.sql's view over STU, run this file;
--   - if you mapped ssrlink_student yourself, do NOT run it (it would replace your view): add
--     first_name and last_name to your own view instead (docs/dba-guide.md, section 4), then
--     record the version with the INSERT at the end of this file.
-- SQLite has no grants: nothing to grant afterwards.

BEGIN IMMEDIATE;

DROP VIEW IF EXISTS ssrlink_student;
CREATE VIEW ssrlink_student AS
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

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 6, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'student names in ssrlink_student'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 6);

COMMIT;
