-- Worked example 1, "a host with different names": ssrlink's four views over the tables of
-- host-tables.sql (PostgreSQL). Run it after install.sql (or before: install.sql never
-- replaces a view that exists). One transaction, so a page never finds a view missing.
BEGIN;

DROP VIEW IF EXISTS ssrlink_student;
CREATE VIEW ssrlink_student AS
SELECT p.pupil_no                                  AS student_id,
       p.campus                                    AS school_code,
       COALESCE(p.state_id, '')                    AS ssid,
       COALESCE(p.home_lang, '00')                 AS correspondence_language,
       -- Every grade spelled out: a CAST of the text would fail every sweep on one 'PK' or
       -- 'UG'. Those, and anything unknown, are NULL.
       CASE p.grade_level
            WHEN 'TK' THEN -1 WHEN 'K' THEN 0
            WHEN '1' THEN 1 WHEN '2' THEN 2 WHEN '3' THEN 3 WHEN '4' THEN 4
            WHEN '5' THEN 5 WHEN '6' THEN 6 WHEN '7' THEN 7 WHEN '8' THEN 8
            WHEN '9' THEN 9 WHEN '10' THEN 10 WHEN '11' THEN 11 WHEN '12' THEN 12
            ELSE NULL END                          AS grade,
       CASE WHEN p.no_release THEN 1 ELSE 0 END    AS do_not_release,
       CASE WHEN p.portal_hidden THEN 1 ELSE 0 END AS hide_contact,
       ''                                          AS tag,
       p.withdrawn_on                              AS leave_date,
       COALESCE(p.portal_login, '')                AS portal_user,
       -- The names tell siblings apart on the family page and sort the Manager's list.
       COALESCE(p.given_name, '')                  AS first_name,
       COALESCE(p.surname, '')                     AS last_name
  FROM pupils p
 WHERE NOT p.is_deleted;

DROP VIEW IF EXISTS ssrlink_contact;
CREATE VIEW ssrlink_contact AS
SELECT g.pupil_no                                     AS student_id,
       g.seq                                          AS contact_sequence,
       COALESCE(g.mail, '')                           AS email,
       CASE WHEN g.edu_rights = 'Y' THEN 1 ELSE 0 END AS educational_rights,
       COALESCE(g.lang, '00')                         AS language,
       0                                              AS hide_contact
  FROM guardians g
 WHERE g.deleted_at IS NULL;

-- Accounts live apart from guardians, tied to them by account_guardians. A link to a removed
-- guardian needs no filter here: ssrlink_contact has no row for it, so it entitles no one.
DROP VIEW IF EXISTS ssrlink_portal_link;
CREATE VIEW ssrlink_portal_link AS
SELECT a.login     AS user_id,
       ag.pupil_no AS student_id,
       ag.seq      AS contact_sequence
  FROM account_guardians ag
  JOIN portal_accounts a ON a.account_id = ag.account_id
 WHERE NOT a.disabled;

DROP VIEW IF EXISTS ssrlink_school;
CREATE VIEW ssrlink_school AS
SELECT c.campus   AS school_code,
       c.name     AS name,
       c.cds_code AS cds
  FROM campuses c;

COMMIT;
