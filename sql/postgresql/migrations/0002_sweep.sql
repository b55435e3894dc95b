-- ssrlink migration 0002 for PostgreSQL: the notification sweep's notice state (version 2).
-- Idempotent. ssrlink_report_log.notice says what became of a newly Final report's notices:
-- 'none' (not notifying: Preliminary, an earlier school year), 'queued' (every guardian with
-- educational rights has a notice in ssrlink_outbox), 'partial' (some had no usable email) or
-- 'no_email' (none had one: follow up by hand). Staff list filters on it.
-- Sweep leases need no new column: ssrlink_sweep_lease.lease_key is
-- '<scope>@<YYYY-MM-DD>|<first student_id>|<last student_id>' (plus one '<run>|plan' row).
-- Run with: psql -v ON_ERROR_STOP=1 -f 0002_sweep.sql

ALTER TABLE ssrlink_report_log ADD COLUMN IF NOT EXISTS notice VARCHAR(16);
CREATE INDEX IF NOT EXISTS ssrlink_outbox_student ON ssrlink_outbox (student_id);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 2, CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT), 'sweep notice state'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 2);
