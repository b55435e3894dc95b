-- ssrlink migration 0005 for PostgreSQL: what district staff and families use beside the page
-- (version 5). Idempotent. Run with: psql -v ON_ERROR_STOP=1 -f 0005_staff_and_families.sql
--
-- It adds:
--   ssrlink_settings      the district's settings, one row per setting (value is JSON text);
--   ssrlink_schedule_run  one row per scheduled run (slot: the due time in UTC,
--                         'YYYY-MM-DDTHH:MM:SSZ'); inserting a slot that exists fails, which is
--                         how exactly one host process runs it;
--   ssrlink_outbox.kind   'notice' (a parent's notice, every row written before) or 'summary'.
-- Until this runs the page and the sweep work as before; reading or saving the settings fails
-- with a sentence naming ssrlink_settings and this file. Afterwards grant the plugin's login
-- SELECT, INSERT, UPDATE on ssrlink_settings and SELECT, INSERT, UPDATE, DELETE on
-- ssrlink_schedule_run (run grants.sql again; docs/dba-guide.md, "Least privileges"). The
-- mailer's grant on ssrlink_outbox covers the new column.

-- The district's settings: one row per setting, its value JSON text, who saved it and when.
CREATE TABLE IF NOT EXISTS ssrlink_settings (
  name       VARCHAR(64) NOT NULL PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL
);

-- Scheduled runs: one row per run, slot the due time in UTC ('YYYY-MM-DDTHH:MM:SSZ').
-- Inserting a slot that exists fails: exactly one process runs it.
CREATE TABLE IF NOT EXISTS ssrlink_schedule_run (
  slot        VARCHAR(32) NOT NULL PRIMARY KEY,
  worker      VARCHAR(128) NOT NULL,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT,
  outcome     VARCHAR(32)
);

-- 'notice' for every row written before; 'summary' rows come from version 5 on.
ALTER TABLE ssrlink_outbox ADD COLUMN IF NOT EXISTS kind VARCHAR(16) NOT NULL DEFAULT 'notice';

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 5, CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT), 'district settings, schedule, summaries'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 5);
