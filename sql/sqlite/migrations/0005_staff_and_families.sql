-- ssrlink migration 0005 for SQLite: what district staff and families use beside the page
-- (version 5). Idempotent: it may be run again, on a database at version 4 (made by the
-- migrations or by install.sql of version 4) or on one already at version 5.
-- Run with: sqlite3 -bail DATABASE < 0005_staff_and_families.sql
-- (-bail: the shell stops at the first error, so the transaction below is never committed half
-- done; without it the shell goes on to the next statement.)
--
-- It adds:
--   ssrlink_settings      the district's settings, one row per setting (value is JSON text);
--   ssrlink_schedule_run  one row per scheduled run (slot: the due time in UTC,
--                         'YYYY-MM-DDTHH:MM:SSZ'); inserting a slot that exists fails, which is
--                         how exactly one host process runs it;
--   ssrlink_outbox.kind   'notice' (a parent's notice, every row written before) or 'summary'.
-- Until this runs the page and the sweep work as before; reading or saving the settings fails
-- with a sentence naming ssrlink_settings and this file. SQLite has no grants (on PostgreSQL
-- and SQL Server grants.sql gives the plugin's login the two new tables).
--
-- Why ssrlink_outbox is rebuilt: SQLite has no ADD COLUMN IF NOT EXISTS and no statement that
-- runs only when a column is missing, so a plain ALTER TABLE ... ADD COLUMN kind would fail on
-- a second run and on a database made by install.sql of version 5 (0002 and 0003 are
-- "run once" files for that reason). Instead the table is rebuilt in its version 5 shape, every
-- time, inside one transaction (SQLite's documented way to change a table, "Making Other Kinds
-- Of Table Schema Changes"): create ssrlink_outbox_v5, copy every row, drop ssrlink_outbox,
-- rename the copy, recreate the two indexes. The copy reads kind where the table has it and
-- 'notice' where it does not: in the subquery below, `kind` names the column of the outbox row
-- when there is one, and otherwise (SQL resolves a name in the innermost query that has it)
-- the constant of the outer query; so a rerun keeps 'summary' rows. Ids are kept, and so is
-- the AUTOINCREMENT counter, so an id is never handed out twice. legacy_alter_table stops the
-- rename from re-checking every view: a placeholder view over a missing host table (install.sql
-- on a SIS of another shape) would otherwise make it fail.
-- Indexes or triggers of your own on ssrlink_outbox are dropped with it: recreate them after.
-- Run it while the host's mailer is not writing: if another connection holds a write,
-- BEGIN IMMEDIATE fails ("database is locked") before anything changed; run it again.

CREATE TABLE IF NOT EXISTS ssrlink_settings (
  name       VARCHAR(64) NOT NULL PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by VARCHAR(128) NOT NULL
);

CREATE TABLE IF NOT EXISTS ssrlink_schedule_run (
  slot        VARCHAR(32) NOT NULL PRIMARY KEY,
  worker      VARCHAR(128) NOT NULL,
  started_at  BIGINT NOT NULL,
  finished_at BIGINT,
  outcome     VARCHAR(32)
);

PRAGMA legacy_alter_table = ON;
BEGIN IMMEDIATE;

DROP TABLE IF EXISTS ssrlink_outbox_v5;
CREATE TABLE ssrlink_outbox_v5 (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  student_id       BIGINT NOT NULL,
  contact_sequence INTEGER NOT NULL,
  recipient        VARCHAR(320) NOT NULL,
  language         VARCHAR(8) NOT NULL,
  subject          VARCHAR(400) NOT NULL,
  body_text        TEXT NOT NULL,
  body_html        TEXT NOT NULL,
  report_key       VARCHAR(255) NOT NULL,
  created_at       BIGINT NOT NULL,
  claimed_at       BIGINT,
  claimed_by       VARCHAR(128),
  sent_at          BIGINT,
  kind             VARCHAR(16) NOT NULL DEFAULT 'notice',
  UNIQUE (student_id, contact_sequence, report_key)
);

INSERT INTO ssrlink_outbox_v5 (id, student_id, contact_sequence, recipient, language, subject,
                               body_text, body_html, report_key, created_at, claimed_at,
                               claimed_by, sent_at, kind)
SELECT o.id, o.student_id, o.contact_sequence, o.recipient, o.language, o.subject,
       o.body_text, o.body_html, o.report_key, o.created_at, o.claimed_at, o.claimed_by,
       o.sent_at,
       (SELECT kind FROM ssrlink_outbox k WHERE k.id = o.id)
  FROM ssrlink_outbox o CROSS JOIN (SELECT 'notice' AS kind) AS before_version_5
 ORDER BY o.id;

-- The copy's counter is the old one (ids of deleted rows are not handed out again).
DELETE FROM sqlite_sequence WHERE name = 'ssrlink_outbox_v5';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'ssrlink_outbox_v5', seq FROM sqlite_sequence WHERE name = 'ssrlink_outbox';

DROP TABLE ssrlink_outbox;
ALTER TABLE ssrlink_outbox_v5 RENAME TO ssrlink_outbox;
CREATE INDEX IF NOT EXISTS ssrlink_outbox_unsent ON ssrlink_outbox (sent_at, id);
CREATE INDEX IF NOT EXISTS ssrlink_outbox_student ON ssrlink_outbox (student_id);

INSERT INTO ssrlink_schema_version (version, applied_at, description)
SELECT 5, CAST(strftime('%s', 'now') AS BIGINT) * 1000, 'district settings, schedule, summaries'
 WHERE NOT EXISTS (SELECT 1 FROM ssrlink_schema_version WHERE version = 5);

COMMIT;
PRAGMA legacy_alter_table = OFF;
