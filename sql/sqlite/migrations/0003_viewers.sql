-- ssrlink migration 0003 for SQLite: viewers bound to the data, audited actors (version 3).
-- SQLite has no ADD COLUMN IF NOT EXISTS: run this file once, only when
--   SELECT COUNT(*) FROM ssrlink_schema_version WHERE version = 3
-- answers 0 (a database created by an install.sql that already holds version 3 must skip it).
--
-- Part 1, the plugin's own table: ssrlink_audit gains action (the C call without "ssrlink_"),
-- reason (why a viewer was refused), contact_sequence (the guardian the data bound the viewer
-- to) and call_key (unique per call, so a retried insert writes one row).
--
-- Part 2, the mapping: parent and student pages now need ssrlink_portal_link and the column
-- ssrlink_student.portal_user. The statements below map them over the reference host tables
-- (adding STU.PU and CON.PU). If you mapped ssrlink_student yourself, do not run part 2: add
-- portal_user to your own view and create ssrlink_portal_link over your SIS's portal accounts
-- instead (docs/dba-guide.md, "Portal accounts").

ALTER TABLE ssrlink_audit ADD COLUMN action VARCHAR(32) NOT NULL DEFAULT 'reports';
ALTER TABLE ssrlink_audit ADD COLUMN reason VARCHAR(64) NOT NULL DEFAULT '';
ALTER TABLE ssrlink_audit ADD COLUMN contact_sequence INTEGER;
ALTER TABLE ssrlink_audit ADD COLUMN call_key VARCHAR(64);
CREATE UNIQUE INDEX IF NOT EXISTS ssrlink_audit_call ON ssrlink_audit (call_key);

-- Link cache entries are sealed from version 3 on; rows written before hold report links in
-- clear. They are only a cache: drop them (the next page asks ETS again).
-- Then run VACUUM, so the freed pages no longer hold the old bytes.
DELETE FROM ssrlink_link_cache;

-- Part 2 (reference host tables only).
ALTER TABLE STU ADD COLUMN PU VARCHAR(128) NOT NULL DEFAULT '';
ALTER TABLE CON ADD COLUMN PU VARCHAR(128) NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS CON_PU ON CON (PU);

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
       COALESCE(s.PU, '') AS portal_user
  FROM STU s
 WHERE COALESCE(s.DEL, '') <> 'Y';

CREATE VIEW IF NOT EXISTS ssrlink_portal_link AS
SELECT c.PU AS user_id, c.PID AS student_id, c.SQ AS contact_sequence
  FROM CON c
 WHERE COALESCE(c.PU, '') <> '' AND COALESCE(c.DEL, '') <> 'Y';

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 3, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 'viewers bound to the data, audited actors'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 3);
