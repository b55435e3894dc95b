-- ssrlink migration 0006 for PostgreSQL: the students' names in the view ssrlink_student
-- (version 6). Idempotent. Run with: psql -v ON_ERROR_STOP=1 -f 0006_student_names.sql
--
-- It adds the columns first_name and last_name to ssrlink_student (text; empty or NULL when the
-- host has none). Only the Manager (the staff list in the Manager's order, with names) and the
-- family page (a parent's students) read them; pages for one student and sweeps do not, so until
-- the view has them those work as before, and the Manager and the family page fail with a
-- sentence naming ssrlink_student, the column and this file.
--
-- The block below maps them over the reference host table STU (STU.FN and STU.LN), and only
-- where ssrlink_student is still the reference view: the table STU exists, the view reads it,
-- and the view has no first_name yet. CREATE OR REPLACE VIEW appends the two columns and keeps
-- the view's grants, so grants.sql need not run again. If you mapped ssrlink_student yourself,
-- this block leaves it alone: add first_name and last_name to your own view (docs/dba-guide.md,
-- section 4). The version row is recorded either way.

DO $$
BEGIN
  IF to_regclass('stu') IS NOT NULL
     AND to_regclass('ssrlink_student') IS NOT NULL
     -- the view's rewrite rule depends on STU: the view reads it
     AND EXISTS (SELECT 1 FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                  WHERE r.ev_class = to_regclass('ssrlink_student')
                    AND d.refobjid = to_regclass('stu'))
     AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                      WHERE a.attrelid = to_regclass('ssrlink_student')
                        AND a.attname = 'first_name' AND NOT a.attisdropped) THEN
    CREATE OR REPLACE VIEW ssrlink_student AS
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
  END IF;
END
$$;

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 6, CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT), 'student names in ssrlink_student'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 6);
