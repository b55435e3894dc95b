-- Worked example 2, "people and enrollments": the host's own tables, for both
-- PostgreSQL and SQLite (SQLite keeps a DATE as 'YYYY-MM-DD' text). Not part of
-- ssrlink: this is the shape of a school information system that keeps
--   - students with extra fields as columns named custom_<id>, described by a field table
--     custom_fields (the SSID, Do Not Release, Hide Contact Information and the home language
--     are such fields, so their column names differ from district to district);
--   - contacts as people, tied to students by students_join_people (custody 'Y' meaning the
--     person holds educational rights), their email in a key-value table people_join_contacts;
--   - parent portal accounts as rows of the users table staff (profile 'parent'), one row per
--     account and school year, tied to students by students_join_users;
--   - one enrollment row per student and school year, with the grade level as a per-school row
--     of school_gradelevels whose short_name is text ('TK', 'KG', '01'..'12', 'PK', 'UG');
--   - schools keyed by (syear, id): each school year has its own row of every school;
--   - no deleted flags: a deleted student, contact or account is a row that is gone.
-- <dialect>/mapping.sql maps ssrlink's four views onto it; indexes.sql adds what those views need.
-- Only the keys the host itself would have are declared here.

CREATE TABLE schools (
  syear    INTEGER NOT NULL,       -- the school year by its first calendar year: 2026 = 2026-27
  id       INTEGER NOT NULL,
  title    VARCHAR(100) NOT NULL,
  cds_code VARCHAR(14),            -- the 14-digit County-District-School code
  address  VARCHAR(100),
  PRIMARY KEY (syear, id)
);

CREATE TABLE school_gradelevels (
  id         INTEGER PRIMARY KEY,
  school_id  INTEGER NOT NULL,
  short_name VARCHAR(3) NOT NULL,  -- 'TK', 'KG', '01' .. '12', 'PK' (preschool), 'UG' (ungraded)
  title      VARCHAR(50) NOT NULL,
  sort_order INTEGER
);

-- What each students.custom_<id> column holds. type 'text' is free text, 'radio' is 'Y' or NULL,
-- 'select' one of a list of values.
CREATE TABLE custom_fields (
  id    INTEGER PRIMARY KEY,
  title VARCHAR(100) NOT NULL,
  type  VARCHAR(20) NOT NULL
);

CREATE TABLE students (
  student_id  INTEGER PRIMARY KEY,
  first_name  VARCHAR(50) NOT NULL,
  last_name   VARCHAR(50) NOT NULL,
  username    VARCHAR(100),        -- the student's own portal login, NULL when none
  custom_100  VARCHAR(255),        -- 'SSID'
  custom_101  VARCHAR(255),        -- 'Do Not Release'
  custom_102  VARCHAR(255),        -- 'Hide Contact Information'
  custom_103  VARCHAR(255),        -- 'Home Language'
  custom_104  VARCHAR(255)         -- 'Allergies' (not read by ssrlink)
);

CREATE TABLE people (
  person_id   INTEGER PRIMARY KEY,
  first_name  VARCHAR(50) NOT NULL,
  last_name   VARCHAR(50) NOT NULL
);

-- A person's relation to a student. custody 'Y': holds the student's educational rights.
CREATE TABLE students_join_people (
  student_id INTEGER NOT NULL REFERENCES students (student_id),
  person_id  INTEGER NOT NULL REFERENCES people (person_id),
  custody    CHAR(1),              -- 'Y' or NULL
  emergency  CHAR(1),              -- 'Y' or NULL
  relation   VARCHAR(50),
  PRIMARY KEY (student_id, person_id)
);

-- Contact details as key-value rows: title 'Email', 'Cell Phone', 'Work Phone', ...
CREATE TABLE people_join_contacts (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people (person_id),
  title     VARCHAR(100) NOT NULL,
  value     VARCHAR(255)
);

-- Every account that signs in: teachers, administrators, parents; one row per school year, so
-- an account is (username, syear). A parent account names the person it belongs to in
-- person_id (NULL for staff): a parent signs in as one person, so a column is enough, where a
-- link table would let one account be several people, which no portal needs.
CREATE TABLE staff (
  staff_id   INTEGER PRIMARY KEY,
  syear      INTEGER NOT NULL,
  username   VARCHAR(100) NOT NULL,
  first_name VARCHAR(50) NOT NULL,
  last_name  VARCHAR(50) NOT NULL,
  profile    VARCHAR(30) NOT NULL, -- 'admin', 'teacher', 'parent', ...
  person_id  INTEGER REFERENCES people (person_id),
  UNIQUE (syear, username)
);

-- Which parent accounts may see which students.
CREATE TABLE students_join_users (
  student_id INTEGER NOT NULL REFERENCES students (student_id),
  staff_id   INTEGER NOT NULL REFERENCES staff (staff_id),
  PRIMARY KEY (student_id, staff_id)
);

-- One row per student and school year (the host's application keeps it so: a move to another
-- school within the year updates the row). end_date with a drop_code: the student withdrew.
CREATE TABLE student_enrollment (
  id         INTEGER PRIMARY KEY,
  syear      INTEGER NOT NULL,
  school_id  INTEGER NOT NULL,
  student_id INTEGER NOT NULL REFERENCES students (student_id),
  grade_id   INTEGER REFERENCES school_gradelevels (id),
  start_date DATE,
  end_date   DATE,
  drop_code  VARCHAR(10)
);
