-- ssrlink grants for PostgreSQL: gives the plugin's login role ssrlink_app exactly what the
-- plugin uses, and nothing of the host's own tables (the views carry their owner's rights):
--   CONNECT on the current database, USAGE on the schema(s) holding the plugin's objects;
--   SELECT on the views ssrlink_student, ssrlink_contact, ssrlink_portal_link, ssrlink_school
--   and on ssrlink_schema_version;
--   SELECT, INSERT, UPDATE, DELETE on ssrlink_credentials, ssrlink_link_cache,
--   ssrlink_ets_token, ssrlink_report_log, ssrlink_outbox, ssrlink_sweep_lease,
--   ssrlink_schedule_run;
--   SELECT, INSERT, UPDATE on ssrlink_settings (a setting is replaced, never deleted);
--   SELECT, INSERT on ssrlink_audit (append only; SELECT for the duplicate-call check).
--
-- Before: create the role yourself, with a password of your own (this file holds none):
--   CREATE ROLE ssrlink_app LOGIN PASSWORD '...';
-- Run it as the owner of the plugin's objects, after install.sql and your view mapping, with
-- the same search_path you installed with (docs/dba-guide.md, section 5):
--   psql -v ON_ERROR_STOP=1 -d <database> -f grants.sql
-- No database or schema name is written here: the database is the one you are connected to, and
-- each object is found on the search_path (to_regclass) and granted in the schema it lives in,
-- so a separate schema (search_path = ssrlink, public) works unchanged.
-- Idempotent: run it again at any time. Run it again after you map (or remap) a view: a view
-- that does not exist yet is skipped with a NOTICE, and DROP VIEW + CREATE VIEW drops its
-- grants (CREATE OR REPLACE VIEW keeps them).
-- The host's mailer, which drains ssrlink_outbox, needs SELECT, UPDATE on that table only; grant
-- that to the mailer's own role.

DO $$
DECLARE
  grant_row RECORD;
  target REGCLASS;
  home NAME;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ssrlink_app') THEN
    RAISE EXCEPTION 'ssrlink: there is no role ssrlink_app; create it first '
                    '(CREATE ROLE ssrlink_app LOGIN PASSWORD ''...''), then run grants.sql again';
  END IF;
  IF to_regclass('ssrlink_audit') IS NULL THEN
    RAISE EXCEPTION 'ssrlink: no table ssrlink_audit on the search_path (%); run install.sql '
                    'first, with the same search_path', current_setting('search_path');
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO ssrlink_app', current_database());
  FOR grant_row IN
    SELECT * FROM (VALUES
      ('ssrlink_student', 'SELECT', TRUE),
      ('ssrlink_contact', 'SELECT', TRUE),
      ('ssrlink_portal_link', 'SELECT', TRUE),
      ('ssrlink_school', 'SELECT', TRUE),
      ('ssrlink_schema_version', 'SELECT', FALSE),
      ('ssrlink_credentials', 'SELECT, INSERT, UPDATE, DELETE', FALSE),
      ('ssrlink_link_cache', 'SELECT, INSERT, UPDATE, DELETE', FALSE),
      ('ssrlink_ets_token', 'SELECT, INSERT, UPDATE, DELETE', FALSE),
      ('ssrlink_report_log', 'SELECT, INSERT, UPDATE, DELETE', FALSE),
      ('ssrlink_outbox', 'SELECT, INSERT, UPDATE, DELETE', FALSE),
      ('ssrlink_sweep_lease', 'SELECT, INSERT, UPDATE, DELETE', FALSE),
      ('ssrlink_schedule_run', 'SELECT, INSERT, UPDATE, DELETE', FALSE),
      ('ssrlink_settings', 'SELECT, INSERT, UPDATE', FALSE),
      ('ssrlink_audit', 'SELECT, INSERT', FALSE)
    ) AS wanted (object_name, privileges, is_view)
  LOOP
    target := to_regclass(grant_row.object_name);
    IF target IS NULL AND grant_row.is_view THEN
      RAISE NOTICE 'ssrlink: the view % does not exist yet, so ssrlink_app was not granted it; '
                   'map it (docs/dba-guide.md, section 4), then run grants.sql again.',
                   grant_row.object_name;
      CONTINUE;
    ELSIF target IS NULL THEN
      RAISE EXCEPTION 'ssrlink: no table % on the search_path (%); run install.sql first',
                      grant_row.object_name, current_setting('search_path');
    END IF;
    SELECT n.nspname INTO home
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = target;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO ssrlink_app', home);
    -- A regclass prints as the name qualified (and quoted) as needed to find this very object.
    EXECUTE format('GRANT %s ON %s TO ssrlink_app', grant_row.privileges, target);
  END LOOP;
END
$$;
