-- ssrlink migration 0002 for SQLite: the notification sweep's notice state (version 2).
-- SQLite has no ADD COLUMN IF NOT EXISTS: run this file once, only when
--   SELECT COUNT(*) FROM ssrlink_schema_version WHERE version = 2
-- answers 0 (a database created by an install.sql that already holds version 2 must skip it).
-- ssrlink_report_log.notice says what became of a newly Final report's notices: 'none',
-- 'queued', 'partial' (some guardians had no usable email) or 'no_email' (follow up by hand).
-- Sweep leases need no new column: ssrlink_sweep_lease.lease_key is
-- '<scope>@<YYYY-MM-DD>|<first student_id>|<last student_id>' (plus one '<run>|plan' row).

ALTER TABLE ssrlink_report_log ADD COLUMN notice VARCHAR(16);
CREATE INDEX IF NOT EXISTS ssrlink_outbox_student ON ssrlink_outbox (student_id);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 2, CAST(strftime('%s', 'now') AS INTEGER) * 1000, 'sweep notice state'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 2);
