-- Worked example 2, "people and enrollments": ssrlink's four views over the host's tables of
-- ../host-tables.sql, on PostgreSQL. Run it after install.sql, or before: install.sql never replaces
-- a view that exists. Then run ../indexes.sql. One transaction, so a page never finds a view gone.
--
-- The custom_<id> columns: look the ids up in the field table and put them below, e.g.
--   SELECT id, title, type FROM custom_fields
--    WHERE title IN ('SSID', 'Do Not Release', 'Hide Contact Information', 'Home Language');
-- Here: 100 SSID, 101 Do Not Release ('Y'/NULL), 102 Hide Contact Information ('Y'/NULL),
-- 103 Home Language (a language name).
--
-- Rules this mapping keeps (docs/dba-guide.md, section 4):
--   - one row per student: the student's latest school year (MAX(syear)) picks one enrollment;
--     a plain join of students and student_enrollment gives a row per year;
--   - contact_sequence is the host's own person_id, stable for the contact's life (never
--     ROW_NUMBER(), which renumbers when a contact is added or removed);
--   - no bare CAST of host text: a grade or language the CASE does not know becomes NULL or a
--     documented default instead of failing every page and sweep on one odd row.
-- Deleted rows are gone from this host's tables, so no view filters on a deleted flag.
-- The SQLite mapping is the same but for ssrlink_contact (it says why).

BEGIN;

DROP VIEW IF EXISTS ssrlink_student;
CREATE VIEW ssrlink_student AS
SELECT s.student_id                                  AS student_id,
       CAST(e.school_id AS VARCHAR(10))              AS school_code,
       COALESCE(s.custom_100, '')                    AS ssid,
       -- CALPADS language codes; a language without a code here reads as English ('00'), the
       -- language ssrlink falls back to. Add the languages your district uses.
       CASE s.custom_103
            WHEN 'English' THEN '00' WHEN 'Spanish' THEN '01' WHEN 'Vietnamese' THEN '02'
            WHEN 'Cantonese' THEN '03' WHEN 'Korean' THEN '04' WHEN 'Filipino' THEN '05'
            WHEN 'Mandarin' THEN '07'
            ELSE '00' END                            AS correspondence_language,
       -- -1 TK, 0 K, 1..12; preschool (PK), ungraded (UG) and anything else: NULL.
       CASE g.short_name
            WHEN 'TK' THEN -1 WHEN 'KG' THEN 0
            WHEN '01' THEN 1 WHEN '02' THEN 2 WHEN '03' THEN 3 WHEN '04' THEN 4
            WHEN '05' THEN 5 WHEN '06' THEN 6 WHEN '07' THEN 7 WHEN '08' THEN 8
            WHEN '09' THEN 9 WHEN '10' THEN 10 WHEN '11' THEN 11 WHEN '12' THEN 12
            ELSE NULL END                            AS grade,
       CASE WHEN s.custom_101 = 'Y' THEN 1 ELSE 0 END AS do_not_release,
       CASE WHEN s.custom_102 = 'Y' THEN 1 ELSE 0 END AS hide_contact,
       ''                                            AS tag,
       -- An end date with a drop code is a withdrawal; without one it is the end of a year.
       CASE WHEN e.drop_code IS NOT NULL THEN e.end_date END AS leave_date,
       COALESCE(s.username, '')                      AS portal_user,
       -- The names tell siblings apart on the family page and sort the Manager's list.
       s.first_name                                  AS first_name,
       s.last_name                                   AS last_name
  FROM students s
  JOIN student_enrollment e ON e.student_id = s.student_id
  LEFT JOIN school_gradelevels g ON g.id = e.grade_id
 WHERE e.syear = (SELECT MAX(l.syear) FROM student_enrollment l
                   WHERE l.student_id = s.student_id);

DROP VIEW IF EXISTS ssrlink_contact;
CREATE VIEW ssrlink_contact AS
SELECT j.student_id                                  AS student_id,
       j.person_id                                   AS contact_sequence,
       -- MIN: a person with two Email rows still has one contact row (a join would give two).
       COALESCE((SELECT MIN(c.value) FROM people_join_contacts c
                  WHERE c.person_id = j.person_id AND c.title = 'Email'), '') AS email,
       CASE WHEN j.custody = 'Y' THEN 1 ELSE 0 END   AS educational_rights,
       -- The host keeps no language per contact: the student's home language, as above.
       CASE s.custom_103
            WHEN 'English' THEN '00' WHEN 'Spanish' THEN '01' WHEN 'Vietnamese' THEN '02'
            WHEN 'Cantonese' THEN '03' WHEN 'Korean' THEN '04' WHEN 'Filipino' THEN '05'
            WHEN 'Mandarin' THEN '07'
            ELSE '00' END                            AS language,
       0                                             AS hide_contact  -- no such flag here
  FROM students_join_people j
  JOIN students s ON s.student_id = j.student_id;

-- A parent account of the latest school year, tied to a student, acting as its own person.
DROP VIEW IF EXISTS ssrlink_portal_link;
CREATE VIEW ssrlink_portal_link AS
SELECT u.username                                    AS user_id,
       ju.student_id                                 AS student_id,
       u.person_id                                   AS contact_sequence
  FROM students_join_users ju
  JOIN staff u ON u.staff_id = ju.staff_id
 WHERE u.profile = 'parent'
   AND u.person_id IS NOT NULL
   AND u.syear = (SELECT MAX(k.syear) FROM schools k);

-- Each school's row of its latest school year.
DROP VIEW IF EXISTS ssrlink_school;
CREATE VIEW ssrlink_school AS
SELECT CAST(k.id AS VARCHAR(10))                     AS school_code,
       k.title                                       AS name,
       k.cds_code                                    AS cds
  FROM schools k
 WHERE k.syear = (SELECT MAX(y.syear) FROM schools y WHERE y.id = k.id);

COMMIT;
