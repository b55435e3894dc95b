-- ssrlink migration 0004 for PostgreSQL: ETS tokens shared across host processes (version 4).
-- Idempotent. Run with: psql -v ON_ERROR_STOP=1 -f 0004_ets_token.sql
--
-- Until this runs, the plugin works as before, but each host process (each PHP-FPM request,
-- for example) asks ETS for a bearer token of its own; the log says so once per process,
-- naming this file. Afterwards grant the plugin's login SELECT, INSERT, UPDATE, DELETE on
-- ssrlink_ets_token (docs/dba-guide.md, "Least privileges").
--
-- ETS bearer tokens shared by every host process (version 4): one row per credential set
-- ('<scope>:<when its pair was stored>'), the token sealed (AES-256-GCM) under the same key as
-- the Secret Keys. A row dies with its token (ETS sets the lifetime) and is deleted on the
-- next write after it expires.
CREATE TABLE IF NOT EXISTS ssrlink_ets_token (
  set_id       VARCHAR(128) NOT NULL PRIMARY KEY,
  sealed_token TEXT NOT NULL,
  expires_at   BIGINT NOT NULL,
  updated_at   BIGINT NOT NULL
);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 4, CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT), 'ETS tokens shared across processes'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 4);
