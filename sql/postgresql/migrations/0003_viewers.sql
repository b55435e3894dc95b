-- ssrlink migration 0003 for PostgreSQL: viewers bound to the data, audited actors (version 3).
-- Idempotent. Run with: psql -v ON_ERROR_STOP=1 -f 0003_viewers.sql
--
-- Part 1, the plugin's own table: ssrlink_audit gains action (the C call without "ssrlink_"),
-- reason (why a viewer was refused), contact_sequence (the guardian the data bound the viewer
-- to) and call_key (unique per call, so a retried insert writes one row).
--
-- Part 2, the mapping: parent and student pages now need ssrlink_portal_link and the column
-- ssrlink_student.portal_user. The block below maps them over the reference host tables (adding
-- STU.PU and CON.PU) and only when the reference tables exist and ssrlink_student lacks
-- portal_user. If you mapped ssrlink_student yourself, add portal_user to your own view and
-- create ssrlink_portal_link over your SIS's portal accounts instead (docs/dba-guide.md,
-- "Portal accounts"); this block then leaves your views alone.

ALTER TABLE ssrlink_audit ADD COLUMN IF NOT EXISTS action VARCHAR(32) NOT NULL DEFAULT 'reports';
ALTER TABLE ssrlink_audit ADD COLUMN IF NOT EXISTS reason VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE ssrlink_audit ADD COLUMN IF NOT EXISTS contact_sequence INTEGER;
ALTER TABLE ssrlink_audit ADD COLUMN IF NOT EXISTS call_key VARCHAR(64);
CREATE UNIQUE INDEX IF NOT EXISTS ssrlink_audit_call ON ssrlink_audit (call_key);

-- Link cache entries are sealed from version 3 on; rows written before hold report links in
-- clear. They are only a cache: drop them (the next page asks ETS again).
DELETE FROM ssrlink_link_cache;

DO $$
BEGIN
  IF to_regclass('stu') IS NOT NULL AND to_regclass('con') IS NOT NULL THEN
    ALTER TABLE STU ADD COLUMN IF NOT EXISTS PU VARCHAR(128) NOT NULL DEFAULT '';
    ALTER TABLE CON ADD COLUMN IF NOT EXISTS PU VARCHAR(128) NOT NULL DEFAULT '';
    CREATE INDEX IF NOT EXISTS CON_PU ON CON (PU);
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                    WHERE table_name = 'ssrlink_student' AND column_name = 'portal_user') THEN
      -- CREATE OR REPLACE may append a column to a view; the existing columns stay as they are.
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
             COALESCE(s.PU, '') AS portal_user
        FROM STU s
       WHERE COALESCE(s.DEL, '') <> 'Y';
    END IF;
    IF to_regclass('ssrlink_portal_link') IS NULL THEN
      CREATE VIEW ssrlink_portal_link AS
      SELECT c.PU AS user_id, c.PID AS student_id, c.SQ AS contact_sequence
        FROM CON c
       WHERE COALESCE(c.PU, '') <> '' AND COALESCE(c.DEL, '') <> 'Y';
    END IF;
  END IF;
END
$$;

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 3, CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT), 'viewers bound to the data, audited actors'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 3);
