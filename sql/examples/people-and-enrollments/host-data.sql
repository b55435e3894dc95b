-- Worked example 2, "people and enrollments": a small district in the host's tables (PostgreSQL
-- and SQLite alike). Two school years, 2025 (2025-26) and 2026 (2026-27, the
-- latest). What the rows are for:
--   1001 Ana     school 1, enrolled both years (KG, then 01); Spanish; two parents with custody
--                (501, 502) and a grandmother without (503); portal account maria.alvarez
--                (person 501) has a row each year, rosa.alvarez (503) only this year
--   1002 Ben     moved from school 1 (05, 2025) to school 2 (06, 2026); parent 504, account
--                beth.brooks
--   1003 Cara    school 1, TK, this year only; Cantonese; parent 505
--   1004 Dan     Do Not Release; school 1 both years (03, then 04); parent 506, account lucia.diaz
--   1005 Eve     no SSID; school 2, 07; parent 507
--   1006 Finn    school 3 both years (11, then 12); Vietnamese; two parents with custody (508,
--                509) sharing one mailbox, written in different case
--   1007 Gia     school 3, ungraded (UG); her only contact (510) is an aunt without custody
--   1008 Hugo    Hide Contact Information; school 2, 08; withdrew on 2026-10-15; parent 511
--   1009 Ivy     school 1, PK; Korean; parent 512 with custody but no email on file
-- 9 students, 13 enrollment rows. A join of students and enrollments without picking the latest
-- year gives 13 rows; ssrlink_student must give 9.

INSERT INTO schools (syear, id, title, cds_code, address) VALUES
  (2025, 1, 'Lincoln Elementary School', '01611196000001', '1 Oak St'),
  (2026, 1, 'Lincoln Elementary', '01611196000001', '1 Oak St'),
  (2025, 2, 'Washington Middle', '01611196000002', '2 Elm St'),
  (2026, 2, 'Washington Middle', '01611196000002', '2 Elm St'),
  (2025, 3, 'Roosevelt High', '01611196000003', '3 Pine St'),
  (2026, 3, 'Roosevelt High', '01611196000003', '3 Pine St');

INSERT INTO school_gradelevels (id, school_id, short_name, title, sort_order) VALUES
  (1, 1, 'PK', 'Preschool', 1),
  (2, 1, 'TK', 'Transitional Kindergarten', 2),
  (3, 1, 'KG', 'Kindergarten', 3),
  (4, 1, '01', 'First Grade', 4),
  (5, 1, '02', 'Second Grade', 5),
  (6, 1, '03', 'Third Grade', 6),
  (7, 1, '04', 'Fourth Grade', 7),
  (8, 1, '05', 'Fifth Grade', 8),
  (9, 2, '06', 'Sixth Grade', 1),
  (10, 2, '07', 'Seventh Grade', 2),
  (11, 2, '08', 'Eighth Grade', 3),
  (12, 3, '09', 'Ninth Grade', 1),
  (13, 3, '10', 'Tenth Grade', 2),
  (14, 3, '11', 'Eleventh Grade', 3),
  (15, 3, '12', 'Twelfth Grade', 4),
  (16, 3, 'UG', 'Ungraded', 5);

INSERT INTO custom_fields (id, title, type) VALUES
  (100, 'SSID', 'text'),
  (101, 'Do Not Release', 'radio'),
  (102, 'Hide Contact Information', 'radio'),
  (103, 'Home Language', 'select'),
  (104, 'Allergies', 'text');

INSERT INTO students (student_id, first_name, last_name, username,
                      custom_100, custom_101, custom_102, custom_103, custom_104) VALUES
  (1001, 'Ana', 'Alvarez', 'ana.alvarez', '3000000001', NULL, NULL, 'Spanish', NULL),
  (1002, 'Ben', 'Brooks', 'ben.brooks', '3000000002', NULL, NULL, 'English', 'Peanuts'),
  (1003, 'Cara', 'Chen', NULL, '3000000003', NULL, NULL, 'Cantonese', NULL),
  (1004, 'Dan', 'Diaz', 'dan.diaz', '3000000004', 'Y', NULL, 'English', NULL),
  (1005, 'Eve', 'Evans', NULL, NULL, NULL, NULL, 'English', NULL),
  (1006, 'Finn', 'Fox', 'finn.fox', '3000000006', NULL, NULL, 'Vietnamese', NULL),
  (1007, 'Gia', 'Gomez', NULL, '3000000007', NULL, NULL, 'Spanish', NULL),
  (1008, 'Hugo', 'Hill', NULL, '3000000008', NULL, 'Y', 'English', NULL),
  (1009, 'Ivy', 'Ito', NULL, '3000000009', NULL, NULL, 'Korean', NULL);

INSERT INTO people (person_id, first_name, last_name) VALUES
  (501, 'Maria', 'Alvarez'), (502, 'Jose', 'Alvarez'), (503, 'Rosa', 'Alvarez'),
  (504, 'Beth', 'Brooks'), (505, 'Wei', 'Chen'), (506, 'Lucia', 'Diaz'), (507, 'Tom', 'Evans'),
  (508, 'Kim', 'Fox'), (509, 'Lee', 'Fox'), (510, 'Ines', 'Gomez'), (511, 'Ruth', 'Hill'),
  (512, 'Ken', 'Ito');

INSERT INTO students_join_people (student_id, person_id, custody, emergency, relation) VALUES
  (1001, 501, 'Y', 'Y', 'Mother'),
  (1001, 502, 'Y', NULL, 'Father'),
  (1001, 503, NULL, 'Y', 'Grandmother'),
  (1002, 504, 'Y', 'Y', 'Mother'),
  (1003, 505, 'Y', 'Y', 'Father'),
  (1004, 506, 'Y', 'Y', 'Mother'),
  (1005, 507, 'Y', 'Y', 'Father'),
  (1006, 508, 'Y', 'Y', 'Mother'),
  (1006, 509, 'Y', NULL, 'Father'),
  (1007, 510, NULL, 'Y', 'Aunt'),
  (1008, 511, 'Y', 'Y', 'Mother'),
  (1009, 512, 'Y', 'Y', 'Father');

INSERT INTO people_join_contacts (id, person_id, title, value) VALUES
  (1, 501, 'Email', 'maria.alvarez@example.org'),
  (2, 501, 'Cell Phone', '555-0101'),
  (3, 502, 'Email', 'jose.alvarez@example.org'),
  (4, 503, 'Email', 'rosa.alvarez@example.org'),
  (5, 504, 'Email', 'beth.brooks@example.org'),
  (6, 505, 'Email', 'wei.chen@example.org'),
  (7, 506, 'Email', 'lucia.diaz@example.org'),
  (8, 507, 'Email', 'tom.evans@example.org'),
  (9, 508, 'Email', 'fox.family@example.org'),
  (10, 509, 'Email', 'Fox.Family@Example.org'),
  (11, 510, 'Email', 'ines.gomez@example.org'),
  (12, 511, 'Email', 'ruth.hill@example.org'),
  (13, 512, 'Cell Phone', '555-0112');

-- Staff accounts (no person) and parent accounts; maria.alvarez also has last year's row.
INSERT INTO staff (staff_id, syear, username, first_name, last_name, profile, person_id) VALUES
  (8001, 2025, 'maria.alvarez', 'Maria', 'Alvarez', 'parent', 501),
  (9001, 2026, 'maria.alvarez', 'Maria', 'Alvarez', 'parent', 501),
  (9003, 2026, 'rosa.alvarez', 'Rosa', 'Alvarez', 'parent', 503),
  (9004, 2026, 'beth.brooks', 'Beth', 'Brooks', 'parent', 504),
  (9006, 2026, 'lucia.diaz', 'Lucia', 'Diaz', 'parent', 506),
  (9100, 2026, 'admin', 'Pat', 'Principal', 'admin', NULL),
  (9101, 2026, 'j.teacher', 'Jo', 'Teacher', 'teacher', NULL);

INSERT INTO students_join_users (student_id, staff_id) VALUES
  (1001, 8001), (1001, 9001), (1001, 9003), (1002, 9004), (1004, 9006);

INSERT INTO student_enrollment (id, syear, school_id, student_id, grade_id, start_date, end_date,
                                drop_code) VALUES
  (1, 2025, 1, 1001, 3, '2025-08-13', '2026-06-11', NULL),
  (2, 2026, 1, 1001, 4, '2026-08-12', NULL, NULL),
  (3, 2025, 1, 1002, 8, '2025-08-13', '2026-06-11', NULL),
  (4, 2026, 2, 1002, 9, '2026-08-12', NULL, NULL),
  (5, 2026, 1, 1003, 2, '2026-08-12', NULL, NULL),
  (6, 2025, 1, 1004, 6, '2025-08-13', '2026-06-11', NULL),
  (7, 2026, 1, 1004, 7, '2026-08-12', NULL, NULL),
  (8, 2026, 2, 1005, 10, '2026-08-12', NULL, NULL),
  (9, 2025, 3, 1006, 14, '2025-08-13', '2026-06-11', NULL),
  (10, 2026, 3, 1006, 15, '2026-08-12', NULL, NULL),
  (11, 2026, 3, 1007, 16, '2026-08-12', NULL, NULL),
  (12, 2026, 2, 1008, 11, '2026-08-12', '2026-10-15', 'TRANSFER'),
  (13, 2026, 1, 1009, 1, '2026-08-12', NULL, NULL);

-- What ssrlink must make of these rows (tests/integration/mapping checks each number). With one
-- Final report of the current school year for every student with an SSID, a dry-run sweep
-- ({"scope": "district", "dry_run": true}) reports:
--   students_checked 9   one per student, though there are 13 enrollment rows
--   no_ssid          1   1005
--   new_reports      8   one per student with an SSID
--   notices_queued   7   1001: 501 and 502 (503 holds no custody); 1002, 1003, 1004 and 1008
--                        one each (Do Not Release and Hide Contact Information still notify,
--                        asking the parent to contact the school); 1006: 508 and 509 share one
--                        mailbox, so one notice; 1007: no contact with custody; 1009: no email
--   no_email         1   1009's parent 512 holds custody but has no email
-- By school, this year: school 1 (1001, 1003, 1004, 1009) 4 checked, 4 notices; school 2 (1002,
-- who moved there from school 1, 1005, 1008) 3 checked, 2 notices; school 3 (1006, 1007) 2
-- checked, 1 notice. ssrlink_school has 3 rows, each named as in 2026 ('Lincoln Elementary').
