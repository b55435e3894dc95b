-- Worked example 2, "people and enrollments": the indexes ssrlink's statements need on the host's
-- tables (PostgreSQL and SQLite alike), beyond the keys host-tables.sql declares. The statements are those of
-- docs/dba-guide.md ("The statements the plugin runs"); `ssrlink-host check-mapping` EXPLAINs
-- each one and names any host table it would read whole. Safe to run again.
--
-- Already served by the host's keys: students (student_id), school_gradelevels (id),
-- students_join_people (student_id, person_id) for a student's contacts, students_join_users
-- (student_id, staff_id) and staff (staff_id) for a student's portal links, staff (syear,
-- username) for an account, and schools (syear, id) for the latest school year.

-- A student's latest enrollment (every page, every sweep batch): by student, then year, so the
-- MAX(syear) of the view is one index probe.
CREATE INDEX IF NOT EXISTS ssrlink_ix_enrollment_student
  ON student_enrollment (student_id, syear);

-- A school's sweep asks ssrlink_student for one school_code, which the view computes as
-- CAST(school_id AS VARCHAR(10)): only an index on that very expression serves it.
CREATE INDEX IF NOT EXISTS ssrlink_ix_enrollment_school_code
  ON student_enrollment ((CAST(school_id AS VARCHAR(10))));

-- An account's links to its students (the family page: every student of one parent account),
-- from the account's staff row.
CREATE INDEX IF NOT EXISTS ssrlink_ix_users_staff
  ON students_join_users (staff_id);

-- A contact's email in the key-value table (a parent's page, the sweep's contacts).
CREATE INDEX IF NOT EXISTS ssrlink_ix_contacts_person
  ON people_join_contacts (person_id, title);

-- A school's latest row (the view's MAX(syear) for each school). The schools table itself, a
-- few rows per year, may be read whole when the sweep joins students to their school's name
-- (check-mapping allows that for the tables behind ssrlink_school).
CREATE INDEX IF NOT EXISTS ssrlink_ix_schools_id
  ON schools (id, syear);
